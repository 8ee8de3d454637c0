import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import Initiative from '#modules/lawmaking/models/initiative'
import { recordInitiativeEvent, supportThreshold } from '#modules/lawmaking/services/initiative_rules'
import { notifyModerators } from '#modules/lawmaking/actions/initiatives/moderate_initiative'

/**
 * A citizen supports (+1) someone else's initiative under discussion, once
 * (a second time changes nothing). When the supporters reach the threshold
 * of its level, the initiative is ready to forward: the timeline says so and
 * the moderators are told. Returns whether this call added a support.
 */
export async function supportInitiative(initiativeId: number, user: User) {
  return tenantDb().transaction(async (trx) => {
    const initiative = await Initiative.query({ client: trx }).where('id', initiativeId).forUpdate().first()
    if (!initiative || initiative.status !== 'discussion' || initiative.authorId === user.id) {
      throw new errors.E_NOT_FOUND(`No initiative ${initiativeId} to support`)
    }
    const inserted = await trx
      .insertQuery()
      .table('lawmaking_initiative_supports')
      .insert({ initiative_id: initiative.id, user_id: user.id, created_at: DateTime.now().toJSDate() })
      .onConflict(['initiative_id', 'user_id'])
      .ignore()
      .returning('user_id')
    if (!inserted.length) return false
    initiative.supportCount += 1
    const threshold = supportThreshold(initiative.level)
    const reached = !initiative.readyAt && initiative.supportCount >= threshold
    if (reached) initiative.readyAt = DateTime.now()
    await initiative.useTransaction(trx).save()
    if (reached) {
      await recordInitiativeEvent(trx, initiative.id, 'threshold_reached', { threshold, supporters: initiative.supportCount })
      await notifyModerators(trx, 'lawmaking.initiative_ready', initiative)
    }
    return true
  })
}
