import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantScope } from '#tenancy/tenant_scope'
import { TenantMigrator } from '#tenancy/tenant_migrator'
import { tenantDb } from '#tenancy/tenant_model'

export default class TenantList extends KraiCommand {
  static commandName = 'tenant:list'
  static description = 'List tenants with status, database server, pending migrations and user count'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print JSON instead of a table' })
  declare json: boolean

  async execute() {
    const rows = []
    for (const tenant of await tenantRegistry.all()) {
      // a tenant still provisioning may not have its tables yet
      const [pending, users] =
        tenant.status === 'provisioning'
          ? [[], 0]
          : await tenantScope.run(tenant, async () => [
              await new TenantMigrator(tenant).pending(),
              Number((await tenantDb().from('users').count('* as total').first())?.total ?? 0),
            ])
      rows.push({
        slug: tenant.slug,
        kind: tenant.kind,
        status: tenant.status,
        schema: tenant.schemaName,
        role: tenant.roleName,
        hosts: tenant.hosts,
        databaseServer: tenant.databaseServer,
        pendingMigrations: (pending as string[]).length,
        users: users as number,
      })
    }

    if (this.json) {
      this.logger.log(JSON.stringify(rows, null, 2))
      return
    }
    if (!rows.length) {
      this.logger.info('No tenants yet: run "node ace tenant:provision" or "node ace tenant:create"')
      return
    }
    const table = this.ui.table()
    table.head(['slug', 'kind', 'status', 'server', 'schema', 'role', 'pending', 'users'])
    for (const row of rows) {
      table.row([row.slug, row.kind, row.status, row.databaseServer ?? 'default', row.schema, row.role, String(row.pendingMigrations), String(row.users)])
    }
    table.render()
    if (rows.some((row) => row.databaseServer)) {
      this.logger.warning('Only the default database server is used today: a tenant\'s "server" is recorded for later placement, not yet followed')
    }
  }
}
