import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantProvisioner } from '#tenancy/tenant_provisioner'
import { tenantUrl } from '#tenancy/tenant_urls'

export default class TenantCreate extends KraiCommand {
  static commandName = 'tenant:create'
  static description = 'Create a tenant: role, schema, registry row and migrations'
  static help = [
    '{{ binaryName }} tenant:create tourism --kind=block --name-ru="Блок туризма" --name-en="Tourism block" --host=tourism.example.org',
  ]
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant slug: ^[a-z][a-z0-9_]{1,30}$' })
  declare slug: string

  @flags.string({ description: 'block | control | portal', required: true })
  declare kind: string

  @flags.string({ flagName: 'name-ru', description: 'Name in Russian', required: true })
  declare nameRu: string

  @flags.string({ flagName: 'name-en', description: 'Name in English', required: true })
  declare nameEn: string

  @flags.array({ description: 'Extra host name served by the tenant (repeatable)' })
  declare host: string[]

  async execute() {
    const started = performance.now()
    const tenant = await tenantProvisioner.create({
      slug: this.slug,
      kind: this.kind,
      nameRu: this.nameRu,
      nameEn: this.nameEn,
      hosts: this.host ?? [],
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    this.logger.success(
      `Created tenant ${tenant.slug} (${tenant.kind}) in ${seconds} s: schema ${tenant.schemaName}, role ${tenant.roleName}, ${tenantUrl(tenant)}`
    )
  }
}
