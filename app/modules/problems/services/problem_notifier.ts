import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notifyUsers } from '#modules/notifications/services/notify'

export type ProblemNotificationKind =
  | 'problem.routed'
  | 'problem.deadline_soon'
  | 'problem.overdue'
  | 'problem.answered'
  | 'problem.returned'
  | 'problem.plan_due'
  | 'problem.plan_done'

/** In-app notifications about a problem (portal) or a case (block). */
export function notifyAboutProblem(
  trx: TransactionClientContract,
  userIds: number[],
  kind: ProblemNotificationKind,
  link: string,
  data: Record<string, unknown>,
  dedupeKey?: string
) {
  return notifyUsers(trx, userIds, kind, link, data, dedupeKey)
}

/** Active people of a tenant with one of the roles (and, if given, of the department). */
export async function peopleWith(trx: TransactionClientContract, roles: string[], departmentId?: number) {
  const query = trx.from('users').where('status', 'active').whereIn('role', roles).select('id')
  if (departmentId !== undefined) query.where('department_id', departmentId)
  return (await query).map((row: { id: number }) => row.id)
}
