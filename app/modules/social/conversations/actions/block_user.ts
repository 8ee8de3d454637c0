import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'

/**
 * A user blocks another: no new conversation either way, a one-to-one
 * conversation between them stops (and shows it), and in groups the blocker
 * no longer hears the blocked. Unblocking undoes it; nothing is deleted.
 */
export async function blockUser(blockerId: number, blockedId: number) {
  if (blockerId === blockedId) return false
  const exists = await tenantDb().from('users').where('id', blockedId).first()
  if (!exists) return false
  await tenantDb().rawQuery(`insert into social_user_blocks (blocker_id, blocked_id, created_at) values (?, ?, ?) on conflict do nothing`, [blockerId, blockedId, clockDate()])
  return true
}

export async function unblockUser(blockerId: number, blockedId: number) {
  await tenantDb().from('social_user_blocks').where({ blocker_id: blockerId, blocked_id: blockedId }).delete()
}

export async function blockedBy(blockerId: number) {
  return tenantDb().from('social_user_blocks').where('blocker_id', blockerId).orderBy('created_at', 'desc').select('blocked_id', 'created_at')
}
