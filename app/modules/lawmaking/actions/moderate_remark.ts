import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import Remark from '#modules/lawmaking/models/remark'
import { recordDraftEvent } from '#modules/lawmaking/services/timeline'
import { clearFlags } from '#modules/lawmaking/actions/flag_remark'

/**
 * A moderator hides a remark with a reason (the timeline says a remark was
 * hidden and why, not what it said), or shows it again. Audited. A hidden
 * remark still needs the developer's decision: it was sent already. Hiding
 * clears the remark's flags (the moderators' queue is done with it).
 */
export async function moderateRemark(remarkId: number, hide: boolean, reason: string | null, actor: Actor) {
  let flags = 0
  const remark = await tenantDb().transaction(async (trx) => {
    const found = await Remark.query({ client: trx }).where('id', remarkId).forUpdate().firstOrFail()
    if (hide === !!found.hiddenAt) return found
    found.merge(hide ? { hiddenAt: DateTime.now(), hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
    await found.useTransaction(trx).save()
    if (hide) await recordDraftEvent(trx, found.draftId, 'remark_hidden', { remarkId: found.id, reason })
    // hiding deals with the citizens' flags on it
    flags = hide ? await clearFlags(trx, found.id) : 0
    return found
  })
  await recordAudit(actor, hide ? 'lawmaking.remark_hidden' : 'lawmaking.remark_restored', { type: 'lawmaking_remark', id: remark.id }, hide && flags ? { reason, flags } : { reason })
  return remark
}
