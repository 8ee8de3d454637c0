import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import Remark from '#modules/lawmaking/models/remark'
import { recordDraftEvent } from '#modules/lawmaking/services/timeline'

/**
 * A moderator hides a remark with a reason (the timeline says a remark was
 * hidden and why, not what it said), or shows it again. Audited. A hidden
 * remark still needs the developer's decision: it was sent already.
 */
export async function moderateRemark(remarkId: number, hide: boolean, reason: string | null, actor: Actor) {
  const remark = await tenantDb().transaction(async (trx) => {
    const found = await Remark.query({ client: trx }).where('id', remarkId).forUpdate().firstOrFail()
    if (hide === !!found.hiddenAt) return found
    found.merge(hide ? { hiddenAt: DateTime.now(), hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
    await found.useTransaction(trx).save()
    if (hide) await recordDraftEvent(trx, found.draftId, 'remark_hidden', { remarkId: found.id, reason })
    return found
  })
  await recordAudit(actor, hide ? 'lawmaking.remark_hidden' : 'lawmaking.remark_restored', { type: 'lawmaking_remark', id: remark.id }, { reason })
  return remark
}
