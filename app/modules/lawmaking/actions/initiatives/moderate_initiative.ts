import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import { notifyUsers } from '#modules/notifications/services/notify'
import Initiative from '#modules/lawmaking/models/initiative'
import { recordInitiativeEvent } from '#modules/lawmaking/services/initiative_rules'

/** The portal's moderators and admins hear of initiatives to moderate and to forward. */
export async function notifyModerators(trx: TransactionClientContract, kind: string, initiative: Initiative) {
  const people = await trx.from('users').where('status', 'active').whereIn('role', ['moderator', 'admin']).select('id')
  await notifyUsers(trx, people.map((row: { id: number }) => row.id), kind, `/lawmaking/initiatives/${initiative.id}`, { id: initiative.id, title: initiative.title }, `${kind}:${initiative.id}`)
}

/**
 * A moderator publishes an initiative for discussion and support, or
 * rejects it with a reason (the author sees why). Only an initiative in
 * moderation; audited; the author is told.
 */
export class ModerateInitiative {
  async handle(initiativeId: number, decision: 'publish' | 'reject', reason: string | null, actor: Actor) {
    const initiative = await tenantDb().transaction(async (trx) => {
      const found = await Initiative.query({ client: trx }).where('id', initiativeId).forUpdate().firstOrFail()
      if (found.status !== 'moderation') throw new errors.E_FORBIDDEN_TRANSITION('This initiative has been moderated already')
      const now = DateTime.now()
      found.merge(decision === 'publish' ? { status: 'discussion', publishedAt: now } : { status: 'rejected', moderationReason: reason })
      await found.useTransaction(trx).save()
      await recordInitiativeEvent(trx, found.id, decision === 'publish' ? 'published' : 'rejected', decision === 'publish' ? {} : { reason }, now)
      await notifyUsers(trx, [found.authorId], decision === 'publish' ? 'lawmaking.initiative_published' : 'lawmaking.initiative_rejected', `/lawmaking/initiatives/${found.id}`, {
        title: found.title,
      })
      return found
    })
    await recordAudit(actor, decision === 'publish' ? 'lawmaking.initiative_published' : 'lawmaking.initiative_rejected', { type: 'lawmaking_initiative', id: initiative.id }, { reason })
    return initiative
  }
}
