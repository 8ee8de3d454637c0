import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { schemaNameFor } from '#tenancy/naming'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { inTenant } from '#tests/helpers/tenants'
import { sessionOf } from '#tests/helpers/problems'
import { conversationChannel } from '#modules/social/conversations/services/live'
import {
  conversationsPortal,
  openEventStream,
  postFormJson,
  resetLimits,
  sendMessage,
  signedInRaw,
  startConversation,
  subscribeStream,
  type ConversationsPortal,
} from '#tests/helpers/social_conversations'

let alpha: ConversationsPortal
let beta: ConversationsPortal

test.group('Social | conversations | members only, live, and tenant isolation', (group) => {
  group.setup(async () => {
    alpha = await conversationsPortal('conv_alpha')
    beta = await conversationsPortal('conv_beta')
  })
  group.each.setup(async () => {
    await resetLimits(alpha.tenant, [alpha.anna, alpha.boris, alpha.vera])
  })

  test('a non-member gets 404 on the page, the messages JSON, sending, reading and an attachment', async ({ client }) => {
    const conversationId = await startConversation(alpha.tenant, alpha.anna, [alpha.boris], 'Личное')
    const vera = await sessionOf(client, alpha.host, alpha.vera.email)
    ;(await client.get(`/messages/${conversationId}`).header('host', alpha.host).withCookie(SESSION_COOKIE, vera)).assertStatus(404)
    ;(await client.get(`/messages/${conversationId}/messages.json?after=0`).header('host', alpha.host).header('accept', 'application/json').withCookie(SESSION_COOKIE, vera)).assertStatus(404)
    ;(await postFormJson(client, alpha.host, vera, '/messages', `/messages/${conversationId}`, { body: 'Я тоже тут' })).assertStatus(404)
    ;(await postFormJson(client, alpha.host, vera, '/messages', `/messages/${conversationId}/read`, { upTo: '1' })).assertStatus(404)
    ;(await client.get('/messages/999999999').header('host', alpha.host).withCookie(SESSION_COOKIE, vera)).assertStatus(404)
    // signed out: to the sign-in page
    const anonymous = await client.get(`/messages/${conversationId}`).header('host', alpha.host).redirects(0)
    anonymous.assertStatus(302)
  })

  test('SSE: a member subscribes to the conversation channel and hears a new message; a non-member and another tenant are refused', async ({ assert, client }) => {
    const conversationId = await startConversation(alpha.tenant, alpha.anna, [alpha.boris], 'Начнём')
    const channel = await inTenant(alpha.tenant, async () => conversationChannel(conversationId))
    const { session: boris, cookie: borisCookie } = await signedInRaw(client, alpha.host, alpha.boris.email)
    const uid = randomUUID()
    const stream = await openEventStream(alpha.host, borisCookie, uid)
    try {
      assert.equal(stream.status, 200)
      ;(await subscribeStream(client, alpha.host, boris, uid, channel)).assertStatus(204)
      await sendMessage(alpha.tenant, alpha.anna, conversationId, 'Вы тут?')
      const event = await stream.waitFor((e) => e.channel === channel && e.payload?.type === 'message')
      // only an id travels; the text is fetched through the members-only JSON
      assert.deepEqual(Object.keys(event.payload).sort(), ['id', 'type'])
      assert.notInclude(JSON.stringify(stream.events), 'Вы тут?')
    } finally {
      stream.close()
    }

    const { session: vera, cookie: veraCookie } = await signedInRaw(client, alpha.host, alpha.vera.email)
    const veraUid = randomUUID()
    const veraStream = await openEventStream(alpha.host, veraCookie, veraUid)
    try {
      ;(await subscribeStream(client, alpha.host, vera, veraUid, channel)).assertStatus(400)
      await sendMessage(alpha.tenant, alpha.anna, conversationId, 'Секрет')
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.isUndefined(veraStream.events.find((e) => e.channel === channel))
    } finally {
      veraStream.close()
    }

    // a user of another portal with the same conversation id in its own tenant is refused alpha's channel
    const betaConversation = await startConversation(beta.tenant, beta.anna, [beta.boris], 'Бета')
    const { session: betaBoris, cookie: betaCookie } = await signedInRaw(client, beta.host, beta.boris.email)
    const betaUid = randomUUID()
    const betaStream = await openEventStream(beta.host, betaCookie, betaUid)
    try {
      ;(await subscribeStream(client, beta.host, betaBoris, betaUid, channel)).assertStatus(400)
      ;(await subscribeStream(client, beta.host, betaBoris, betaUid, `conversations/${alpha.tenant.slug}/${betaConversation}`)).assertStatus(400)
    } finally {
      betaStream.close()
    }
    // signed out: no stream at all
    const anonymous = await client.get(`/__transmit/events?uid=${randomUUID()}`).header('host', alpha.host).redirects(0)
    assert.oneOf(anonymous.status(), [302, 401])
  })

  test('isolation: another portal sees none of the conversations, its sessions do not cross, and its schema is out of reach', async ({ assert, client }) => {
    const conversationId = await startConversation(alpha.tenant, alpha.anna, [alpha.boris], 'Только в альфе')
    const betaAnna = await sessionOf(client, beta.host, beta.anna.email)
    const list = await client.get('/messages').header('host', beta.host).withCookie(SESSION_COOKIE, betaAnna)
    assert.notInclude(list.text(), 'Только в альфе')
    const betaHas = await inTenant(beta.tenant, () => tenantDb().from('social_conversation_members').where({ conversation_id: conversationId, user_id: beta.anna.id }).first())
    if (!betaHas) (await client.get(`/messages/${conversationId}`).header('host', beta.host).withCookie(SESSION_COOKIE, betaAnna)).assertStatus(404)
    const alphaAnna = await sessionOf(client, alpha.host, alpha.anna.email)
    const crossed = await client.get('/messages').header('host', beta.host).withCookie(SESSION_COOKIE, alphaAnna).redirects(0)
    assert.equal(crossed.status(), 302)
    const alphaSchema = schemaNameFor(alpha.tenant.slug)
    for (const table of ['social_conversations', 'social_conversation_members', 'social_messages', 'social_message_attachments', 'social_user_blocks']) {
      await assert.rejects(() => inTenant(beta.tenant, () => tenantDb().rawQuery(`select * from ${alphaSchema}.${table}`)), /permission denied/)
    }
  })
})
