import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { errors } from '#core/errors'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'

export default class TenantMigrate extends KraiCommand {
  static commandName = 'tenant:migrate'
  static description = 'Apply pending tenant migrations to one tenant or to all (one after another)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug', required: false })
  declare slug?: string

  @flags.boolean({ description: 'Migrate every tenant' })
  declare all: boolean

  async execute() {
    if (!this.slug && !this.all) {
      throw new errors.E_INVALID_TENANT_INPUT('Name a tenant slug or pass --all')
    }
    const tenants = this.all ? await tenantRegistry.all() : [await this.findTenantOrFail(this.slug!)]
    for (const { tenant, applied } of await tenantProvisioner.migrateMany(tenants)) {
      this.logger.success(
        applied.length ? `${tenant.slug}: applied ${applied.length} migration(s)` : `${tenant.slug}: already up to date`
      )
    }
  }
}
