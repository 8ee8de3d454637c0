import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { clockDate } from '#core/clock'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'

/*
| Citizens flag remarks (or replies) for the portal's moderators; a
| moderator hides the remark (moderateRemark) or dismisses the flags. Either
| way the flags are cleared, not deleted: a citizen flags a remark once.
*/

/** Remarks a citizen may flag per hour (LAWMAKING_FLAGS_PER_HOUR). */
export const flagLimiter = () => limiter.use({ requests: env.get('LAWMAKING_FLAGS_PER_HOUR') ?? 10, duration: '1 hour' })

/** The limiter's key of a citizen of a portal. */
export function flagLimiterKey(tenantSlug: string, userId: number) {
  return `lawmaking:flags:${tenantSlug}:${userId}`
}

/**
 * A citizen flags someone else's visible remark, once, with an optional
 * reason. Returns false when this citizen had flagged it already.
 */
export async function flagRemark(remarkId: number, user: User, reason: string | null) {
  return tenantDb().transaction(async (trx) => {
    const remark = await trx.from('lawmaking_remarks').where('id', remarkId).whereNull('hidden_at').forUpdate().first()
    if (!remark || remark.author_id === user.id) throw new errors.E_NOT_FOUND(`No remark ${remarkId} to flag`)
    const inserted = await trx
      .insertQuery()
      .table('lawmaking_remark_flags')
      .insert({ remark_id: remarkId, user_id: user.id, reason: reason?.trim() || null, created_at: clockDate() })
      .onConflict(['remark_id', 'user_id'])
      .ignore()
      .returning('remark_id')
    if (!inserted.length) return false
    await trx.from('lawmaking_remarks').where('id', remarkId).increment('flags_count', 1)
    return true
  })
}

/** Clears a remark's open flags (in the caller's transaction); returns how many there were. */
export async function clearFlags(trx: TransactionClientContract, remarkId: number) {
  const cleared = await trx.from('lawmaking_remark_flags').where('remark_id', remarkId).whereNull('cleared_at').update({ cleared_at: clockDate() })
  await trx.from('lawmaking_remarks').where('id', remarkId).update({ flags_count: 0 })
  return Number(cleared)
}

/** A moderator finds nothing wrong with a flagged remark: its flags are cleared, audited. */
export async function dismissFlags(remarkId: number, actor: Actor) {
  const { remark, cleared } = await tenantDb().transaction(async (trx) => {
    const found = await trx.from('lawmaking_remarks').where('id', remarkId).forUpdate().first()
    if (!found) throw new errors.E_NOT_FOUND(`No remark ${remarkId}`)
    return { remark: found, cleared: await clearFlags(trx, remarkId) }
  })
  await recordAudit(actor, 'lawmaking.remark_flags_dismissed', { type: 'lawmaking_remark', id: remarkId }, { flags: cleared })
  return { draftId: remark.draft_id as number, clauseKey: remark.clause_key as string, cleared }
}

/** Which of these remarks the user has flagged. */
export async function flaggedBy(userId: number | null, remarkIds: number[]) {
  if (!userId || !remarkIds.length) return new Set<number>()
  const rows = await tenantDb().from('lawmaking_remark_flags').where('user_id', userId).whereIn('remark_id', remarkIds).select('remark_id')
  return new Set<number>(rows.map((row: { remark_id: number }) => row.remark_id))
}
