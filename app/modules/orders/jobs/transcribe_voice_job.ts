import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import { Job, type JobContext } from '#queue/job'
import { queueService } from '#queue/queue_service'
import { settings } from '#core/settings'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantDb } from '#tenancy/tenant_model'
import Order from '#modules/orders/models/order'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'
import { notify } from '#modules/orders/services/order_notifier'
import { transcribe, transcriptionConfigured } from '#modules/orders/services/transcription'

export interface TranscribeVoicePayload {
  voiceNoteId: number
}

/**
 * Sends one voice recording to the speech-to-text endpoint and keeps the
 * transcript on the voice note. Idempotent: a done note is left alone, so a
 * duplicate or late run changes nothing. A failure is recorded on every
 * attempt; the note turns `failed` only after Bull's last attempt.
 */
export default class TranscribeVoiceJob extends Job<TranscribeVoicePayload> {
  static jobName = 'orders.transcribe_voice'
  static tenantScoped = true

  /**
   * Queues the transcription of a stored recording. `runKey` tells a manual
   * retry apart from the first run (Bull ignores a second add of one id).
   */
  static async dispatchFor(note: OrderVoiceNote, runKey = 'first') {
    const slug = tenantScope.currentOrFail().slug
    try {
      await queueService.dispatch(
        TranscribeVoiceJob.jobName,
        { voiceNoteId: note.id },
        {
          tenant: slug,
          jobId: `${TranscribeVoiceJob.jobName}.${slug}.${note.id}.${runKey}`,
          attempts: settings.speechToText.attempts,
          backoff: { type: 'exponential', delay: settings.speechToText.retryDelayMs },
        }
      )
    } catch (error) {
      // The recording is saved already; without a queue it waits for a manual retry.
      logger.error({ err: error, voiceNoteId: note.id }, 'could not queue the transcription')
      note.merge({ transcriptStatus: 'failed', transcriptError: `Queue unavailable: ${(error as Error).message}`.slice(0, 1000) })
      await note.save()
    }
  }

  async handle(payload: TranscribeVoicePayload, context: JobContext = { attempt: 1, attempts: 1 }) {
    const note = await OrderVoiceNote.query().where('id', payload.voiceNoteId).preload('attachment').first()
    if (!note) return { skipped: 'voice note is gone' }
    if (note.transcriptStatus === 'done') return { skipped: 'already transcribed' }
    if (!transcriptionConfigured()) {
      note.merge({ transcriptStatus: 'not_configured', transcriptError: null })
      await note.save()
      return { status: note.transcriptStatus }
    }

    note.transcriptAttempts += 1
    try {
      const audio = Buffer.from(await drive.use().getBytes(note.attachment.storageKey))
      const extname = note.attachment.storageKey.split('.').pop() ?? 'webm'
      const text = await transcribe(audio, `voice-${note.id}.${extname}`, note.attachment.mimeType)
      note.merge({ transcriptStatus: 'done', transcript: text, transcriptError: null, transcribedAt: DateTime.now() })
      await this.#saveAndTell(note, 'order.transcript_ready')
      return { status: note.transcriptStatus, characters: text.length }
    } catch (error) {
      const lastAttempt = context.attempt >= context.attempts
      note.merge({ transcriptStatus: lastAttempt ? 'failed' : 'pending', transcriptError: (error as Error).message.slice(0, 1000) })
      if (lastAttempt) await this.#saveAndTell(note, 'order.transcript_failed')
      else await note.save()
      throw error
    }
  }

  /** Saves the outcome and tells the recording's author and the issuer, once per outcome. */
  async #saveAndTell(note: OrderVoiceNote, kind: 'order.transcript_ready' | 'order.transcript_failed') {
    await tenantDb().transaction(async (trx) => {
      note.useTransaction(trx)
      await note.save()
      const order = await Order.findOrFail(note.orderId, { client: trx })
      await notify(trx, [note.createdBy, order.issuerId], kind, order, {}, `${kind}:${note.id}:${note.transcriptAttempts}`)
    })
  }
}
