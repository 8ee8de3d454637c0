import { errors } from '#core/errors'

/**
 * The order lifecycle of DOMAIN.md, enforced on the server:
 * Draft → Issued → In progress → [Extension requested → In progress] →
 * Report submitted → Returned | Accepted → Removed from control.
 * Overdue is derived from the deadline, never a status.
 */
export const ORDER_STATUSES = [
  'draft',
  'issued',
  'in_progress',
  'extension_requested',
  'report_submitted',
  'returned',
  'accepted',
  'removed',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Statuses in which the order is still being worked on. */
export const OPEN_STATUSES: OrderStatus[] = ['issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned']

export type OrderTransition =
  | 'issue'
  | 'start'
  | 'request_extension'
  | 'decide_extension'
  | 'submit_report'
  | 'accept'
  | 'return'
  | 'remove_from_control'

const TRANSITIONS: Record<OrderTransition, { from: OrderStatus[]; to: OrderStatus }> = {
  issue: { from: ['draft'], to: 'issued' },
  start: { from: ['issued', 'returned'], to: 'in_progress' },
  request_extension: { from: ['issued', 'in_progress', 'returned'], to: 'extension_requested' },
  decide_extension: { from: ['extension_requested'], to: 'in_progress' },
  submit_report: { from: ['issued', 'in_progress', 'returned'], to: 'report_submitted' },
  accept: { from: ['report_submitted'], to: 'accepted' },
  return: { from: ['report_submitted'], to: 'returned' },
  remove_from_control: { from: ['accepted'], to: 'removed' },
}

export function canTransition(status: OrderStatus, transition: OrderTransition) {
  return TRANSITIONS[transition].from.includes(status)
}

/**
 * The status after a transition; throws E_FORBIDDEN_TRANSITION (409) when
 * the order's status does not allow it.
 */
export function nextStatus(status: OrderStatus, transition: OrderTransition): OrderStatus {
  if (!canTransition(status, transition)) {
    throw new errors.E_FORBIDDEN_TRANSITION(`An order in status "${status}" cannot "${transition}"`)
  }
  return TRANSITIONS[transition].to
}
