import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notifyUsers } from '#modules/notifications/services/notify'

export type LawmakingNotificationKind =
  | 'lawmaking.remark_received'
  | 'lawmaking.reaction_started'
  | 'lawmaking.remark_decided'
  | 'lawmaking.remark_replied'
  | 'lawmaking.reaction_due'
  | 'lawmaking.reaction_overdue'

/** In-app notifications about law-making. */
export function notifyPeople(
  trx: TransactionClientContract,
  userIds: number[],
  kind: LawmakingNotificationKind,
  link: string,
  data: Record<string, unknown>,
  dedupeKey?: string
) {
  return notifyUsers(trx, userIds, kind, link, data, dedupeKey)
}

/** The department's head and executors; the body's heads when nobody works there (no dead end). */
export async function peopleOfDepartment(trx: TransactionClientContract, departmentId: number) {
  const staff = await trx.from('users').where('status', 'active').where('department_id', departmentId).whereIn('role', ['department_head', 'executor']).select('id')
  if (staff.length) return staff.map((row: { id: number }) => row.id)
  return (await trx.from('users').where('status', 'active').where('role', 'head').select('id')).map((row: { id: number }) => row.id)
}
