import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ordersOffice, tokensFor, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { signIn, SESSION_COOKIE } from '#tests/helpers/http'
import { wavFile } from '#tests/helpers/audio'
import { queueService } from '#queue/queue_service'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'
import TranscribeVoiceJob from '#modules/orders/jobs/transcribe_voice_job'
import Notification from '#modules/notifications/models/notification'

interface Received {
  authorization?: string
  path?: string
  model: string | null
  fileName: string | null
  fileType: string | null
  fileSize: number
}

/** A speech-to-text endpoint on a local port: answers per `mode`, records what it got. */
function speechServer() {
  const state = { mode: 'ok' as 'ok' | 'fail', received: [] as Received[] }
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData()
    const file = form.get('file') as File | null
    state.received.push({
      authorization: request.headers.authorization,
      path: request.url,
      model: form.get('model') as string | null,
      fileName: file?.name ?? null,
      fileType: file?.type ?? null,
      fileSize: file?.size ?? 0,
    })
    if (state.mode === 'fail') {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"model overloaded"}}')
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: ' Подготовить отчёт о паводке к пятнице ' }))
  })
  return { server, state }
}

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>
let orderId: number
let speech: ReturnType<typeof speechServer>
let server: Server

async function notificationsOf(kind: string) {
  return inOffice(office, () => Notification.query().where('kind', kind).where('user_id', office.head.id))
}

async function noteOf(id: number) {
  return inOffice(office, () => OrderVoiceNote.findOrFail(id))
}

/** Waits (bounded) until the note reaches a status; returns the note. */
async function settledNote(id: number, status: string) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const note = await noteOf(id)
    if (note.transcriptStatus === status) return note
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`voice note ${id} never became ${status}`)
}

/** Waits (bounded) until Bull holds the job as failed; returns it as stored then. */
async function failedJob(jobId: string) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const job = await queueService.queue.getJob(jobId)
    if (job && (await job.getState()) === 'failed') return (await queueService.queue.getJob(jobId))!
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`job ${jobId} never failed`)
}

function endpointUrl() {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

test.group('Orders | voice | transcription job', (group) => {
  group.setup(async () => {
    speech = speechServer()
    server = speech.server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    // jobs queued by earlier files (e-mail deliveries, summaries of proposals) are not this group's business
    await queueService.queue.empty()
    queueService.process(2)
    office = await ordersOffice('ord_voice_stt')
    process.env.SPEECH_TO_TEXT_KEY = 'stt-secret'
    process.env.SPEECH_TO_TEXT_MODEL = 'whisper-test'
    process.env.SPEECH_TO_TEXT_ATTEMPTS = '3'
    process.env.SPEECH_TO_TEXT_RETRY_DELAY_MS = '100'
    return async () => {
      for (const key of ['SPEECH_TO_TEXT_URL', 'SPEECH_TO_TEXT_KEY', 'SPEECH_TO_TEXT_MODEL', 'SPEECH_TO_TEXT_ATTEMPTS', 'SPEECH_TO_TEXT_RETRY_DELAY_MS']) {
        delete process.env[key]
      }
      await queueService.close()
      await new Promise((resolve) => server.close(resolve))
    }
  })
  group.each.setup(async ({ context }) => {
    speech.state.mode = 'ok'
    speech.state.received = []
    process.env.SPEECH_TO_TEXT_URL = endpointUrl()
    tokens = await tokensFor(context.client, office)
    if (!orderId) {
      const created = await context.client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
        type: 'order', text: 'Черновик для голосовой записи', deadlineKeyword: 'promptly',
        responsible: `department:${office.departments.health.id}`,
      })
      orderId = created.body().data.id
    }
  })

  async function upload(client: any) {
    const response = await client.post(`/api/v1/orders/${orderId}/voice`).header('host', office.host).bearerToken(tokens.head)
      .file('audio', wavFile(8_044), { filename: 'note.wav' })
    response.assertStatus(201)
    return response.body().data as { id: number; transcriptStatus: string }
  }

  test('the transcript fills in; the endpoint gets the audio, the model and the key; a second run changes nothing', async ({ assert, client }) => {
    const created = await upload(client)
    assert.equal(created.transcriptStatus, 'pending')
    const note = await settledNote(created.id, 'done')
    assert.equal(note.transcript, 'Подготовить отчёт о паводке к пятнице')
    assert.isNull(note.transcriptError)
    assert.equal(speech.state.received.length, 1)
    const [received] = speech.state.received
    assert.equal(received.path, '/v1/audio/transcriptions')
    assert.equal(received.authorization, 'Bearer stt-secret')
    assert.equal(received.model, 'whisper-test')
    assert.equal(received.fileType, 'audio/wav')
    assert.match(received.fileName!, /\.wav$/)
    assert.equal(received.fileSize, 8_044)

    // idempotent: running the job again for a done note does not call the endpoint
    const again = await inOffice(office, () => new TranscribeVoiceJob().handle({ voiceNoteId: created.id }))
    assert.deepEqual(again, { skipped: 'already transcribed' })
    assert.equal(speech.state.received.length, 1)
    // the issuer (here also the author) is told once
    assert.lengthOf(await notificationsOf('order.transcript_ready'), 1)

    // the issuer sees the transcript ready to confirm on the draft's card
    const { session } = await signIn(client, office.host, office.head.email)
    const card = await client.get(`/orders/${orderId}`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(card.text(), 'Подготовить отчёт о паводке к пятнице')
    assert.include(card.text(), 'Использовать расшифровку')
  })

  test('a failing endpoint is retried, then the error shows on the card; the recording stays playable', async ({ assert, client }) => {
    speech.state.mode = 'fail'
    const created = await upload(client)
    const note = await settledNote(created.id, 'failed')
    assert.equal(speech.state.received.length, 3)
    assert.equal(note.transcriptAttempts, 3)
    assert.match(note.transcriptError!, /answered 500: .*model overloaded/)
    // The note turns failed inside the last attempt, a moment before Bull
    // moves the job to its failed list: wait for that, then read the job afresh.
    const job = await failedJob(`orders.transcribe_voice.ord_voice_stt.${created.id}.first`)
    assert.equal(job.attemptsMade, 3)
    assert.lengthOf(await notificationsOf('order.transcript_failed'), 1)

    const { session } = await signIn(client, office.host, office.head.email)
    const card = await client.get(`/orders/${orderId}`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(card.text(), 'Расшифровать запись не удалось')
    assert.include(card.text(), 'model overloaded')
    assert.include(card.text(), 'Расшифровать снова')
    const audio = await client.get(`/api/v1/orders/${orderId}/voice/${created.id}/audio`).header('host', office.host).bearerToken(tokens.head)
    audio.assertStatus(200)
    assert.equal((audio.body() as Buffer).length, 8_044)

    // once the service is back, a manual retry transcribes the same recording
    speech.state.mode = 'ok'
    const retry = await client.post(`/api/v1/orders/${orderId}/voice/${created.id}/transcribe`).header('host', office.host).bearerToken(tokens.head)
    retry.assertStatus(202)
    const done = await settledNote(created.id, 'done')
    assert.equal(done.transcript, 'Подготовить отчёт о паводке к пятнице')
  })

  test('without an endpoint the recording is kept as "not transcribed", also when a queued job runs', async ({ assert, client }) => {
    delete process.env.SPEECH_TO_TEXT_URL
    const created = await upload(client)
    assert.equal(created.transcriptStatus, 'not_configured')
    const stored = await noteOf(created.id)
    assert.equal(stored.transcriptStatus, 'not_configured')

    // a job queued while an endpoint was still configured finds none when it runs
    await inOffice(office, async () => {
      stored.transcriptStatus = 'pending'
      await stored.save()
    })
    const job = await queueService.dispatch('orders.transcribe_voice', { voiceNoteId: created.id }, { tenant: office.tenant.slug })
    const deadline = Date.now() + 20_000
    while (!['completed', 'failed'].includes(await job.getState()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(await job.getState(), 'completed')
    assert.equal((await noteOf(created.id)).transcriptStatus, 'not_configured')
    assert.lengthOf(speech.state.received, 0)

    const { session } = await signIn(client, office.host, office.head.email)
    const card = await client.get(`/orders/${orderId}`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(card.text(), 'Запись не расшифрована: служба распознавания речи не настроена.')
  })
})
