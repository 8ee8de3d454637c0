import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { settings } from '#core/settings'
import { provisionCatalog } from '#tenants/provision_catalog'
import { demoPassword } from '#tenants/demo_password'
import { TENANT_KINDS, type TenantKind } from '#tenancy/naming'

export default class TenantProvision extends KraiCommand {
  static commandName = 'tenant:provision'
  static description = 'Provision every tenant of a region catalog (idempotent): create missing, migrate the rest'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Catalog directory (government.json + municipalities.csv); default: tenants/catalog', required: false })
  declare catalog?: string

  @flags.string({ description: `Provision only the tenants of one kind (${TENANT_KINDS.join(', ')})` })
  declare only?: string

  @flags.boolean({ flagName: 'demo-users', description: 'Create demo accounts (default outside production)' })
  declare demoUsers?: boolean

  async execute() {
    if (this.only !== undefined && !TENANT_KINDS.includes(this.only as TenantKind)) {
      this.logger.error(`Unknown tenant kind "${this.only}": use one of ${TENANT_KINDS.join(', ')}`)
      this.exitCode = 1
      return
    }
    const withDemo = this.demoUsers ?? settings.environment !== 'production'
    const started = performance.now()
    const results = await provisionCatalog(this.catalog, {
      demoPassword: withDemo ? demoPassword() : null,
      only: this.only as TenantKind | undefined,
      onProgress: (line) => this.logger.info(line),
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    this.logger.success(`Provisioned ${results.length} tenants in ${seconds} s`)
  }
}
