import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { settings } from '#core/settings'
import { provisionCatalog } from '#tenants/provision_catalog'
import { demoPassword } from '#tenants/demo_password'

export default class TenantProvision extends KraiCommand {
  static commandName = 'tenant:provision'
  static description = 'Provision every tenant of a region catalog (idempotent): create missing, migrate the rest'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Catalog directory (government.json + municipalities.csv); default: tenants/catalog', required: false })
  declare catalog?: string

  @flags.boolean({ flagName: 'demo-users', description: 'Create demo accounts (default outside production)' })
  declare demoUsers?: boolean

  async execute() {
    const withDemo = this.demoUsers ?? settings.environment !== 'production'
    const started = performance.now()
    const results = await provisionCatalog(this.catalog, {
      demoPassword: withDemo ? demoPassword() : null,
      onProgress: (line) => this.logger.info(line),
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    this.logger.success(`Provisioned ${results.length} tenants in ${seconds} s`)
  }
}
