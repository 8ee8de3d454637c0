import { randomBytes } from 'node:crypto'
import { errors as vineErrors } from '@vinejs/vine'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import { recordAudit, type Actor } from '#core/audit'
import { tenantScope } from '#tenancy/tenant_scope'
import { rolesFor, type Role } from '#modules/identity/roles'
import { publishDirectory } from '#modules/identity/services/directory'

export interface CreateUserInput {
  email: string
  fullName?: string | null
  role: string
  departmentCode?: string | null
  departmentId?: number | null
  password?: string | null
}

/**
 * Creates an active user in the current tenant. Without a password one is
 * generated and returned once, so the caller can hand it over.
 */
export class CreateUser {
  static generatePassword() {
    return randomBytes(12).toString('base64url')
  }

  async handle(input: CreateUserInput, actor: Actor) {
    const tenant = tenantScope.currentOrFail()
    const email = input.email.trim().toLowerCase()
    const failures: { field: string; message: string; rule: string }[] = []

    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      failures.push({ field: 'email', message: `Invalid email "${input.email}"`, rule: 'email' })
    }
    if (!rolesFor(tenant.kind).includes(input.role as Role)) {
      failures.push({
        field: 'role',
        message: `Invalid role "${input.role}" for a ${tenant.kind} tenant: use one of ${rolesFor(tenant.kind).join(', ')}`,
        rule: 'enum',
      })
    }
    if (input.password && input.password.length < 8) {
      failures.push({ field: 'password', message: 'Password must have at least 8 characters', rule: 'minLength' })
    }

    let departmentId = input.departmentId ?? null
    if (input.departmentCode) {
      const department = await Department.findBy('code', input.departmentCode)
      if (!department) {
        failures.push({ field: 'department', message: `Unknown department "${input.departmentCode}"`, rule: 'exists' })
      } else {
        departmentId = department.id
      }
    }
    if (!failures.length && (await User.query().whereRaw('lower(email) = ?', [email]).first())) {
      failures.push({ field: 'email', message: `User ${email} already exists`, rule: 'unique' })
    }
    if (failures.length) throw new vineErrors.E_VALIDATION_ERROR(failures)

    const password = input.password || CreateUser.generatePassword()
    const user = await User.create({
      email,
      fullName: input.fullName?.trim() || email,
      role: input.role as Role,
      departmentId,
      password,
      status: 'active',
    })
    // a body tells the portal whether its departments are staffed (a separate transaction: a lost
    // publication is repaired by the next change or `node ace directory:publish`)
    if (departmentId) await publishDirectory()
    await recordAudit(actor, 'user.created', { type: 'user', id: user.id }, { email, role: user.role })
    return { user, password: input.password ? null : password }
  }
}
