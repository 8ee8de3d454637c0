import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { inTenant } from '#tests/helpers/tenants'
import { sessionOf } from '#tests/helpers/problems'
import { conversationsPortal, follows, postFormJson, resetLimits, sendMessage, socialProfile, startConversation, type ConversationsPortal } from '#tests/helpers/social_conversations'

let portal: ConversationsPortal

async function start(client: any, senderEmail: string, recipientId: number, locale = 'ru') {
  const session = await sessionOf(client, portal.host, senderEmail)
  return postFormJson(client, portal.host, session, '/messages/new', '/messages', { recipients: String(recipientId), body: 'Добрый день!' }, locale)
}

test.group('Social | conversations | who may start a conversation', (group) => {
  group.setup(async () => {
    portal = await conversationsPortal('conv_policy')
  })
  group.each.setup(async () => {
    await resetLimits(portal.tenant, [portal.anna, portal.boris, portal.vera, portal.gleb, portal.dina, portal.official])
    await inTenant(portal.tenant, async () => {
      await tenantDb().from('social_user_blocks').delete()
      await tenantDb().from('social_follows').delete()
      await tenantDb().from('social_conversations').delete()
      await tenantDb().from('social_profiles').delete()
    })
  })

  test('no profile row or "everyone": anybody may write', async ({ client }) => {
    ;(await start(client, portal.anna.email, portal.boris.id)).assertStatus(201)
    await socialProfile(portal.tenant, portal.vera, { message_policy: 'everyone' })
    ;(await start(client, portal.anna.email, portal.vera.id)).assertStatus(201)
  })

  test('"following": only people the recipient follows; "nobody": nobody', async ({ assert, client }) => {
    await socialProfile(portal.tenant, portal.gleb, { message_policy: 'following', display_name: 'Глеб Г.' })
    const refused = await start(client, portal.anna.email, portal.gleb.id)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'recipients')
    assert.include(refused.body().errors[0].message, 'принимает сообщения только от тех, на кого подписан(а)')
    // anna following gleb does not help: gleb must follow anna
    await follows(portal.tenant, portal.anna, portal.gleb)
    ;(await start(client, portal.anna.email, portal.gleb.id)).assertStatus(422)
    await follows(portal.tenant, portal.gleb, portal.anna)
    ;(await start(client, portal.anna.email, portal.gleb.id)).assertStatus(201)

    await socialProfile(portal.tenant, portal.dina, { message_policy: 'nobody', display_name: 'Dina D.' })
    await follows(portal.tenant, portal.dina, portal.anna)
    const nobody = await start(client, portal.anna.email, portal.dina.id, 'en')
    nobody.assertStatus(422)
    assert.include(nobody.body().errors[0].message, 'does not accept messages')
    // a group with one refusing member is refused as a whole
    const session = await sessionOf(client, portal.host, portal.anna.email)
    const groupRefused = await postFormJson(client, portal.host, session, '/messages/new', '/messages', { recipients: `${portal.boris.id},${portal.dina.id}`, title: 'Соседи', body: 'Привет' })
    groupRefused.assertStatus(422)
    assert.equal(await inTenant(portal.tenant, async () => Number((await tenantDb().from('social_conversations').where('title', 'Соседи').count('* as n').first()).n)), 0)
  })

  test('an official account is a user like any other: its policy decides', async ({ client }) => {
    await socialProfile(portal.tenant, portal.official, { message_policy: 'everyone', display_name: 'Администрация города' })
    ;(await start(client, portal.boris.email, portal.official.id)).assertStatus(201)
  })

  test('a block: no new conversation either way; the one-to-one conversation stops and shows it; unblocking restores it', async ({ assert, client }) => {
    const conversationId = await startConversation(portal.tenant, portal.anna, [portal.vera], 'Здравствуйте')
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    const blocked = await postFormJson(client, portal.host, vera, `/messages/${conversationId}`, '/messages/blocks', { userId: String(portal.anna.id) })
    blocked.assertStatus(200)

    const refusedStart = await start(client, portal.anna.email, portal.vera.id)
    refusedStart.assertStatus(422)
    assert.include(refusedStart.body().errors[0].message, 'ограничил(а) переписку с вами')
    const refusedBack = await start(client, portal.vera.email, portal.anna.id)
    refusedBack.assertStatus(422)
    assert.include(refusedBack.body().errors[0].message, 'Вы заблокировали')

    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const send = await postFormJson(client, portal.host, anna, `/messages/${conversationId}`, `/messages/${conversationId}`, { body: 'Ответьте!' })
    send.assertStatus(422)
    const annaPage = await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    assert.include(annaPage.text(), 'data-blocked')
    assert.notInclude(annaPage.text(), 'data-send-form')
    const veraPage = await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, vera)
    assert.include(veraPage.text(), 'Вы заблокировали этого пользователя')
    const list = await client.get('/messages').header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    assert.include(list.text(), 'Заблокировано')

    const unblocked = await postFormJson(client, portal.host, vera, '/messages/blocks', `/messages/blocks/${portal.anna.id}/delete`, {})
    unblocked.assertStatus(200)
    ;(await postFormJson(client, portal.host, anna, `/messages/${conversationId}`, `/messages/${conversationId}`, { body: 'Спасибо' })).assertStatus(201)
  })

  test('in a group the blocker no longer hears the blocked: no unread count, messages left out of their page', async ({ assert, client }) => {
    const groupId = await startConversation(portal.tenant, portal.boris, [portal.gleb, portal.dina], 'Начало', 'Двор на Северной')
    const dina = await sessionOf(client, portal.host, portal.dina.email)
    ;(await postFormJson(client, portal.host, dina, '/messages/blocks', '/messages/blocks', { userId: String(portal.gleb.id) })).assertStatus(200)
    await sendMessage(portal.tenant, portal.gleb, groupId, 'Сообщение от Глеба')
    await sendMessage(portal.tenant, portal.boris, groupId, 'Сообщение от Бориса')
    const page = await client.get(`/messages/${groupId}`).header('host', portal.host).withCookie(SESSION_COOKIE, dina)
    assert.notInclude(page.text(), 'Сообщение от Глеба')
    assert.include(page.text(), 'Сообщение от Бориса')
    const row = await inTenant(portal.tenant, () => tenantDb().from('social_conversation_members').where({ conversation_id: groupId, user_id: portal.dina.id }).firstOrFail())
    assert.equal(row.unread_count, 2)
  })
})
