import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import Department from '#modules/identity/models/department'
import ServiceRating from '#modules/service_ratings/models/service_rating'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import { storeCatalogue } from '#modules/service_ratings/services/catalogue'
import { storeRankAlerts } from '#modules/service_ratings/services/rank_alerts'
import { peopleWith } from '#modules/problems/services/problem_notifier'
import { notifyUsers } from '#modules/notifications/services/notify'

/*
| Government service ratings across tenants. A body publishes its services
| (catalogue_published); the portal sends a low rating with a comment to the
| providing body (follow_up_opened); the body acknowledges it and later
| answers (follow_up_answered). The sender is the one the relay names; each
| side finds the other's row only for that sender.
*/

bus.handle('service_ratings.catalogue_published', async (message, trx) => {
  if (tenantScope.currentOrFail().kind !== 'portal') return
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || !isBodyKind(sender.kind)) {
    throw new errors.E_FORBIDDEN_TRANSITION(`"${message.from}" is not a body: its services are refused`)
  }
  await storeCatalogue(trx, { slug: sender.slug, kind: sender.kind }, message.payload)
})

bus.handle('service_ratings.follow_up_opened', async (message, trx) => {
  if (!isBodyKind(tenantScope.currentOrFail().kind)) {
    throw new errors.E_FORBIDDEN_TRANSITION(`${message.to} is not a body: it answers no follow-ups`)
  }
  const facts = message.payload
  const known = await ServiceFollowUp.query({ client: trx }).where('origin_tenant', message.from).where('origin_rating_id', facts.ratingId).first()
  if (known) return
  const now = DateTime.now()
  const found = await ServiceFollowUp.create(
    {
      originTenant: message.from,
      originRatingId: facts.ratingId,
      serviceCode: facts.service.code,
      serviceName: facts.service.nameRu,
      departmentCode: facts.service.departmentCode,
      marks: facts.marks,
      comment: facts.comment,
      ratedOn: DateTime.fromISO(facts.ratedOn),
      respondBy: DateTime.fromISO(facts.respondBy),
      status: 'open',
      receivedAt: now,
    },
    { client: trx }
  )
  await bus.reply(trx, message, 'service_ratings.follow_up_answered', { ratingId: facts.ratingId, kind: 'received', text: null, at: now.toISO()! })
  // the providing department's staff, or the body's head when it has none (no dead end)
  const department = await Department.query({ client: trx }).where('code', facts.service.departmentCode).first()
  const staff = department ? await peopleWith(trx, ['department_head', 'executor'], department.id) : []
  await notifyUsers(trx, staff.length ? staff : await peopleWith(trx, ['head']), 'service_follow_up.opened', `/service-ratings/inbox/${found.id}`, {
    service: facts.service.nameRu,
    respondBy: facts.respondBy,
  })
})

bus.handle('service_ratings.follow_up_answered', async (message, trx) => {
  const facts = message.payload
  const rating = await ServiceRating.query({ client: trx }).where('id', facts.ratingId).preload('service').forUpdate().first()
  if (!rating || rating.service.bodySlug !== message.from || rating.followUp === 'none') {
    throw new errors.E_NOT_FOUND(`Rating ${facts.ratingId} has no follow-up with "${message.from}"`)
  }
  if (rating.followUp === 'answered') return
  if (facts.kind === 'received') {
    rating.followUp = 'received'
  } else {
    rating.merge({ followUp: 'answered', answerText: facts.text, answeredAt: DateTime.fromISO(facts.at) })
  }
  await rating.useTransaction(trx).save()
  if (facts.kind === 'answered') {
    await notifyUsers(trx, [rating.userId], 'service_follow_up.answered', `/services/${rating.serviceId}#rating-${rating.id}`, { ratingId: rating.id })
  }
})

bus.handle('service_ratings.rank_alerts_raised', async (message, trx) => {
  if (tenantScope.currentOrFail().kind !== 'control') {
    throw new errors.E_FORBIDDEN_TRANSITION(`${message.to} is not the Department of Control: it takes no rank alerts`)
  }
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || sender.kind !== 'portal') throw new errors.E_FORBIDDEN_TRANSITION(`"${message.from}" is not a portal: its rank alerts are refused`)
  await storeRankAlerts(trx, sender.slug, message.payload)
})

// Control issued an order from a rank alert: the portal shows it next to the body on the public ranking
bus.handle('service_ratings.rank_order_issued', async (message, trx) => {
  if (tenantScope.currentOrFail().kind !== 'portal') {
    throw new errors.E_FORBIDDEN_TRANSITION(`${message.to} is not a portal: it shows no service rank orders`)
  }
  const sender = await tenantRegistry.findBySlug(message.from)
  if (!sender || sender.kind !== 'control') throw new errors.E_FORBIDDEN_TRANSITION(`"${message.from}" is not the Department of Control: its orders are refused`)
  const { month, body, orderId, orderNumber, issuedAt } = message.payload
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new errors.E_NOT_FOUND(`No such month: ${month}`)
  await trx
    .insertQuery()
    .table('service_rank_orders')
    .insert({ control: sender.slug, order_id: orderId, month: `${month}-01`, body_slug: body, order_number: orderNumber, issued_at: new Date(issuedAt) })
    .onConflict(['control', 'order_id'])
    .ignore()
})
