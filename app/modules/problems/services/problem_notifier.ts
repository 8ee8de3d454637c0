import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { deliverEmailsSoon } from '#modules/notifications/email_delivery'
import { clockDate } from '#core/clock'

export type ProblemNotificationKind =
  | 'problem.routed'
  | 'problem.deadline_soon'
  | 'problem.overdue'
  | 'problem.answered'
  | 'problem.returned'
  | 'problem.plan_due'
  | 'problem.plan_done'

/**
 * In-app notifications about a problem (portal) or a case (block); e-mail
 * copies follow after commit. The dedupe key makes reminders idempotent.
 */
export async function notifyAboutProblem(
  trx: TransactionClientContract,
  userIds: number[],
  kind: ProblemNotificationKind,
  link: string,
  data: Record<string, unknown>,
  dedupeKey?: string
) {
  const unique = [...new Set(userIds)]
  if (!unique.length) return
  await trx
    .insertQuery()
    .table('notifications')
    .insert(
      unique.map((userId) => ({
        user_id: userId,
        kind,
        data: JSON.stringify(data),
        link,
        dedupe_key: dedupeKey ? `${dedupeKey}:user:${userId}` : null,
        created_at: clockDate(),
      }))
    )
    .onConflict('dedupe_key')
    .ignore()
  trx.after('commit', deliverEmailsSoon)
}

/** Active people of a tenant with one of the roles (and, if given, of the department). */
export async function peopleWith(trx: TransactionClientContract, roles: string[], departmentId?: number) {
  const query = trx.from('users').where('status', 'active').whereIn('role', roles).select('id')
  if (departmentId !== undefined) query.where('department_id', departmentId)
  return (await query).map((row: { id: number }) => row.id)
}
