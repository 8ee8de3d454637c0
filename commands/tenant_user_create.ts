import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { systemActor } from '#core/audit'
import { tenantScope } from '#tenancy/tenant_scope'
import { CreateUser } from '#modules/identity/actions/create_user'

export default class TenantUserCreate extends KraiCommand {
  static commandName = 'tenant:user:create'
  static description = 'Create a user in a tenant; prints a generated password once unless --password is given'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug' })
  declare slug: string

  @flags.string({ description: 'Email (the login)', required: true })
  declare email: string

  @flags.string({ description: 'Role: admin, head, department_head, executor, controller (portal: citizen, expert, moderator, admin)', required: true })
  declare role: string

  @flags.string({ description: 'Department code' })
  declare department?: string

  @flags.string({ flagName: 'full-name', description: 'Full name' })
  declare fullName?: string

  @flags.string({ description: 'Password (at least 8 characters); generated when omitted' })
  declare password?: string

  async execute() {
    const tenant = await this.findTenantOrFail(this.slug)
    const { user, password } = await tenantScope.run(tenant, () =>
      new CreateUser().handle(
        {
          email: this.email,
          role: this.role,
          fullName: this.fullName,
          departmentCode: this.department,
          password: this.password,
        },
        systemActor('tenant:user:create')
      )
    )
    this.logger.success(`Created ${user.role} ${user.email} in ${tenant.slug} (id ${user.id})`)
    if (password) {
      this.logger.info(`Generated password (shown once): ${password}`)
    }
  }
}
