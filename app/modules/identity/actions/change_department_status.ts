import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import Department from '#modules/identity/models/department'
import { publishDirectory } from '#modules/identity/services/directory'

/**
 * Deactivates (or reactivates) a department: it keeps its history, but
 * receives no new work. A body republishes its directory at once, so the
 * portal stops offering it as a routing target.
 */
export class ChangeDepartmentStatus {
  async handle(id: number, isActive: boolean, actor: Actor) {
    const department = await tenantDb().transaction(async (trx) => {
      const found = await Department.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
      found.isActive = isActive
      await found.useTransaction(trx).save()
      await publishDirectory(trx)
      return found
    })
    await recordAudit(actor, isActive ? 'department.activated' : 'department.deactivated', { type: 'department', id: department.id })
    return department
  }
}
