import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { BusMessage } from '#bus/bus_message'
import { errors } from '#core/errors'
import Department from '#modules/identity/models/department'
import Order from '#modules/orders/models/order'
import OrderReport from '#modules/orders/models/order_report'
import OrderExtensionRequest from '#modules/orders/models/order_extension_request'
import { canTransition } from '#modules/orders/lifecycle'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { ReviewReport } from '#modules/orders/actions/review_report'
import { DecideExtension } from '#modules/orders/actions/decide_extension'
import { recordActivity } from '#modules/orders/services/order_history'
import { notify, peopleActingFor } from '#modules/orders/services/order_notifier'
import { counterpart } from '#modules/orders/services/cross_tenant'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import { clockDate } from '#core/clock'

/*
| Orders across tenants. The issuing tenant (the Department of Control)
| names a body of a block; the block keeps its own copy of the order and
| works on it as on any other, and every step crosses back. Each side finds
| its order by the issuing tenant's ids, and only for the sender named in the
| message (the relay fills `from` itself): a block can touch only the parts
| of an order that were given to it.
*/

/** The issuing tenant's order and the executor row the sender holds, locked. */
async function issuedTo(trx: TransactionClientContract, message: BusMessage<any>) {
  const { orderId, executorId } = message.payload as { orderId: number; executorId: number }
  const order = await Order.query({ client: trx }).where('id', orderId).forUpdate().preload('executors').first()
  const executor = order?.executors.find((candidate) => candidate.id === executorId && candidate.remoteTenant === message.from)
  if (!order || !executor) throw new errors.E_NOT_FOUND(`Order ${orderId} has no executor ${executorId} in "${message.from}"`)
  return { order, executor }
}

/** This tenant's copy of an order that the sender issued, locked. */
async function copyOf(trx: TransactionClientContract, message: BusMessage<any>) {
  const { executorId } = message.payload as { executorId: number }
  const copy = await Order.query({ client: trx })
    .where('origin_tenant', message.from)
    .where('origin_executor_id', executorId)
    .forUpdate()
    .preload('executors')
    .first()
  if (!copy) throw new errors.E_NOT_FOUND(`No copy of an order of "${message.from}" for executor ${executorId}`)
  return copy
}

/** Moves the issuing tenant's order when its responsible executor moved, if the lifecycle allows it. */
async function follow(
  trx: TransactionClientContract,
  order: Order,
  executor: { role: string },
  transition: Parameters<typeof canTransition>[1],
  to: Order['status'],
  actorId: number,
  action: string,
  details: Record<string, unknown>
) {
  const moves = executor.role === 'responsible' && canTransition(order.status, transition)
  await recordActivity(trx, order.id, actorId, action, moves ? [{ field: 'status', from: order.status, to }] : [], details)
  if (moves) {
    order.status = to
    await order.useTransaction(trx).save()
  }
}

// A block receives its part of an order of the Department of Control.
bus.handle('orders.issued', async (message, trx) => {
  const facts = message.payload
  const department = await Department.query({ client: trx }).where('code', facts.executorDepartment).first()
  if (!department) throw new errors.E_NOT_FOUND(`No department "${facts.executorDepartment}" in this tenant`)
  const issuer = await counterpart(trx, message.from)
  const { order, executors } = await new CreateOrder().insert(
    trx,
    {
      type: facts.type as Order['type'],
      basis: `${facts.issuedBy.organisation}, № ${facts.number}`,
      text: facts.body,
      specialControl: facts.specialControl,
      deadlineKeyword: 'date',
      responsible: `department:${department.id}`,
    },
    DateTime.fromISO(facts.dueOn),
    issuer
  )
  order.merge({
    status: 'issued',
    issuedAt: DateTime.now(),
    originTenant: message.from,
    originOrderId: facts.orderId,
    originExecutorId: facts.executorId,
    originNumber: facts.number,
  })
  await order.useTransaction(trx).save()
  await recordActivity(trx, order.id, issuer.id, 'issued', [{ field: 'status', from: 'draft', to: 'issued' }], {
    from: message.from,
    number: facts.number,
    issuedBy: facts.issuedBy.name,
  })
  for (const executor of executors) {
    await notify(trx, await peopleActingFor(executor, trx), 'order.assigned', order, { role: executor.role })
  }
  await bus.reply(trx, message, 'orders.status_changed', {
    orderId: facts.orderId,
    executorId: facts.executorId,
    number: facts.number,
    status: 'issued',
    changedAt: clockDate().toISOString(),
    copy: { orderId: order.id, number: order.number },
  })
})

// The issuing tenant learns that a block took its part (or started work on it).
bus.handle('orders.status_changed', async (message, trx) => {
  const { order, executor } = await issuedTo(trx, message)
  const facts = message.payload
  const actor = await counterpart(trx, message.from)
  if (facts.copy) executor.merge({ remoteOrderId: facts.copy.orderId, remoteNumber: facts.copy.number })
  if (facts.status === 'in_progress') executor.status = 'in_progress'
  await executor.useTransaction(trx).save()
  if (facts.status === 'in_progress') {
    await follow(trx, order, executor, 'start', 'in_progress', actor.id, 'started', { from: message.from, copy: executor.remoteNumber })
  } else {
    await recordActivity(trx, order.id, actor.id, 'remote_received', [], { from: message.from, copy: executor.remoteNumber })
  }
})

// A block reports on its part; the issuer reviews the report here.
bus.handle('orders.report_submitted', async (message, trx) => {
  const { order, executor } = await issuedTo(trx, message)
  const facts = message.payload
  const author = await counterpart(trx, message.from)
  const report = await OrderReport.create(
    {
      orderId: order.id,
      authorId: author.id,
      text: facts.attachments?.length ? `${facts.text}\n\n${facts.attachments.join(', ')}` : facts.text,
      completedOn: facts.completedOn ? DateTime.fromISO(facts.completedOn) : null,
      status: 'submitted',
      remoteTenant: message.from,
      remoteId: facts.reportId,
      executorId: executor.id,
    },
    { client: trx }
  )
  executor.status = 'report_submitted'
  await executor.useTransaction(trx).save()
  await follow(trx, order, executor, 'submit_report', 'report_submitted', author.id, 'report_submitted', {
    reportId: report.id,
    from: message.from,
  })
  await notify(trx, [order.issuerId], 'order.report_submitted', order, { reportId: report.id })
})

// A block asks the issuer for a later deadline.
bus.handle('orders.extension_requested', async (message, trx) => {
  const { order, executor } = await issuedTo(trx, message)
  const facts = message.payload
  const requester = await counterpart(trx, message.from)
  await OrderExtensionRequest.create(
    {
      orderId: order.id,
      requestedBy: requester.id,
      justification: facts.reason,
      currentDeadline: order.deadline,
      requestedDeadline: DateTime.fromISO(facts.proposedDueOn),
      status: 'pending',
      remoteTenant: message.from,
      remoteId: facts.requestId,
      executorId: executor.id,
    },
    { client: trx }
  )
  await follow(trx, order, executor, 'request_extension', 'extension_requested', requester.id, 'extension_requested', {
    requestedDeadline: facts.proposedDueOn,
    from: message.from,
  })
  await notify(trx, [order.issuerId], 'order.extension_requested', order, { requestedDeadline: facts.proposedDueOn })
})

// The issuer's review and decisions apply to the block's copy as if taken there.
bus.handle('orders.report_accepted', async (message, trx) => {
  const copy = await copyOf(trx, message)
  await new ReviewReport().apply(trx, copy, { decision: 'accept', comment: message.payload.comment }, await counterpart(trx, message.from), message.payload.reportId)
})

bus.handle('orders.report_returned', async (message, trx) => {
  const copy = await copyOf(trx, message)
  await new ReviewReport().apply(trx, copy, { decision: 'return', comment: message.payload.reason }, await counterpart(trx, message.from), message.payload.reportId)
})

bus.handle('orders.extension_decided', async (message, trx) => {
  const copy = await copyOf(trx, message)
  const decision = message.payload.decision === 'granted' ? 'approve' : 'reject'
  await new DecideExtension().apply(
    trx,
    copy,
    { decision, comment: message.payload.comment },
    await counterpart(trx, message.from),
    await tenantCalendar(),
    message.payload.requestId
  )
})
