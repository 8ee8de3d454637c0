import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'
import { AttachFiles } from '#modules/orders/actions/attach_files'
import { recordActivity } from '#modules/orders/services/order_history'
import { sniffAudioFile } from '#modules/orders/services/audio_types'
import { transcriptionConfigured } from '#modules/orders/services/transcription'
import TranscribeVoiceJob from '#modules/orders/jobs/transcribe_voice_job'

/**
 * Attaches a voice recording to an order: the audio is stored as an order
 * attachment (typed by its real bytes), a voice note records it in the same
 * transaction, and only then is the transcription queued, so a failing
 * queue or speech-to-text service never loses the recording.
 */
export class AttachVoice {
  async handle(order: Order, file: MultipartFile, actor: User) {
    const type = (file.tmpPath && (await sniffAudioFile(file.tmpPath))) || { mimeType: 'application/octet-stream', extname: 'bin' }
    const configured = transcriptionConfigured()
    const attached = await new AttachFiles().handle(order, [file], actor, {
      typeOf: () => type,
      alsoRecord: async (trx, [attachment]) => {
        const note = await OrderVoiceNote.create(
          {
            orderId: order.id,
            attachmentId: attachment.id,
            transcriptStatus: configured ? 'pending' : 'not_configured',
            transcriptAttempts: 0,
            createdBy: actor.id,
          },
          { client: trx }
        )
        await recordActivity(trx, order.id, actor.id, 'voice_attached', [], { voiceNoteId: note.id })
        return note
      },
    })
    const note = attached.recorded
    if (configured) await TranscribeVoiceJob.dispatchFor(note)
    return note
  }
}
