/*
|--------------------------------------------------------------------------
| Conversations benchmark (the lead wires it into `bench:social`)
|--------------------------------------------------------------------------
|
| node --import=@poppinss/ts-exec bench/social_conversations.ts
|   (BENCH_DB_DATABASE, default krai_bench_social_conversations)
|
| On its own database: a portal with BENCH_USERS users (default 100 000),
| BENCH_CONVERSATIONS one-to-one conversations (default 200 000) holding
| BENCH_MESSAGES messages (default 1 000 000), seeded in SQL; a busy user
| in BENCH_BUSY_CONVERSATIONS of them (default 2 000) and one busy
| conversation of BENCH_BUSY_MESSAGES messages (default 20 000). Then,
| against the built production server, beside a bare route (target < 50 ms):
|
| - p95 of the busy user's conversation list, the busy conversation's page
|   and its messages JSON (what the live page and the polling fallback ask);
| - the delivery latency of a new message to open Server-Sent Events
|   streams: BENCH_SSE_CONNECTIONS streams (default 2 000) subscribed to the
|   busy conversation, BENCH_SSE_MESSAGES messages (default 30) sent over
|   HTTP one after another; the time from the send to its event on every
|   stream (p95 < 500 ms).
|
*/

import './lib/environment.js'
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { startBench } from './lib/boot.js'
import { createPortal } from './lib/portal.js'
import { analyzeTables } from './lib/analyze.js'
import { startServer } from './lib/build.js'
import { request, signIn, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, loadAverage } from './lib/measure.js'
import { percentile } from './lib/percentiles.js'

const PORT = Number(process.env.BENCH_PORT || 3457)
const USERS = Number(process.env.BENCH_USERS || 100_000)
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS || 200_000)
const MESSAGES = Number(process.env.BENCH_MESSAGES || 1_000_000)
const BUSY_CONVERSATIONS = Number(process.env.BENCH_BUSY_CONVERSATIONS || 2_000)
const BUSY_MESSAGES = Number(process.env.BENCH_BUSY_MESSAGES || 20_000)
const SSE_CONNECTIONS = Number(process.env.BENCH_SSE_CONNECTIONS || 2_000)
const SSE_MESSAGES = Number(process.env.BENCH_SSE_MESSAGES || 30)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 200)
const PASSWORD = process.env.DEMO_PASSWORD || 'bench-password-1'

const app = await startBench('krai_bench_social_conversations')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const hash = (await import('@adonisjs/core/services/hash')).default

const { portal, host } = await createPortal()
const busyEmail = 'busy@conversations.bench'
const partnerEmail = 'partner@conversations.bench'

let started = performance.now()
const ids = await tenantScope.run(portal, async () => {
  const db = tenantDb()
  const password = await hash.make(PASSWORD)
  // user 1 is the busy one, user 2 the busy conversation's other member; the rest cannot sign in
  await db.rawQuery(
    `insert into users (email, full_name, password, role, status, created_at, updated_at)
     select case g when 1 then ? when 2 then ? else 'user' || g || '@conversations.bench' end, 'Житель ' || g,
            case when g <= 2 then ? else 'not-a-hash' end, 'citizen', 'active', now(), now()
       from generate_series(1, ?) g`,
    [busyEmail, partnerEmail, password, USERS]
  )
  const first = Number((await db.from('users').min('id as id').first()).id)
  // conversation n (1-based) is between users a(n) and b(n): the busy user is `a` of the first BUSY_CONVERSATIONS
  const memberA = (x: string) => `(case when ${x} <= ${BUSY_CONVERSATIONS} then 0 else (${x}::bigint * 7919) % ${USERS} end)`
  const memberB = (x: string) => `(case when ${x} = 1 then 1 else ((${x}::bigint * 104729 + 17) % ${USERS}) end)`
  const a = memberA('n')
  const b = memberB('n')
  await db.rawQuery(
    `insert into social_conversations (kind, direct_key, created_at)
     select 'direct', 'bench:' || n, now() - interval '400 days' from generate_series(1, ?) n order by n`,
    [CONVERSATIONS]
  )
  // a fresh tenant: the ids are 1…CONVERSATIONS in order (the runtime role may not set the sequence)
  const span = await db.from('social_conversations').min('id as low').max('id as high').first()
  if (Number(span.low) !== 1 || Number(span.high) !== CONVERSATIONS) throw new Error(`conversation ids ${span.low}…${span.high}`)
  await db.rawQuery(
    `insert into social_conversation_members (conversation_id, user_id, joined_at)
     select n, ? + ${a}, now() - interval '400 days' from generate_series(1, ?) n
     union all
     select n, ? + ${b}, now() - interval '400 days' from generate_series(1, ?) n where ${b} <> ${a}
     on conflict do nothing`,
    [first, CONVERSATIONS, first, CONVERSATIONS]
  )
  // the busy conversation (1) first, then the rest spread over all conversations, authors alternating
  await db.rawQuery(
    `insert into social_messages (conversation_id, author_id, body, created_at)
     select c, ? + case when m % 2 = 0 or ${memberB('c')} = ${memberA('c')} then ${memberA('c')} else ${memberB('c')} end,
            'Сообщение ' || m || ': обсуждаем остановку, график и https://example.org/stop/' || m,
            now() - interval '400 days' + (m || ' seconds')::interval
       from (select m, case when m <= ? then 1 else 1 + (m * 7) % ? end as c from generate_series(1, ?) m) g`,
    [first, BUSY_MESSAGES, CONVERSATIONS, MESSAGES]
  )
  await db.rawQuery(
    `update social_conversations c set last_message_id = l.id, last_message_at = l.created_at
       from (select distinct on (conversation_id) conversation_id, id, created_at from social_messages order by conversation_id, id desc) l
      where l.conversation_id = c.id`
  )
  // everyone has read all but the newest message of half their conversations
  await db.rawQuery(
    `update social_conversation_members m set last_message_id = c.last_message_id,
            last_read_message_id = case when (m.conversation_id + m.user_id) % 2 = 0 then c.last_message_id else c.last_message_id - 1 end,
            unread_count = case when (m.conversation_id + m.user_id) % 2 = 0 then 0 else 1 end,
            first_unread_at = case when (m.conversation_id + m.user_id) % 2 = 0 then null else c.last_message_at end,
            emailed_through_message_id = c.last_message_id
       from social_conversations c where c.id = m.conversation_id`
  )
  return { first }
})
const counts = await tenantScope.run(portal, async () => ({
  messages: Number((await tenantDb().from('social_messages').count('* as n').first()).n),
  members: Number((await tenantDb().from('social_conversation_members').count('* as n').first()).n),
}))
console.log(`seeded ${USERS} users, ${CONVERSATIONS} conversations (${counts.members} members), ${counts.messages} messages in ${secondsSince(started).toFixed(1)} s`)
await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['users', 'social_conversations', 'social_conversation_members', 'social_messages', 'social_message_attachments']))
void ids

const lines: string[] = []
const print = (line: string) => {
  lines.push(line)
  console.log(line)
}

// the bench sends many messages in a row: the per-user limit would stop it
const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1', SOCIAL_MESSAGES_PER_MINUTE: '100000' })
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
const streams: http.ClientRequest[] = []
try {
  await waitForServer(PORT)
  const busy = await signIn(PORT, host, busyEmail, PASSWORD, '/messages')
  const partner = await signIn(PORT, host, partnerEmail, PASSWORD, '/messages')
  const measure = (path: string, headers: Record<string, string> = {}) => measurePage(PORT, { host, path, cookie: busy, samples: SAMPLES, headers })
  const bare = await measure('/__bench/bare')
  const list = await measure('/messages')
  const olderList = await measure(`/messages?before=${await lastMessageIdOf(BUSY_CONVERSATIONS / 2)}`)
  const conversation = await measure('/messages/1')
  const lastId = await lastMessageIdOf(1)
  const json = await measure(`/messages/1/messages.json?after=${lastId - 5}`, { accept: 'application/json' })

  // ---- live delivery: SSE_CONNECTIONS streams of the busy user on the busy conversation
  const page = await request(PORT, { path: '/messages/1', host, headers: { cookie: busy } })
  const csrf = page.body.match(/data-csrf="([^"]+)"/)![1]
  const channel = page.body.match(/data-channel="([^"]+)"/)![1]
  const arrivals = new Map<number, number[]>()
  started = performance.now()
  for (let index = 0; index < SSE_CONNECTIONS; index++) {
    const uid = randomUUID()
    await openStream(uid, busy, (id) => {
      const at = performance.now()
      arrivals.set(id, [...(arrivals.get(id) ?? []), at])
    })
    const subscribed = await request(PORT, {
      method: 'POST',
      path: '/__transmit/subscribe',
      host,
      headers: { cookie: busy, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ uid, channel }),
    })
    if (subscribed.status !== 204) throw new Error(`subscribe answered ${subscribed.status}`)
  }
  const openSeconds = secondsSince(started)
  const partnerPage = await request(PORT, { path: '/messages/1', host, headers: { cookie: partner } })
  const partnerCsrf = partnerPage.body.match(/data-csrf="([^"]+)"/)![1]
  const delays: number[] = []
  const sends: number[] = []
  for (let n = 0; n < SSE_MESSAGES + 3; n++) {
    const body = new URLSearchParams({ _csrf: partnerCsrf, body: `Живое сообщение ${n}` }).toString()
    const before = performance.now()
    const sent = await request(PORT, {
      method: 'POST',
      path: '/messages/1',
      host,
      headers: { cookie: partner, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
      body,
    })
    if (n >= 3) sends.push(performance.now() - before)
    if (sent.status !== 201) throw new Error(`sending answered ${sent.status}: ${sent.body.slice(0, 200)}`)
    const id = JSON.parse(sent.body).id as number
    const deadline = Date.now() + 5000
    while ((arrivals.get(id)?.length ?? 0) < SSE_CONNECTIONS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    // the first three warm up
    if (n >= 3) for (const at of arrivals.get(id) ?? []) delays.push(at - before)
    const missing = SSE_CONNECTIONS - (arrivals.get(id)?.length ?? 0)
    if (missing) for (let k = 0; k < missing; k++) delays.push(5000)
  }
  const delivery = { p50: percentile(delays, 50), p95: percentile(delays, 95) }
  const sending = { p50: percentile(sends, 50), p95: percentile(sends, 95) }

  print('')
  print(`conversations benchmark — ${USERS} users, ${CONVERSATIONS} conversations, ${counts.messages} messages; load ${loadAverage()}`)
  print(`  bare route (baseline)                              ${formatLatency(bare)}`)
  print(`  conversation list, busy user (${BUSY_CONVERSATIONS} conversations)    ${formatLatency(list)}  (${p95Verdict(list, 50)})`)
  print(`  conversation list, an older page                   ${formatLatency(olderList)}  (${p95Verdict(olderList, 50)})`)
  print(`  busy conversation page (${BUSY_MESSAGES} messages)          ${formatLatency(conversation)}  (${p95Verdict(conversation, 50)})`)
  print(`  messages JSON after an id (live page, polling)     ${formatLatency(json)}  (${p95Verdict(json, 50)})`)
  print(`  SSE delivery, ${SSE_CONNECTIONS} open streams × ${SSE_MESSAGES} messages      ${formatLatency(delivery)}  (${p95Verdict(delivery, 500)}; streams opened in ${openSeconds.toFixed(1)} s)`)
  print(`    of which the send itself (POST until its answer)  ${formatLatency(sending)}`)
} finally {
  for (const stream of streams) stream.destroy()
  agent.destroy()
  server.kill('SIGTERM')
  await app.terminate()
}

async function lastMessageIdOf(conversationId: number) {
  return tenantScope.run(portal, async () => Number((await tenantDb().from('social_conversations').where('id', conversationId).firstOrFail()).last_message_id))
}

/** An event stream held open; `onMessage` hears each announced message id. */
function openStream(uid: string, cookie: string, onMessage: (id: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const stream = http.get({ host: '127.0.0.1', port: PORT, agent, path: `/__transmit/events?uid=${uid}`, headers: { host, cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`event stream answered ${response.statusCode}`))
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          for (const line of frame.split('\n')) {
            if (!line.startsWith('data: ')) continue
            const event = JSON.parse(line.slice(6))
            if (event.payload?.type === 'message') onMessage(event.payload.id)
          }
        }
      })
      resolve()
    })
    stream.on('error', reject)
    streams.push(stream)
  })
}
