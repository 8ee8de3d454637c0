import { args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'

export default class TenantResume extends KraiCommand {
  static commandName = 'tenant:resume'
  static description = 'Resume a suspended tenant'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug' })
  declare slug: string

  async execute() {
    const tenant = await this.findTenantOrFail(this.slug)
    await tenantProvisioner.setStatus(tenant, 'active')
    this.logger.success(`${tenant.slug}: active`)
  }
}
