import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import type Order from '#modules/orders/models/order'
import type OrderVoiceNote from '#modules/orders/models/order_voice_note'
import { recordActivity } from '#modules/orders/services/order_history'
import { errors } from '#core/errors'

/**
 * The issuer confirms a transcript (as heard or corrected) as the text of
 * the draft. Only drafts change text: an issued order's text is settled.
 */
export class ApplyTranscript {
  async handle(order: Order, note: OrderVoiceNote, text: string, actor: User) {
    if (order.status !== 'draft') throw new errors.E_FORBIDDEN_TRANSITION('Only a draft takes a transcript')
    return tenantDb().transaction(async (trx) => {
      order.useTransaction(trx)
      note.useTransaction(trx)
      order.text = text
      order.textPending = false
      await order.save()
      note.appliedAt = DateTime.now()
      await note.save()
      await recordActivity(trx, order.id, actor.id, 'transcript_applied', [], { voiceNoteId: note.id })
      return order
    })
  }
}
