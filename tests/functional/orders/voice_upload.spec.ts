import { test } from '@japa/runner'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { issueToken, signIn, csrfTokenFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { wavFile, webmFile } from '#tests/helpers/audio'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'
import Order from '#modules/orders/models/order'
import { settings } from '#core/settings'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>
let orderId: number

async function voiceCount(orderIdToCount: number) {
  return inOffice(office, async () => (await OrderVoiceNote.query().where('order_id', orderIdToCount)).length)
}

test.group('Orders | voice | upload, limits, playback, access', (group) => {
  group.setup(async () => {
    delete process.env.SPEECH_TO_TEXT_URL
    office = await ordersOffice('ord_voice')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
    if (!orderId) {
      const created = await context.client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
        type: 'order', text: 'Проверить готовность котельных', deadlineKeyword: 'promptly',
        responsible: `department:${office.departments.health.id}`, issue: true,
      })
      orderId = created.body().data.id
    }
  })

  test('an executor attaches a recording; it plays back with its real type and stays untranscribed without an endpoint', async ({ assert, client }) => {
    const audio = wavFile(40_000)
    const upload = await client
      .post(`/api/v1/orders/${orderId}/voice`)
      .header('host', office.host)
      .bearerToken(tokens.healthHead)
      // the browser's claim is wrong on purpose: the bytes decide
      .file('audio', audio, { filename: 'запись.wav', contentType: 'application/octet-stream' })
    upload.assertStatus(201)
    const note = upload.body().data
    assert.equal(note.transcriptStatus, 'not_configured')

    const playback = await client.get(`/orders/${orderId}/voice/${note.id}/audio`).header('host', office.host).redirects(0)
    playback.assertStatus(302) // the web route needs a session
    const api = await client.get(`/api/v1/orders/${orderId}/voice/${note.id}/audio`).header('host', office.host).bearerToken(tokens.head)
    api.assertStatus(200)
    assert.equal(api.header('content-type'), 'audio/wav')
    assert.equal(api.header('accept-ranges'), 'bytes')
    assert.isTrue((api.body() as Buffer).equals(audio))

    const range = await client
      .get(`/api/v1/orders/${orderId}/voice/${note.id}/audio`)
      .header('host', office.host)
      .header('range', 'bytes=0-11')
      .bearerToken(tokens.head)
    range.assertStatus(206)
    assert.equal(range.header('content-range'), `bytes 0-11/${audio.length}`)
    assert.equal((range.body() as Buffer).toString('latin1'), 'RIFF' + audio.subarray(4, 8).toString('latin1') + 'WAVE')

    const status = await client.get(`/api/v1/orders/${orderId}/voice/${note.id}`).header('host', office.host).bearerToken(tokens.head)
    assert.equal(status.body().data.transcriptStatus, 'not_configured')
  })

  test('a recording above the size limit is refused with 422 in Russian and English; what was saved stays', async ({ assert, client }) => {
    const before = await voiceCount(orderId)
    assert.isAtLeast(before, 1)
    const huge = wavFile(settings.voiceMaxUploadMb * 1024 * 1024 + 512 * 1024)
    const ru = await client.post(`/api/v1/orders/${orderId}/voice`).header('host', office.host).bearerToken(tokens.healthHead)
      .file('audio', huge, { filename: 'long.wav' })
    ru.assertStatus(422)
    assert.equal(ru.body().errors[0].field, 'audio')
    assert.match(ru.body().errors[0].message, /больше допустимых/)

    const en = await client.post(`/api/v1/orders/${orderId}/voice`).header('host', office.host).header('x-locale', 'en').bearerToken(tokens.healthHead)
      .file('audio', huge, { filename: 'long.wav' })
    en.assertStatus(422)
    assert.match(en.body().errors[0].message, /larger than/)
    assert.equal(await voiceCount(orderId), before)
    const [first] = await inOffice(office, () => OrderVoiceNote.query().where('order_id', orderId).orderBy('id'))
    ;(await client.get(`/api/v1/orders/${orderId}/voice/${first.id}/audio`).header('host', office.host).bearerToken(tokens.head)).assertStatus(200)
  })

  test('a file with an audio name but other bytes is refused by its magic bytes', async ({ assert, client }) => {
    const before = await voiceCount(orderId)
    const pdf = await client.post(`/api/v1/orders/${orderId}/voice`).header('host', office.host).bearerToken(tokens.healthHead)
      .file('audio', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), { filename: 'meeting.mp3', contentType: 'audio/mpeg' })
    pdf.assertStatus(422)
    assert.match(pdf.body().errors[0].message, /не является аудиозаписью/)
    const exe = await client.post(`/api/v1/orders/${orderId}/voice`).header('host', office.host).header('x-locale', 'en').bearerToken(tokens.healthHead)
      .file('audio', Buffer.from('MZ\x90\x00'), { filename: 'note.exe' })
    exe.assertStatus(422)
    assert.match(exe.body().errors[0].message, /not an audio recording/)
    assert.equal(await voiceCount(orderId), before)
  })

  test('outsiders get 404, other tenants 404, and only the issuer of a draft takes a transcript (403 for others, 409 once issued)', async ({ assert, client }) => {
    ;(await client.post(`/api/v1/orders/${orderId}/voice`).header('host', office.host).bearerToken(tokens.outsider)
      .file('audio', webmFile(), { filename: 'x.webm' })).assertStatus(404)
    const [note] = await inOffice(office, () => OrderVoiceNote.query().where('order_id', orderId).orderBy('id'))
    ;(await client.get(`/api/v1/orders/${orderId}/voice/${note.id}/audio`).header('host', office.host).bearerToken(tokens.outsider)).assertStatus(404)

    const other = await ensureTenant('ord_voice_b')
    const stranger = await ensureUser(other, 'head')
    const token = await issueToken(client, hostOf(other), stranger.email)
    ;(await client.get(`/api/v1/orders/${orderId}/voice/${note.id}/audio`).header('host', hostOf(other)).bearerToken(token)).assertStatus(404)
    ;(await client.post(`/api/v1/orders/${orderId}/voice`).header('host', hostOf(other)).bearerToken(token)
      .file('audio', webmFile(), { filename: 'x.webm' })).assertStatus(404)

    // the executor sees the order but is not its issuer
    ;(await client.post(`/api/v1/orders/${orderId}/voice/${note.id}/apply`).header('host', office.host).bearerToken(tokens.healthHead)
      .json({ text: 'Текст от исполнителя' })).assertStatus(403)
    // the issuer may not rewrite an issued order either
    ;(await client.post(`/api/v1/orders/${orderId}/voice/${note.id}/apply`).header('host', office.host).bearerToken(tokens.head)
      .json({ text: 'Новый текст поручения' })).assertStatus(409)
    const order = await inOffice(office, () => Order.findOrFail(orderId))
    assert.equal(order.text, 'Проверить готовность котельных')
  })

  test('new order by voice on the web: a draft with the recording, a player on the card, the transcript confirmed by the issuer', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const form = await client.get('/orders/voice/new').header('host', office.host).withCookie(SESSION_COOKIE, session)
    form.assertStatus(200)
    assert.include(form.text(), 'name="audio"', form.text())
    const posted = await client
      .post('/orders/voice')
      .header('host', office.host)
      .header('referer', `http://${office.host}/orders/voice/new`)
      .withCookie(SESSION_COOKIE, session)
      .field('_csrf', csrfTokenFrom(form.text()))
      .field('responsible', `department:${office.departments.roads.id}`)
      .field('deadlineKeyword', 'urgent')
      .file('audio', webmFile(), { filename: 'voice.webm', contentType: 'audio/webm' })
      .redirects(0)
    posted.assertStatus(302)
    const location = posted.header('location') ?? ''
    assert.match(location, /^\/orders\/\d+$/)
    const draftId = Number(location.split('/').pop())

    const card = await client.get(location).header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(card.text(), `<audio controls preload="metadata" src="/orders/${draftId}/voice/`)
    assert.include(card.text(), 'служба распознавания речи не настроена')
    const [note] = await inOffice(office, () => OrderVoiceNote.query().where('order_id', draftId).preload('attachment'))
    assert.equal(note.attachment.mimeType, 'audio/webm')
    const audio = await client.get(`/orders/${draftId}/voice/${note.id}/audio`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    audio.assertStatus(200)
    assert.equal(audio.header('content-type'), 'audio/webm')

    // a transcript arrives (as the job would write it) and the issuer confirms a corrected version
    await inOffice(office, async () => {
      note.merge({ transcriptStatus: 'done', transcript: 'Расчистить дороги к школам до понедельника' })
      await note.save()
    })
    const withTranscript = await client.get(location).header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(withTranscript.text(), 'Использовать расшифровку')
    // the placeholder text is not an order: the card says so instead of offering to issue it,
    // and issuing anyway (a stale page, the API) is refused with the reason, the draft unchanged
    assert.include(withTranscript.text(), 'Текст голосового поручения ещё не подтверждён')
    assert.notInclude(withTranscript.text(), `action="/orders/${draftId}/issue"`)
    const refused = await client
      .post(`/orders/${draftId}/issue`)
      .header('host', office.host)
      .header('referer', `http://${office.host}${location}`)
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: csrfTokenFrom(withTranscript.text()) })
      .redirects(0)
    refused.assertStatus(302)
    const explained = await client.get(location).header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(explained.text(), 'role="alert">Текст голосового поручения ещё не подтверждён')
    const viaApi = await client.post(`/api/v1/orders/${draftId}/issue`).header('host', office.host).bearerToken(tokens.head).header('x-locale', 'en')
    viaApi.assertStatus(422)
    assert.deepEqual(viaApi.body().errors[0].field, 'text')
    assert.include(viaApi.body().errors[0].message, 'not confirmed yet')
    assert.equal((await inOffice(office, () => Order.findOrFail(draftId))).status, 'draft')
    const applied = await client
      .post(`/orders/${draftId}/voice/${note.id}/apply`)
      .header('host', office.host)
      .header('referer', `http://${office.host}${location}`)
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: csrfTokenFrom(withTranscript.text()), text: 'Расчистить дороги к школам до понедельника, 7:00' })
      .redirects(0)
    applied.assertStatus(302)
    const draft = await inOffice(office, () => Order.findOrFail(draftId))
    assert.equal(draft.text, 'Расчистить дороги к школам до понедельника, 7:00')
    assert.equal(draft.status, 'draft')
    assert.isFalse(draft.textPending)
    ;(await client.post(`/api/v1/orders/${draftId}/issue`).header('host', office.host).bearerToken(tokens.head)).assertStatus(200)
  })
})
