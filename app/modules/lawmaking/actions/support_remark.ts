import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import { clockDate } from '#core/clock'

/**
 * A citizen supports (+1) someone else's visible remark, once; a second
 * time takes the support back. Returns whether the citizen supports it now.
 */
export async function toggleSupport(remarkId: number, user: User) {
  return tenantDb().transaction(async (trx) => {
    const remark = await trx.from('lawmaking_remarks').where('id', remarkId).whereNull('hidden_at').forUpdate().first()
    if (!remark || remark.author_id === user.id) throw new errors.E_NOT_FOUND(`No remark ${remarkId} to support`)
    const removed = await trx.from('lawmaking_remark_supports').where({ remark_id: remarkId, user_id: user.id }).delete()
    if (!removed) await trx.table('lawmaking_remark_supports').insert({ remark_id: remarkId, user_id: user.id, created_at: clockDate() })
    await trx.from('lawmaking_remarks').where('id', remarkId).increment('support_count', removed ? -1 : 1)
    return !removed
  })
}
