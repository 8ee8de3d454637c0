import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ProblemEvent, { type ProblemEventKind } from '#modules/problems/models/problem_event'

/** Appends an entry to a problem's timeline, in the caller's transaction. */
export function recordEvent(
  trx: TransactionClientContract,
  problemId: number,
  kind: ProblemEventKind,
  data: Record<string, unknown> = {},
  options: { actorId?: number | null; ruleId?: number | null; isPublic?: boolean } = {}
) {
  return ProblemEvent.create(
    { problemId, kind, data, actorId: options.actorId ?? null, ruleId: options.ruleId ?? null, isPublic: options.isPublic ?? true },
    { client: trx }
  )
}
