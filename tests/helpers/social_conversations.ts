import http from 'node:http'
import type { ApiClient } from '@japa/api-client'
import limiter from '@adonisjs/limiter/services/main'
import type Tenant from '#tenancy/tenant'
import type User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { StartConversation } from '#modules/social/conversations/actions/start_conversation'
import { SendMessage } from '#modules/social/conversations/actions/send_message'
import { limiterKey } from '#modules/social/conversations/services/limits'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, csrfTokenFrom, signIn } from '#tests/helpers/http'

/** A portal with citizens who write to each other (sign in as <name>@<slug>.test). */
export async function conversationsPortal(slug: string) {
  const tenant = await ensureTenant(slug, 'portal')
  const tag = slug.replace(/_/g, '-')
  const citizen = (name: string) => ensureUser(tenant, 'citizen', `${name}@${tag}.test`)
  return {
    tenant,
    host: hostOf(tenant),
    anna: await citizen('anna'),
    boris: await citizen('boris'),
    vera: await citizen('vera'),
    gleb: await citizen('gleb'),
    dina: await citizen('dina'),
    official: await ensureUser(tenant, 'citizen', `official@${tag}.test`),
  }
}

export type ConversationsPortal = Awaited<ReturnType<typeof conversationsPortal>>

/** Sets a user's social profile (message policy etc.), creating the row. */
export function socialProfile(tenant: Tenant, user: User, values: { message_policy?: string; email_digest?: boolean; display_name?: string }) {
  return inTenant(tenant, async () => {
    const now = clockDate()
    await tenantDb()
      .insertQuery()
      .table('social_profiles')
      .insert({ user_id: user.id, display_name: values.display_name ?? user.fullName, created_at: now, updated_at: now, ...values })
      .onConflict('user_id')
      .merge({ ...values, updated_at: now })
  })
}

/** `follower` follows `target` (a person). */
export function follows(tenant: Tenant, follower: User, target: User) {
  return inTenant(tenant, () =>
    tenantDb()
      .insertQuery()
      .table('social_follows')
      .insert({ follower_id: follower.id, target_type: 'user', target_key: String(target.id), created_at: clockDate() })
      .onConflict(['follower_id', 'target_type', 'target_key'])
      .ignore()
  )
}

/** A conversation started directly (no HTTP), with its first message; returns its id. */
export function startConversation(tenant: Tenant, sender: User, recipients: User[], body: string, title?: string) {
  return inTenant(tenant, () => new StartConversation().handle(sender.id, { recipientIds: recipients.map((user) => user.id), body, title }))
}

export function sendMessage(tenant: Tenant, sender: User, conversationId: number, body: string) {
  return inTenant(tenant, () => new SendMessage().handle(sender.id, conversationId, { body }))
}

/** A member's row (read mark, unread count). */
export function memberRow(tenant: Tenant, conversationId: number, user: User) {
  return inTenant(tenant, () => tenantDb().from('social_conversation_members').where({ conversation_id: conversationId, user_id: user.id }).firstOrFail())
}

/** Forgets a user's rate-limit counters (each test starts from zero). */
export async function resetLimits(tenant: Tenant, users: User[]) {
  const conversations = limiter.use({ requests: 1, duration: '1 hour' })
  for (const user of users) {
    await conversations.delete(limiterKey('conversations', tenant.slug, user.id))
    await conversations.delete(limiterKey('messages', tenant.slug, user.id))
  }
}

/** Posts a form from a page asking for JSON (with extra headers like Accept-Language). */
export async function postFormJson(client: ApiClient, host: string, session: string, pagePath: string, action: string, fields: Record<string, string>, locale = 'ru') {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, session)
  return client
    .post(action)
    .header('host', host)
    .header('accept', 'application/json')
    .header('x-locale', locale)
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, session)
    .form({ _csrf: csrfTokenFrom(page.text()), ...fields })
    .redirects(0)
}

/** An open Server-Sent Events stream of a signed-in user: the `data:` payloads as they arrive. */
export function openEventStream(host: string, cookie: string, uid: string) {
  return new Promise<{ events: Array<{ channel: string; payload: any }>; waitFor: (test: (event: { channel: string; payload: any }) => boolean, ms?: number) => Promise<{ channel: string; payload: any }>; close: () => void; status: number }>((resolve, reject) => {
    const events: Array<{ channel: string; payload: any }> = []
    const waiters: Array<() => void> = []
    const request = http.get(
      { host: '127.0.0.1', port: Number(process.env.PORT), path: `/__transmit/events?uid=${uid}`, headers: { host, cookie, accept: 'text/event-stream' } },
      (response) => {
        let buffer = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          buffer += chunk
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            for (const line of frame.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)))
            for (const waiter of waiters.splice(0)) waiter()
          }
        })
        resolve({
          events,
          status: response.statusCode ?? 0,
          close: () => request.destroy(),
          waitFor: (test, ms = 5000) =>
            new Promise((done, fail) => {
              const timer = setTimeout(() => fail(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)), ms)
              const check = () => {
                const found = events.find(test)
                if (found) {
                  clearTimeout(timer)
                  done(found)
                } else waiters.push(check)
              }
              check()
            }),
        })
      }
    )
    request.on('error', reject)
  })
}

/** Asks to subscribe a stream to a channel like the page script does (CSRF token from a page in the header). */
export async function subscribeStream(client: ApiClient, host: string, session: string, uid: string, channel: string) {
  const page = await client.get('/messages').header('host', host).withCookie(SESSION_COOKIE, session)
  return client
    .post('/__transmit/subscribe')
    .header('host', host)
    .header('x-csrf-token', csrfTokenFrom(page.text()))
    .withCookie(SESSION_COOKIE, session)
    .json({ uid, channel })
    .redirects(0)
}

/**
 * Signs in and returns both the session (for the API client, which signs
 * cookies itself) and the Cookie header as the server set it (for raw
 * HTTP, such as an event stream the API client cannot hold open).
 */
export async function signedInRaw(client: ApiClient, host: string, email: string) {
  const { response, session } = await signIn(client, host, email)
  const setCookie = ([] as string[]).concat(response.header('set-cookie') ?? [])
  const raw = setCookie.map((line) => line.split(';')[0]).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
  if (!session || !raw) throw new Error(`sign-in of ${email} failed`)
  return { session, cookie: raw }
}
