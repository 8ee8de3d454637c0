import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { ANSWER_DAYS } from '#modules/suggestions/services/catalog'
import { recordEvent } from '#modules/suggestions/services/timeline'

/**
 * Sends a suggestion (locked by the caller, public or returned) over the bus
 * to its addressed body, as a new round with a 10-day deadline. The body
 * gets the suggestion and its supports, never who wrote or supported it.
 */
export async function sendSuggestion(trx: TransactionClientContract, suggestion: Record<string, any>, reason: 'threshold' | 'moderator', actorId: number | null) {
  const now = DateTime.now()
  const respondBy = now.plus({ days: ANSWER_DAYS })
  const round = Number(suggestion.round) + 1
  await trx
    .from('suggestions')
    .where('id', suggestion.id)
    .update({
      status: 'sent',
      round,
      sent_at: now.toJSDate(),
      respond_by: respondBy.toJSDate(),
      answer_kind: null,
      answer_text: null,
      planned_on: null,
      answered_at: null,
      updated_at: now.toJSDate(),
    })
  await bus.send(trx, {
    to: suggestion.body_slug,
    type: 'suggestions.sent',
    payload: {
      suggestionId: suggestion.id,
      round,
      category: suggestion.category,
      title: suggestion.title,
      content: suggestion.content,
      route: suggestion.route ?? null,
      municipalityCode: suggestion.municipality_code,
      supports: Number(suggestion.supports_count),
      respondBy: respondBy.toISO()!,
      portalUrl: `/suggestions/${suggestion.id}`,
    },
  })
  await recordEvent(
    trx,
    suggestion.id,
    'sent',
    { reason, round, body: suggestion.body_slug, bodyNameRu: suggestion.body_name_ru, bodyNameEn: suggestion.body_name_en, respondBy: respondBy.toISO() },
    { actorId }
  )
}
