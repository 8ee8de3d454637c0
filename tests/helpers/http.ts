import http from 'node:http'
import type { ApiClient } from '@japa/api-client'
import env from '#start/env'
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
 * Opens a page and posts a form from it like a browser: same session, the
 * page's CSRF token, the page as referer. The redirect is not followed.
 * Without a session one is started by opening the page.
 */
export async function postFrom(
  client: ApiClient,
  host: string,
  session: string | undefined,
  pagePath: string,
  action: string,
  fields: Record<string, string>
) {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, session)
  const pageSession = session ?? page.cookie(SESSION_COOKIE)?.value
  const response = await client
    .post(action)
    .header('host', host)
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, pageSession)
    .form({ _csrf: csrfTokenFrom(page.text()), ...fields })
    .redirects(0)
  return { response, session: response.cookie(SESSION_COOKIE)?.value ?? pageSession }
}

/** Posts a form from a page asking for JSON, as a script would: validation answers 422 and refusals 409 with the errors. */
export async function postJson(client: ApiClient, host: string, session: string, pagePath: string, action: string, fields: Record<string, string>) {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, session)
  return client
    .post(action)
    .header('host', host)
    .header('accept', 'application/json')
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, session)
    .form({ _csrf: csrfTokenFrom(page.text()), ...fields })
    .redirects(0)
}

/**
 * Posts a form like postFrom and follows the redirect on the same host (the
 * HTTP client would drop the Host header when following it by itself).
 */
export async function submitForm(
  client: ApiClient,
  host: string,
  session: string | undefined,
  pagePath: string,
  action: string,
  fields: Record<string, string>
) {
  const posted = await postFrom(client, host, session, pagePath, action, fields)
  const location = posted.response.header('location')
  if (posted.response.status() !== 302 || !location) return posted.response
  const path = location.replace(/^https?:\/\/[^/]+/, '')
  return client.get(path).header('host', host).withCookie(SESSION_COOKIE, posted.session)
}

/**
 * Signs in through the login form. Returns the response of the POST and the
 * session cookie to reuse.
 */
export async function signIn(client: ApiClient, host: string, email: string, password = TEST_PASSWORD) {
  return postFrom(client, host, undefined, '/login', '/login', { email, password })
}

/**
 * Issues an API token over HTTP.
 */
export async function issueToken(client: ApiClient, host: string, email: string, password = TEST_PASSWORD) {
  const response = await client.post('/api/v1/auth/tokens').header('host', host).json({ email, password })
  return response.body().token as string
}

/** Changes TRUSTED_PROXIES for the duration of `callback`. */
export async function trusting<T>(proxies: string, callback: () => Promise<T>) {
  env.set('TRUSTED_PROXIES', proxies)
  try {
    return await callback()
  } finally {
    env.set('TRUSTED_PROXIES', undefined as any)
    delete process.env.TRUSTED_PROXIES
  }
}

/** A GET sent from another loopback address (the API client always connects from 127.0.0.1; Adonis remembers per peer whether it is a proxy). */
export function getFrom(localAddress: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: Number(process.env.PORT), path, headers, localAddress }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
  })
}
