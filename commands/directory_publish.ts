import { args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import { publishDirectory } from '#modules/identity/services/directory'

export default class DirectoryPublish extends KraiCommand {
  static commandName = 'directory:publish'
  static description =
    'Send the departments of one body (or of every active block and municipality) to the portal over the bus; the worker delivers them'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Body slug (all bodies when omitted)', required: false })
  declare slug?: string

  async execute() {
    const tenants = this.slug ? [await this.findTenantOrFail(this.slug)] : (await tenantRegistry.active()).filter((tenant) => isBodyKind(tenant.kind))
    let sent = 0
    for (const tenant of tenants) {
      if (!isBodyKind(tenant.kind)) {
        this.logger.error(`${tenant.slug} is a ${tenant.kind}, not a block or a municipality`)
        this.exitCode = 1
        continue
      }
      const portals = await tenantScope.run(tenant, () => publishDirectory())
      if (portals) sent++
      this.logger.info(`${tenant.slug}: ${portals ? `published to ${portals} portal(s)` : 'no portal to publish to'}`)
    }
    this.logger.success(`${sent} of ${tenants.length} bodies published`)
  }
}
