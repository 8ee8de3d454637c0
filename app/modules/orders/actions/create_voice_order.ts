import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type User from '#modules/identity/models/user'
import type { OrderType } from '#modules/orders/models/order'
import type { DeadlineKeyword } from '#modules/orders/calendar/deadline_rules'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { AttachVoice } from '#modules/orders/actions/attach_voice'

export interface VoiceOrderDraft {
  type?: OrderType
  responsible: string
  deadlineKeyword?: DeadlineKeyword
  deadline?: Date
}

/**
 * "New order by voice": a draft with a placeholder text and the recording
 * attached; the transcript replaces the text once the issuer confirms it.
 * If the audio cannot be stored, the empty draft is removed again.
 */
export class CreateVoiceOrder {
  async handle(draft: VoiceOrderDraft, audio: MultipartFile, issuer: User, placeholderText: string) {
    const order = await new CreateOrder().handle(
      {
        type: draft.type ?? 'order',
        text: placeholderText,
        deadlineKeyword: draft.deadlineKeyword ?? 'none',
        deadline: draft.deadline,
        responsible: draft.responsible,
      },
      issuer
    )
    try {
      order.textPending = true
      await order.save()
      const note = await new AttachVoice().handle(order, audio, issuer)
      return { order, note }
    } catch (error) {
      await order.delete()
      throw error
    }
  }
}
