import { test } from '@japa/runner'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { inTenant } from '#tests/helpers/tenants'
import { photoWithExif, postMultipart, sessionOf } from '#tests/helpers/problems'
import { moderatedKind, moderatedKinds } from '#modules/social/moderation/registry'
import { personalDataParts } from '#modules/social/profiles/personal_data'
import { conversationsPortal, resetLimits, sendMessage, startConversation, type ConversationsPortal } from '#tests/helpers/social_conversations'

let portal: ConversationsPortal

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

test.group('Social | conversations | attachments, reports and personal data', (group) => {
  group.setup(async () => {
    portal = await conversationsPortal('conv_files')
  })
  group.each.setup(async () => {
    await resetLimits(portal.tenant, [portal.anna, portal.boris, portal.vera])
  })

  test('a photo is re-encoded without metadata and a PDF kept; both served to members only', async ({ assert, client }) => {
    const conversationId = await startConversation(portal.tenant, portal.anna, [portal.boris], 'Фото двора')
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const sent = await postMultipart(client, portal.host, anna, `/messages/${conversationId}`, `/messages/${conversationId}`, { body: 'Смотрите' }, [
      { name: 'attachments[]', buffer: await photoWithExif(2400, 1800), filename: 'yard.jpg' },
      { name: 'attachments[]', buffer: PDF, filename: 'акт.pdf' },
    ])
    sent.assertStatus(302)
    const files = await inTenant(portal.tenant, () =>
      tenantDb().from('social_message_attachments as a').join('social_messages as m', 'm.id', 'a.message_id').where('m.conversation_id', conversationId).orderBy('a.kind').select('a.*')
    )
    assert.deepEqual(files.map((f) => f.kind), ['image', 'pdf'])
    const [image, pdf] = files
    assert.equal(pdf.file_name, 'акт.pdf')

    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const photo = await client.get(`/messages/attachments/${image.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, boris)
    photo.assertStatus(200)
    assert.equal(photo.header('cache-control'), 'private, no-store')
    assert.equal(photo.header('content-type'), 'image/jpeg')
    const stored = Buffer.from(await drive.use().getBytes(image.file_key))
    const meta = await sharp(stored).metadata()
    assert.isAtMost(Math.max(meta.width!, meta.height!), 1600)
    assert.isUndefined(meta.exif)
    const document = await client.get(`/messages/attachments/${pdf.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, boris)
    document.assertStatus(200)
    assert.equal(document.header('content-type'), 'application/pdf')
    assert.match(String(document.header('content-disposition')), /^attachment;/)

    const vera = await sessionOf(client, portal.host, portal.vera.email)
    ;(await client.get(`/messages/attachments/${image.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).assertStatus(404)
    ;(await client.get(`/messages/attachments/${pdf.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).assertStatus(404)
  })

  test('a file that is neither a photo nor a PDF, whatever its name, is refused with 422 naming it', async ({ assert, client }) => {
    const conversationId = await startConversation(portal.tenant, portal.anna, [portal.vera], 'Документы')
    const anna = await sessionOf(client, portal.host, portal.anna.email)
    const page = await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, anna)
    const token = page.text().match(/name='_csrf' value='([^']+)'/)![1]
    const refused = await client
      .post(`/messages/${conversationId}`)
      .header('host', portal.host)
      .header('accept', 'application/json')
      .withCookie(SESSION_COOKIE, anna)
      .field('_csrf', token)
      .field('body', 'Вот')
      .file('attachments[]', Buffer.from('MZ\x90\x00 not a pdf at all'), { filename: 'invoice.pdf' })
      .redirects(0)
    refused.assertStatus(422)
    assert.include(refused.body().errors[0].message, 'invoice.pdf')
    assert.include(refused.body().errors[0].message, 'PDF')
    const count = await inTenant(portal.tenant, () => tenantDb().from('social_messages').where('conversation_id', conversationId).count('* as n').first())
    assert.equal(Number(count.n), 1)
  })

  test('a reported message: the moderation kind loads that message only; hidden, it vanishes for the others, not for its author', async ({ assert, client }) => {
    const conversationId = await startConversation(portal.tenant, portal.boris, [portal.vera], 'Обычное сообщение')
    const bad = await sendMessage(portal.tenant, portal.boris, conversationId, 'Оскорбительное сообщение')
    const kind = await moderatedKind('social.message')
    assert.isDefined(kind)
    assert.isTrue((await moderatedKinds()).has('social.message'))
    const loaded = await inTenant(portal.tenant, () => kind!.load(bad))
    assert.deepEqual(loaded, { authorUserId: portal.boris.id, excerpt: 'Оскорбительное сообщение', url: `/messages/${conversationId}#message-${bad}`, hidden: false })
    assert.notInclude(JSON.stringify(loaded), 'Обычное')
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => kind!.setHidden(bad, true, trx)))
    const vera = await sessionOf(client, portal.host, portal.vera.email)
    assert.notInclude((await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).text(), 'Оскорбительное')
    const boris = await sessionOf(client, portal.host, portal.boris.email)
    const own = await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, boris)
    assert.include(own.text(), 'Оскорбительное')
    assert.include(own.text(), 'Скрыто модератором')
    assert.isTrue((await inTenant(portal.tenant, () => kind!.load(bad)))!.hidden)
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => kind!.setHidden(bad, false, trx)))
    // only a member may report it: anybody else guessing ids is refused (the flag's transaction is undone)
    const flagged = (kind as unknown as { flagged: (id: number, userId: number, reason: string, note: string | null, trx: unknown) => Promise<void> }).flagged
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => flagged(bad, portal.vera.id, 'offensive', null, trx)))
    await assert.rejects(() => inTenant(portal.tenant, () => tenantDb().transaction((trx) => flagged(bad, portal.anna.id, 'offensive', null, trx))), /No message/)
    assert.include((await client.get(`/messages/${conversationId}`).header('host', portal.host).withCookie(SESSION_COOKIE, vera)).text(), 'Оскорбительное')
  })

  test('personal data: the export holds only what I wrote; forgetting keeps my messages to others as "deleted user" and drops conversations only mine', async ({ assert }) => {
    const shared = await startConversation(portal.tenant, portal.vera, [portal.anna], 'Вера пишет Анне')
    await sendMessage(portal.tenant, portal.anna, shared, 'Анна отвечает Вере')
    const part = (await personalDataParts()).find((p) => p.name === 'conversations')!
    const exported = (await inTenant(portal.tenant, () => part.export(portal.vera.id))) as any
    const texts = exported.messagesWritten.map((m: any) => m.text)
    assert.include(texts, 'Вера пишет Анне')
    assert.notInclude(texts, 'Анна отвечает Вере')

    // a conversation where only vera is left (its other member's account went before)
    const lonely = await inTenant(portal.tenant, async () => {
      const [{ id }] = await tenantDb().insertQuery().table('social_conversations').insert({ kind: 'group', title: 'Заметки', created_by: portal.vera.id, created_at: new Date() }).returning('id')
      await tenantDb().insertQuery().table('social_conversation_members').insert({ conversation_id: id, user_id: portal.vera.id, joined_at: new Date() })
      await tenantDb().insertQuery().table('social_messages').insert({ conversation_id: id, author_id: portal.vera.id, body: 'Только мне', created_at: new Date() })
      return Number(id)
    })
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => part.forget(portal.vera.id, trx)))
    const kept = await inTenant(portal.tenant, () => tenantDb().from('social_messages').where('conversation_id', shared).whereIn('body', ['Вера пишет Анне', 'Анна отвечает Вере']).orderBy('id').select('author_id', 'body'))
    assert.deepEqual(kept, [
      { author_id: null, body: 'Вера пишет Анне' },
      { author_id: portal.anna.id, body: 'Анна отвечает Вере' },
    ])
    assert.isNull(await inTenant(portal.tenant, () => tenantDb().from('social_conversations').where('id', lonely).first()))
    assert.isNull(await inTenant(portal.tenant, () => tenantDb().from('social_conversation_members').where('user_id', portal.vera.id).first()))
  })
})

