import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { errors } from '#core/errors'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'

export default class TenantDrop extends KraiCommand {
  static commandName = 'tenant:drop'
  static description = 'Back up (pg_dump) and then drop a tenant: schema, role and registry row'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug' })
  declare slug: string

  @flags.boolean({ description: 'Required: confirms that the tenant is to be dropped' })
  declare force: boolean

  async execute() {
    const tenant = await this.findTenantOrFail(this.slug)
    if (!this.force) {
      throw new errors.E_INVALID_TENANT_INPUT(
        `Refusing to drop tenant "${tenant.slug}" without --force (a pg_dump backup is written first)`
      )
    }
    const backupPath = await tenantProvisioner.drop(tenant)
    this.logger.success(`Dropped tenant ${tenant.slug}; backup: ${backupPath}`)
  }
}
