import { DateTime } from 'luxon'
import Department from '#modules/identity/models/department'
import User from '#modules/identity/models/user'
import type { Role } from '#modules/identity/roles'

/**
 * The people and departments of an office the demo content is written for:
 * the head issues, the controller controls, and the "lead" department is the
 * one whose head and executor (the demo accounts) carry orders through
 * their lifecycle; the other departments receive issued orders.
 */
export interface OfficeCast {
  head: User
  controller: User | null
  departments: Department[]
  lead: Department
  leadHead: User | null
  leadExecutor: User | null
}

/** Active people of a role, demo accounts first, never the stand-ins of other tenants. */
function peopleWith(role: Role) {
  return User.query()
    .where('role', role)
    .where('status', 'active')
    .whereNot('email', 'like', '%@tenants.krai.internal')
    .orderBy('id')
}

export async function officeCast(): Promise<OfficeCast | null> {
  const departments = await Department.query().where('is_active', true).orderBy('id')
  const head = (await peopleWith('head').first()) ?? (await peopleWith('admin').first())
  if (!head || !departments.length) return null
  const leadHead = await peopleWith('department_head').whereNotNull('department_id').first()
  const lead = departments.find((department) => department.id === leadHead?.departmentId) ?? departments[0]
  return {
    head,
    controller: await peopleWith('controller').first(),
    departments,
    lead,
    leadHead: leadHead?.departmentId === lead.id ? leadHead : null,
    leadExecutor: await peopleWith('executor').where('department_id', lead.id).first(),
  }
}

/** Midnight of today plus `days` (negative: in the past). */
export function dayFromToday(days: number) {
  return DateTime.now().startOf('day').plus({ days })
}

/** A moment `days` ago at the given hour, so backdated rows look like office hours. */
export function momentAgo(days: number, hour = 10) {
  return dayFromToday(-days).set({ hour, minute: 15 })
}
