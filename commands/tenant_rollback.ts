import { args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'

export default class TenantRollback extends KraiCommand {
  static commandName = 'tenant:rollback'
  static description = "Roll back the latest batch of a tenant's migrations"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug' })
  declare slug: string

  async execute() {
    const tenant = await this.findTenantOrFail(this.slug)
    const reverted = await tenantProvisioner.rollback(tenant)
    this.logger.success(
      reverted.length ? `${tenant.slug}: rolled back ${reverted.join(', ')}` : `${tenant.slug}: nothing to roll back`
    )
  }
}
