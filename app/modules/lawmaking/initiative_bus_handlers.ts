import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { REGION_ZONE } from '#core/region_time'
import Department from '#modules/identity/models/department'
import { notifyUsers } from '#modules/notifications/services/notify'
import Initiative from '#modules/lawmaking/models/initiative'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import { peopleOfDepartment } from '#modules/lawmaking/services/notify'
import { recordInitiativeEvent } from '#modules/lawmaking/services/initiative_rules'

/*
| Citizens' initiatives across tenants. The portal forwards an initiative
| to a department of a body (lawmaking.initiative_forwarded); the body
| acknowledges it (lawmaking.initiative_received) and later sends the
| department's answer (lawmaking.initiative_answered). Each side finds the
| other's rows by the portal's initiative id and only for the sender named
| by the relay.
*/

/** The portal's initiative forwarded to `sender`, locked; only that body may answer it. */
async function forwardedTo(trx: any, sender: string, initiativeId: number) {
  if (tenantScope.currentOrFail().kind !== 'portal') throw new errors.E_NOT_FOUND(`${tenantScope.currentOrFail().slug} is not a portal`)
  const initiative = await Initiative.query({ client: trx }).where('id', initiativeId).where('target_tenant', sender).forUpdate().first()
  if (!initiative) throw new errors.E_NOT_FOUND(`Initiative ${initiativeId} is not forwarded to "${sender}"`)
  return initiative
}

// A body files the initiative in the department's queue (once) and tells the department.
bus.handle('lawmaking.initiative_forwarded', async (message, trx) => {
  if (!isBodyKind(tenantScope.currentOrFail().kind)) throw new errors.E_NOT_FOUND(`${message.to} is not a block or a municipality`)
  const facts = message.payload
  const department = await Department.query({ client: trx }).where('code', facts.department).where('is_active', true).first()
  if (!department) throw new errors.E_NOT_FOUND(`No active department "${facts.department}" in ${message.to}`)
  const known = await InitiativeCase.query({ client: trx }).where('origin_tenant', message.from).where('origin_initiative_id', facts.initiativeId).first()
  if (known) return
  const now = DateTime.now()
  const found = await InitiativeCase.create(
    {
      originTenant: message.from,
      originInitiativeId: facts.initiativeId,
      departmentId: department.id,
      ...facts.initiative,
      forwardedAt: DateTime.fromISO(facts.forwardedAt),
      dueOn: DateTime.fromISO(facts.respondBy),
      receivedAt: now,
    },
    { client: trx }
  )
  await notifyUsers(trx, await peopleOfDepartment(trx, department.id), 'lawmaking.initiative_received', `/lawmaking/initiatives/inbox/${found.id}`, {
    title: found.title,
    dueOn: found.dueOn.toFormat('dd.LL.yyyy'),
  })
  await bus.reply(trx, message, 'lawmaking.initiative_received', {
    initiativeId: facts.initiativeId,
    receivedAt: now.toISO()!,
    department: { code: department.code, nameRu: department.nameRu, nameEn: department.nameEn },
  })
})

// The portal learns that the department's queue has the initiative.
bus.handle('lawmaking.initiative_received', async (message, trx) => {
  const initiative = await forwardedTo(trx, message.from, message.payload.initiativeId)
  if (initiative.receivedAt) return
  initiative.receivedAt = DateTime.fromISO(message.payload.receivedAt)
  await initiative.useTransaction(trx).save()
  await recordInitiativeEvent(trx, initiative.id, 'received', { department: message.payload.department.nameRu, departmentEn: message.payload.department.nameEn }, initiative.receivedAt)
})

// The portal publishes the department's answer and tells the author and the supporters.
bus.handle('lawmaking.initiative_answered', async (message, trx) => {
  const facts = message.payload
  const initiative = await forwardedTo(trx, message.from, facts.initiativeId)
  if (initiative.status === 'answered') return
  const answeredAt = DateTime.fromISO(facts.answeredAt)
  initiative.merge({
    status: 'answered',
    answer: facts.answer,
    answerText: facts.text,
    plannedOn: facts.plannedOn ? DateTime.fromISO(facts.plannedOn) : null,
    orderNumber: facts.orderNumber,
    answeredAt,
  })
  await initiative.useTransaction(trx).save()
  await recordInitiativeEvent(
    trx,
    initiative.id,
    'answered',
    { answer: facts.answer, text: facts.text, plannedOn: facts.plannedOn, orderNumber: facts.orderNumber, inTime: answeredAt.setZone(REGION_ZONE).toISODate()! <= initiative.respondBy!.toISODate()! },
    answeredAt
  )
  const supporters = await trx.from('lawmaking_initiative_supports').where('initiative_id', initiative.id).select('user_id')
  await notifyUsers(
    trx,
    [initiative.authorId, ...supporters.map((row: { user_id: number }) => row.user_id)],
    'lawmaking.initiative_answered',
    `/lawmaking/initiatives/${initiative.id}`,
    { title: initiative.title, answer: facts.answer },
    `lawmaking.initiative_answered:${initiative.id}`
  )
})
