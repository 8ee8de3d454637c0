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
    origin: order.originTenant ? { tenant: order.originTenant, number: order.originNumber } : null,
    issuedAt: order.issuedAt?.toISO() ?? null,
    completedOn: order.completedOn?.toISODate() ?? null,
    executors: (order.executors ?? []).map((executor) => ({
      id: executor.id,
      role: executor.role,
      departmentId: executor.departmentId,
      userId: executor.userId,
      remote: executor.remoteTenant
        ? { tenant: executor.remoteTenant, department: executor.remoteDepartmentCode, number: executor.remoteNumber }
        : null,
      deadline: executor.deadline?.toISODate() ?? null,
      status: executor.status,
    })),
  }
}

/**
 * One order with its reports and files, for the API's order card. The
 * caller loads `reports` and `attachments`.
 */
export function presentOrderDetails(order: Order) {
  const file = (attachment: Order['attachments'][number]) => ({
    id: attachment.id,
    fileName: attachment.fileName,
    size: attachment.size,
    mimeType: attachment.mimeType,
    url: `/api/v1/orders/${order.id}/attachments/${attachment.id}`,
  })
  return {
    ...presentOrder(order),
    reports: order.reports.map((report) => ({
      id: report.id,
      authorId: report.authorId,
      text: report.text,
      completedOn: report.completedOn?.toISODate() ?? null,
      status: report.status,
      reviewComment: report.reviewComment,
      files: order.attachments.filter((attachment) => attachment.reportId === report.id).map(file),
    })),
    files: order.attachments.filter((attachment) => !attachment.reportId).map(file),
  }
}
