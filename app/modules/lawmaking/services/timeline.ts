import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'

export type DraftEventKind = 'version_published' | 'discussion_opened' | 'discussion_closed' | 'completed' | 'remark_decided' | 'remark_hidden'

/**
 * Adds an entry to a draft's public timeline (append-only: the table's
 * trigger refuses updates and deletes). `occurredAt` is when it happened in
 * the body, which may be earlier than when the bus brought it.
 */
export function recordDraftEvent(
  trx: TransactionClientContract,
  draftId: number,
  kind: DraftEventKind,
  data: Record<string, unknown>,
  occurredAt: DateTime = DateTime.now()
) {
  return appendTimelineEntry(trx, 'lawmaking_events', { draft_id: draftId }, kind, data, occurredAt)
}

/** One row of an append-only public timeline (drafts', initiatives'): what happened, when, and when it was written. */
export async function appendTimelineEntry(
  trx: TransactionClientContract,
  table: 'lawmaking_events' | 'lawmaking_initiative_events',
  owner: Record<string, number>,
  kind: string,
  data: Record<string, unknown>,
  occurredAt: DateTime
) {
  await trx.table(table).insert({ ...owner, kind, data: JSON.stringify(data), occurred_at: occurredAt.toJSDate(), created_at: DateTime.now().toJSDate() })
}
