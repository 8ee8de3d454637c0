import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { inTenant } from '#tests/helpers/tenants'
import { sessionOf } from '#tests/helpers/problems'
import { conversationsPortal, memberRow, postFormJson, resetLimits, sendMessage, startConversation, type ConversationsPortal } from '#tests/helpers/social_conversations'

let portal: ConversationsPortal

test.group('Social | conversations | one-to-one and groups', (group) => {
  group.setup(async () => {
    portal = await conversationsPortal('conv_main')
  })
  group.each.setup(async () => {
    await resetLimits(portal.tenant, [portal.anna, portal.boris, portal.vera, portal.gleb, portal.dina])
  })

  test('a citizen starts a conversation over HTTP; the other sees it in the list with its unread count and in the header badge', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const started = await postFormJson(client, portal.host, anna, '/messages/new', '/messages', { recipients: String(portal.boris.id), body: 'Здравствуйте, Борис! Про остановку на Красной.' })
    started.assertStatus(201)
    const conversationId = started.body().id as number

    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const list = await client.get('/messages').header('host', portal.host).withCookie(SESSION_COOKIE, boris)
    list.assertStatus(200)
    assert.include(list.text(), 'Про остановку на Красной')
    assert.match(list.text(), new RegExp(`data-conversation="${conversationId}"`))
    assert.include(list.text(), 'data-unread="1"')
    // the header badge: one unread
    assert.match(list.text(), /href="\/messages"[^>]*>[^<]*Сообщения\s*<span class="nav__badge" aria-hidden="true" data-nav-badge>1<\/span>/)
    assert.equal(list.header('cache-control'), 'private, no-store')
    assert.include(list.header('x-robots-tag'), 'noindex')
    assert.include(list.text(), '<meta name="robots" content="noindex, nofollow">')

    // the same pair again: the same conversation
    const again = await postFormJson(client, portal.host, anna, '/messages/new', '/messages', { recipients: `/people/${portal.boris.id}`, body: 'Ещё одно' })
    again.assertStatus(201)
    assert.equal(again.body().id, conversationId)
    assert.equal((await memberRow(portal.tenant, conversationId, portal.boris)).unread_count, 2)
  })

  test('the conversation page shows messages oldest first, loads older ones, and the JSON gives what came after an id; reading clears the count', async ({ assert, client }) => {
    const conversationId = await startConversation(portal.tenant, portal.vera, [portal.gleb], 'Сообщение 1')
    for (let n = 2; n <= 35; n++) await sendMessage(portal.tenant, n % 2 ? portal.vera : portal.gleb, conversationId, `Сообщение ${n}`)
    const gleb = await sessionOf(client, portal.host, portal.gleb.email)
    const page = await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, gleb)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, 'Сообщение 35')
    assert.notInclude(text, 'Сообщение 5<')
    assert.isBelow(text.indexOf('Сообщение 34'), text.indexOf('Сообщение 35'))
    const older = text.match(/href="\/messages\/\d+\?before=(\d+)"/)
    assert.isNotNull(older)
    const olderPage = await client.get(`/messages/${conversationId}?before=${older![1]}`).header('host', portal.host).withCookie(SESSION_COOKIE, gleb)
    assert.include(olderPage.text(), 'Сообщение 5<')
    assert.include(olderPage.text(), 'Сообщение 1<')

    const messages = await inTenant(portal.tenant, () => tenantDb().from('social_messages').where('conversation_id', conversationId).orderBy('id').select('id'))
    const after = messages[32].id
    const json = await client.get(`/messages/${conversationId}/messages.json?after=${after}`).header('host', portal.host).header('accept', 'application/json').withCookie(SESSION_COOKIE, gleb)
    json.assertStatus(200)
    assert.deepEqual(json.body().messages.map((m: any) => m.segments[0].text), ['Сообщение 34', 'Сообщение 35'])
    // gleb wrote the even ones: 17 odd ones of vera's after the first are unread… until he reads
    assert.isAbove(json.body().unreadTotal, 0)
    const read = await postFormJson(client, portal.host, gleb, `/messages/${conversationId}`, `/messages/${conversationId}/read`, { upTo: String(messages[34].id) })
    read.assertStatus(200)
    assert.equal(read.body().unreadTotal, 0)
    const row = await memberRow(portal.tenant, conversationId, portal.gleb)
    assert.equal(Number(row.last_read_message_id), Number(messages[34].id))
    assert.equal(row.unread_count, 0)
    // vera's page now shows her last message as read
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const veraJson = await client.get(`/messages/${conversationId}/messages.json?after=${messages[34].id}`).header('host', portal.host).header('accept', 'application/json').withCookie(SESSION_COOKIE, vera)
    assert.equal(veraJson.body().readUpTo, Number(messages[34].id))
  })

  test('a group needs a title and holds at most 50 members', async ({ assert, client }) => {
    const dina = await sessionOf(client, portal.host, portal.dina.email)
    const noTitle = await postFormJson(client, portal.host, dina, '/messages/new', '/messages', { recipients: `${portal.anna.id}, ${portal.boris.id}`, body: 'Группа' })
    noTitle.assertStatus(422)
    assert.deepInclude(noTitle.body().errors, { field: 'title', rule: 'social_conversations', message: 'У беседы с несколькими участниками должно быть название' })

    // 49 more people exist: with dina that is 50, the most a group holds
    const ids = await inTenant(portal.tenant, async () => {
      const emails = Array.from({ length: 50 }, (_, n) => `crowd${n}@conv-main.test`)
      const existing = new Set((await tenantDb().from('users').whereIn('email', emails).select('email')).map((row) => row.email))
      const missing = emails.filter((email) => !existing.has(email))
      if (missing.length) {
        await tenantDb()
          .insertQuery()
          .table('users')
          .insert(missing.map((email) => ({ email, full_name: `Участник ${email.split('@')[0]}`, role: 'citizen', status: 'active', password: 'x', created_at: new Date(), updated_at: new Date() })))
      }
      return (await tenantDb().from('users').whereIn('email', emails).orderBy('id').select('id')).map((row) => Number(row.id))
    })
    const tooMany = await postFormJson(client, portal.host, dina, '/messages/new', '/messages', { recipients: ids.join(','), title: 'Двор', body: 'Всем привет' })
    tooMany.assertStatus(422)
    assert.equal(tooMany.body().errors[0].field, 'recipients')
    assert.include(tooMany.body().errors[0].message, '50')
    const full = await postFormJson(client, portal.host, dina, '/messages/new', '/messages', { recipients: ids.slice(0, 49).join(','), title: 'Двор', body: 'Всем привет' })
    full.assertStatus(201)
    const members = await inTenant(portal.tenant, () => tenantDb().from('social_conversation_members').where('conversation_id', full.body().id).count('* as n').first())
    assert.equal(Number(members.n), 50)
    const groupPage = await client.get(`/messages/${full.body().id}`).header('host', portal.host).withCookie(SESSION_COOKIE, dina)
    assert.include(groupPage.text(), '<h1>Двор</h1>')
  })

  test('bad input answers 422 with per-field messages in Russian and English', async ({ assert, client }) => {
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const ru = await postFormJson(client, portal.host, anna, '/messages/new', '/messages', { recipients: '', body: '' })
    ru.assertStatus(422)
    const fields = ru.body().errors.map((error: any) => error.field)
    assert.includeMembers(fields, ['recipients', 'body'])
    assert.include(ru.body().errors.find((e: any) => e.field === 'body').message, 'Сообщение')
    const en = await postFormJson(client, portal.host, anna, '/messages/new', '/messages', { recipients: String(portal.boris.id), body: 'x'.repeat(4001) }, 'en')
    en.assertStatus(422)
    assert.match(en.body().errors[0].message, /Message/)
    const unknown = await postFormJson(client, portal.host, anna, '/messages/new', '/messages', { recipients: '999999', body: 'Кто здесь?' }, 'en')
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].message, 'User #999999 was not found')
    // the HTML form keeps what was typed
    const page = await client.get('/messages/new').header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    assert.equal(page.status(), 200)
  })

  test('messages are text: markup is escaped, links show their real address', async ({ assert, client }) => {
    const payload = `<script>alert(1)</script><img src=x onerror=alert(2)> [нажми](javascript:alert(3)) <a href="https://evil.example">https://gov.example</a> https://example.org/path?q=1&x=<b>.`
    const conversationId = await startConversation(portal.tenant, portal.anna, [portal.vera], payload)
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const page = await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, vera)
    const html = page.text()
    assert.notInclude(html, '<script>alert(1)')
    assert.notInclude(html, '<img src=x')
    assert.notInclude(html, 'href="javascript:')
    assert.notInclude(html, '<a href="https://evil.example">')
    assert.include(html, '&lt;script&gt;alert(1)&lt;/script&gt;')
    // every link's text is exactly its address
    for (const match of html.matchAll(/<a href="(https?:[^"]+)" rel="nofollow noopener noreferrer ugc" target="_blank">([^<]*)<\/a>/g)) assert.equal(match[1], match[2])
    assert.include(html, '<a href="https://example.org/path?q=1&amp;x=" rel="nofollow noopener noreferrer ugc" target="_blank">https://example.org/path?q=1&amp;x=</a>')
    assert.include(html, '<a href="https://evil.example&quot;&gt;https://gov.example&lt;/a&gt;"'.slice(0, 20))
  })

  test('rate limits: new conversations per hour and messages per minute answer 429', async ({ assert, client }) => {
    const gleb = await sessionOf(client, portal.host, portal.gleb.email)
    for (let n = 0; n < 10; n++) {
      const response = await postFormJson(client, portal.host, gleb, '/messages/new', '/messages', { recipients: String(portal.dina.id), body: `Привет ${n}` })
      response.assertStatus(201)
    }
    const refused = await postFormJson(client, portal.host, gleb, '/messages/new', '/messages', { recipients: String(portal.dina.id), body: 'Ещё' })
    refused.assertStatus(429)
    assert.include(refused.body().errors[0].message, 'Слишком много')

    const conversationId = await startConversation(portal.tenant, portal.boris, [portal.dina], 'Старт')
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const statuses: number[] = []
    for (let n = 0; n < 31; n++) statuses.push((await postFormJson(client, portal.host, boris, `/messages/${conversationId}`, `/messages/${conversationId}`, { body: `Сообщение ${n}` })).status())
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(201))
    assert.equal(statuses[30], 429)
  })
})
