import { args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'

export default class TenantSuspend extends KraiCommand {
  static commandName = 'tenant:suspend'
  static description = 'Suspend a tenant: its hosts answer 503 and its jobs are skipped'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug' })
  declare slug: string

  async execute() {
    const tenant = await this.findTenantOrFail(this.slug)
    await tenantProvisioner.setStatus(tenant, 'suspended')
    this.logger.success(`${tenant.slug}: suspended`)
  }
}
