import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'

export type SanctionKind = 'warn' | 'suspend' | 'block'

export interface ActiveSanction {
  id: number
  kind: 'suspend' | 'block'
  reason: string
  until: Date | null
}

/**
 * The user's sanction in force now that stops publishing: a block before a
 * suspension, the longest first. Warnings never stop anyone. Blocked users
 * still sign in (read-only: they read the reason, their notifications and
 * may appeal); the profiles area hides a blocked user's profile (isBlocked).
 */
export async function activeSanction(userId: number, trx?: TransactionClientContract): Promise<ActiveSanction | null> {
  const now = clockDate()
  const row = await (trx ?? tenantDb())
    .from('social_sanctions')
    .where('user_id', userId)
    .whereIn('kind', ['suspend', 'block'])
    .whereNull('lifted_at')
    .where('starts_at', '<=', now)
    .where((query) => query.whereNull('until').orWhere('until', '>', now))
    .orderByRaw(`kind = 'block' desc, until desc nulls first`)
    .first()
  return row ? { id: row.id, kind: row.kind, reason: row.reason, until: row.until } : null
}

/** Whether a moderator's block is in force on the user now (their public profile is hidden). */
export async function isBlocked(userId: number) {
  return (await activeSanction(userId))?.kind === 'block'
}
