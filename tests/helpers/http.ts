import type { ApiClient } from '@japa/api-client'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

export const SESSION_COOKIE = 'krai-session'

/**
 * Reads the CSRF token a page renders into its forms.
 */
export function csrfTokenFrom(html: string) {
  const match = html.match(/name='_csrf' value='([^']+)'/)
  if (!match) throw new Error('No CSRF token on the page')
  return match[1]
}

/**
 * Opens the login page on a host and posts the form like a browser does.
 * Returns the response of the POST and the session cookie to reuse.
 */
export async function signIn(client: ApiClient, host: string, email: string, password = TEST_PASSWORD) {
  const page = await client.get('/login').header('host', host)
  const session = page.cookie(SESSION_COOKIE)?.value
  const response = await client
    .post('/login')
    .header('host', host)
    .withCookie(SESSION_COOKIE, session)
    .form({ _csrf: csrfTokenFrom(page.text()), email, password })
    .redirects(0)
  return { response, session: response.cookie(SESSION_COOKIE)?.value ?? session }
}

/**
 * Issues an API token over HTTP.
 */
export async function issueToken(client: ApiClient, host: string, email: string, password = TEST_PASSWORD) {
  const response = await client.post('/api/v1/auth/tokens').header('host', host).json({ email, password })
  return response.body().token as string
}

/**
 * Posts a form with the session and CSRF token of a page, like a browser,
 * and follows the redirect on the same host (the HTTP client would drop the
 * Host header when following it by itself).
 */
export async function submitForm(
  client: ApiClient,
  host: string,
  session: string | undefined,
  pagePath: string,
  action: string,
  fields: Record<string, string>
) {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, session)
  const posted = await client
    .post(action)
    .header('host', host)
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, session)
    .form({ _csrf: csrfTokenFrom(page.text()), ...fields })
    .redirects(0)
  const location = posted.header('location')
  if (posted.status() !== 302 || !location) return posted
  const nextSession = posted.cookie(SESSION_COOKIE)?.value ?? session
  const path = location.replace(/^https?:\/\/[^/]+/, '')
  return client.get(path).header('host', host).withCookie(SESSION_COOKIE, nextSession)
}
