import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'

/**
 * The providing department answers a follow-up; the answer goes back to the
 * portal, which publishes it under the rating. Answered once.
 */
export class AnswerFollowUp {
  async handle(followUpId: number, text: string, actor: Actor) {
    return tenantDb().transaction(async (trx) => {
      const found = await ServiceFollowUp.query({ client: trx }).where('id', followUpId).forUpdate().firstOrFail()
      if (found.status !== 'open') return found
      found.merge({ status: 'answered', answerText: text, answeredAt: DateTime.now(), answeredBy: actor.id })
      await found.useTransaction(trx).save()
      await bus.send(trx, {
        to: found.originTenant,
        type: 'service_ratings.follow_up_answered',
        payload: { ratingId: found.originRatingId, kind: 'answered', text, at: found.answeredAt!.toISO()! },
      })
      await recordAudit(actor, 'service_ratings.follow_up.answered', { type: 'service_follow_up', id: found.id }, {}, trx)
      return found
    })
  }
}
