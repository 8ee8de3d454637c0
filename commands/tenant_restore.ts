import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantUrl } from '#tenancy/tenant_urls'

export default class TenantRestore extends KraiCommand {
  static commandName = 'tenant:restore'
  static description = 'Bring a dropped tenant back from the backup tenant:drop wrote (roles, registry row, schema and rows)'
  static help = ['{{ binaryName }} tenant:restore storage/backups/krai-tourism-20261203T101500.dump [--as=tourism2]']
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The .dump file written by tenant:drop' })
  declare file: string

  @flags.string({ description: 'Restore under another slug' })
  declare as?: string

  async execute() {
    const started = performance.now()
    const tenant = await tenantProvisioner.restore(this.file, { as: this.as })
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    this.logger.success(`Restored tenant ${tenant.slug} (${tenant.kind}) in ${seconds} s: ${tenantUrl(tenant)}`)
  }
}
