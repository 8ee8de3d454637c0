import type Order from '#modules/orders/models/order'

/**
 * The JSON shape of an order in the REST API.
 */
export function presentOrder(order: Order) {
  return {
    id: order.id,
    number: order.number,
    type: order.type,
    basis: order.basis,
    text: order.text,
    category: order.category,
    privacy: order.privacy,
    specialControl: order.specialControl,
    status: order.status,
    overdue: order.isOverdue(),
    deadlineKeyword: order.deadlineKeyword,
    deadline: order.deadline?.toISODate() ?? null,
    issuerId: order.issuerId,
    controllerId: order.controllerId,
    curatorId: order.curatorId,
    parentId: order.parentId,
    issuedAt: order.issuedAt?.toISO() ?? null,
    completedOn: order.completedOn?.toISODate() ?? null,
    executors: (order.executors ?? []).map((executor) => ({
      id: executor.id,
      role: executor.role,
      departmentId: executor.departmentId,
      userId: executor.userId,
      deadline: executor.deadline?.toISODate() ?? null,
      status: executor.status,
    })),
  }
}
