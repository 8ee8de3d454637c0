import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { tenantDb } from '#tenancy/tenant_model'
import { remoteDepartments } from '#modules/orders/services/remote_departments'

/**
 * VineJS rules that look rows up in the current tenant's schema (Lucid's
 * own `exists` rule would ask the central connection). Messages come from
 * resources/lang/<locale>/validator.json like every other rule's.
 */

const ACTIVE_FILTERS: Record<string, (query: any) => any> = {
  users: (query) => query.where('status', 'active'),
  departments: (query) => query.where('is_active', true),
}

async function activeRowExists(table: 'users' | 'departments', id: number) {
  const query = tenantDb().from(table).where('id', id)
  return !!(await ACTIVE_FILTERS[table](query).first())
}

/** The value is the id of an active user (or department) of this tenant. */
export const tenantRecordExists = vine.createRule(
  async (value: unknown, table: 'users' | 'departments', field: FieldContext) => {
    if (!field.isValid || typeof value !== 'number') return
    if (!(await activeRowExists(table, value))) field.report('The selected {{ field }} does not exist', 'exists', field)
  }
)

/**
 * The value is an executor reference that exists: "department:ID" / "user:ID"
 * of this tenant, or "remote:<block>:<code>", a block's department that the
 * Department of Control may name.
 */
export const executorReferenceExists = vine.createRule(async (value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'string') return
  const [kind, id, code] = value.split(':')
  const found =
    kind === 'remote'
      ? (await remoteDepartments({ block: id, code })).length > 0
      : await activeRowExists(kind === 'department' ? 'departments' : 'users', Number(id))
  if (!found) field.report('The selected {{ field }} does not exist', 'exists', field)
})
