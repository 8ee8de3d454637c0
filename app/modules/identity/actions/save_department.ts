import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import Department from '#modules/identity/models/department'
import { publishDirectory } from '#modules/identity/services/directory'

export interface DepartmentInput {
  code: string
  nameRu: string
  nameEn: string
}

/**
 * Creates a department, or renames one (found by id; its code stays). A
 * body republishes its directory to the portal in the same transaction.
 */
export class SaveDepartment {
  async handle(input: DepartmentInput, actor: Actor, id?: number) {
    const department = await tenantDb().transaction(async (trx) => {
      if (id) {
        const found = await Department.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
        found.merge({ nameRu: input.nameRu, nameEn: input.nameEn })
        await found.useTransaction(trx).save()
        await publishDirectory(trx)
        return found
      }
      if (await Department.query({ client: trx }).where('code', input.code).first()) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'code', message: `Department "${input.code}" already exists`, rule: 'database.unique' }])
      }
      const created = await Department.create({ code: input.code, nameRu: input.nameRu, nameEn: input.nameEn, isActive: true }, { client: trx })
      await publishDirectory(trx)
      return created
    })
    await recordAudit(actor, id ? 'department.updated' : 'department.created', { type: 'department', id: department.id }, { ...input })
    return department
  }
}
