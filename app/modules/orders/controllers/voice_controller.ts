import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { ORDER_TYPES } from '#modules/orders/models/order'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'
import OrderPolicy from '#modules/orders/policies/order_policy'
import { findVisibleOrder } from '#modules/orders/builders/order_queries'
import { executorChoices } from '#modules/orders/controllers/orders_controller'
import { keywordDeadlines } from '#modules/orders/actions/create_order'
import { DEADLINE_KEYWORD_VALUES } from '#modules/orders/validators/order_validators'
import { applyTranscriptValidator, attachVoiceValidator, voiceOrderValidator } from '#modules/orders/validators/voice_validators'
import { AttachVoice } from '#modules/orders/actions/attach_voice'
import { CreateVoiceOrder } from '#modules/orders/actions/create_voice_order'
import { ApplyTranscript } from '#modules/orders/actions/apply_transcript'
import { transcriptionConfigured } from '#modules/orders/services/transcription'
import TranscribeVoiceJob from '#modules/orders/jobs/transcribe_voice_job'
import { settings } from '#core/settings'

const isApi = (ctx: HttpContext) => ctx.request.url().startsWith('/api/')

function present(note: OrderVoiceNote) {
  return {
    id: note.id,
    orderId: note.orderId,
    attachmentId: note.attachmentId,
    transcriptStatus: note.transcriptStatus,
    transcript: note.transcript,
    transcriptError: note.transcriptError,
    transcriptAttempts: note.transcriptAttempts,
    transcribedAt: note.transcribedAt?.toISO() ?? null,
    appliedAt: note.appliedAt?.toISO() ?? null,
    audioUrl: `/orders/${note.orderId}/voice/${note.id}/audio`,
  }
}

/** Parses a single "bytes=start-end" range against a file of `size` bytes. */
function byteRange(header: string | undefined, size: number) {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/)
  if (!match || (match[1] === '' && match[2] === '')) return null
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1])
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  return start <= end && start < size ? { start, end } : 'unsatisfiable'
}

/**
 * Voice orders: record or upload audio for a new draft or an existing order,
 * play it back, retry its transcription, and let the issuer take the
 * transcript as the draft's text.
 */
export default class VoiceController {
  async #note(ctx: HttpContext) {
    const order = await findVisibleOrder(ctx.auth.getUserOrFail(), ctx.params.id)
    const note = await OrderVoiceNote.query().where('order_id', order.id).where('id', ctx.params.voiceId).preload('attachment').firstOrFail()
    return { order, note }
  }

  async create({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('create')
    const executors = await executorChoices(i18n.locale)
    return view.render('pages/orders/voice_new', {
      types: ORDER_TYPES,
      keywords: DEADLINE_KEYWORD_VALUES,
      executorOptions: executors.options,
      executorGroups: executors.groups,
      keywordDates: await keywordDeadlines(),
      maxUploadMb: settings.voiceMaxUploadMb,
      transcriptionConfigured: transcriptionConfigured(),
    })
  }

  async storeOrder({ bouncer, request, response, auth, session, i18n }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('create')
    const { audio, ...draft } = await request.validateUsing(voiceOrderValidator)
    const { order } = await new CreateVoiceOrder().handle(draft, audio, auth.getUserOrFail(), i18n.t('voice.placeholder_text'))
    session.flash('notice', i18n.t('voice.flash.order_created', { number: order.number }))
    return response.redirect(`/orders/${order.id}`)
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, params, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const order = await findVisibleOrder(user, params.id)
    await bouncer.with(OrderPolicy).authorize('attach', order)
    const { audio } = await request.validateUsing(attachVoiceValidator)
    const note = await new AttachVoice().handle(order, audio, user)
    if (isApi(ctx)) return response.created({ data: present(note) })
    session.flash('notice', i18n.t('voice.flash.attached'))
    return response.redirect(`/orders/${order.id}#voice`)
  }

  async show(ctx: HttpContext) {
    const { note } = await this.#note(ctx)
    return ctx.response.ok({ data: present(note) })
  }

  /** Streams the recording inline with its real type; ranges let players seek. */
  async audio(ctx: HttpContext) {
    const { note } = await this.#note(ctx)
    const { response, request } = ctx
    const attachment = note.attachment
    const disk = drive.use()
    response.header('content-type', attachment.mimeType)
    response.header('accept-ranges', 'bytes')
    response.header('cache-control', 'private, max-age=3600')
    response.header('content-disposition', `inline; filename="voice-${note.id}.${attachment.storageKey.split('.').pop()}"`)
    const range = byteRange(request.header('range'), attachment.size)
    if (range === 'unsatisfiable') {
      response.header('content-range', `bytes */${attachment.size}`)
      return response.status(416).send('')
    }
    if (range) {
      const bytes = Buffer.from(await disk.getBytes(attachment.storageKey))
      response.status(206)
      response.header('content-range', `bytes ${range.start}-${range.end}/${attachment.size}`)
      return response.send(bytes.subarray(range.start, range.end + 1))
    }
    response.header('content-length', String(attachment.size))
    return response.stream(await disk.getStream(attachment.storageKey))
  }

  async apply(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    const { order, note } = await this.#note(ctx)
    await bouncer.with(OrderPolicy).authorize('edit', order)
    const { text } = await request.validateUsing(applyTranscriptValidator)
    await new ApplyTranscript().handle(order, note, text, auth.getUserOrFail())
    if (isApi(ctx)) return response.ok({ data: { id: order.id, text: order.text } })
    session.flash('notice', i18n.t('voice.flash.applied'))
    return response.redirect(`/orders/${order.id}`)
  }

  /** Queues the transcription again after a failure or once an endpoint is configured. */
  async retry(ctx: HttpContext) {
    const { response, bouncer, session, i18n } = ctx
    const { order, note } = await this.#note(ctx)
    await bouncer.with(OrderPolicy).authorize('attach', order)
    if (note.transcriptStatus !== 'done' && transcriptionConfigured()) {
      note.merge({ transcriptStatus: 'pending', transcriptError: null })
      await note.save()
      await TranscribeVoiceJob.dispatchFor(note, `retry-${Date.now()}`)
    }
    if (isApi(ctx)) return response.accepted({ data: present(note) })
    session.flash('notice', i18n.t(transcriptionConfigured() ? 'voice.flash.retry_queued' : 'voice.not_configured'))
    return response.redirect(`/orders/${order.id}#voice`)
  }
}
