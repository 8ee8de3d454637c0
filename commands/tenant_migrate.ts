import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { errors } from '#core/errors'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { publishDirectory } from '#modules/identity/services/directory'

export default class TenantMigrate extends KraiCommand {
  static commandName = 'tenant:migrate'
  static description =
    'Apply pending tenant migrations to one tenant or to all (one after another, going on past a failure); also converts schema ownership to owner roles'
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
    const results = await tenantProvisioner.migrateMany(tenants)
    for (const { tenant, applied, error } of results) {
      if (error) this.logger.error(`${tenant.slug}: failed: ${this.describe(error)}`)
      else this.logger.success(applied.length ? `${tenant.slug}: applied ${applied.length} migration(s)` : `${tenant.slug}: already up to date`)
      // a migrated body tells the portal its departments again (the worker delivers it)
      if (!error && applied.length && tenant.status === 'active' && isBodyKind(tenant.kind)) {
        await tenantScope.run(tenant, () => publishDirectory()).catch((failure) => this.logger.warning(`${tenant.slug}: directory not published: ${this.describe(failure)}`))
      }
    }
    const failed = results.filter((result) => result.error).length
    if (results.length > 1) {
      const summary = `${results.length} tenants: ${results.length - failed} migrated or up to date, ${failed} failed`
      failed ? this.logger.error(summary) : this.logger.info(summary)
    }
    if (failed) this.exitCode = 1
  }
}
