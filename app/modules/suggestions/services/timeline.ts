import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { clockDate } from '#core/clock'

export type SuggestionEventKind =
  | 'submitted'
  | 'published'
  | 'declined'
  | 'threshold_reached'
  | 'sent'
  | 'answered'
  | 'returned'
  | 'readdressed'
  | 'hidden'
  | 'restored'

/** Appends an entry to a suggestion's timeline, in the caller's transaction. */
export async function recordEvent(
  trx: TransactionClientContract,
  suggestionId: number,
  kind: SuggestionEventKind,
  data: Record<string, unknown> = {},
  options: { actorId?: number | null; isPublic?: boolean } = {}
) {
  await trx.insertQuery().table('suggestion_events').insert({
    suggestion_id: suggestionId,
    kind,
    data: JSON.stringify(data),
    actor_id: options.actorId ?? null,
    is_public: options.isPublic ?? true,
    created_at: clockDate(),
  })
}
