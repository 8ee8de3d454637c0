import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantScope } from '#tenancy/tenant_scope'
import { verifyQuarter } from '#modules/priorities/actions/verify_quarter'
import { portalFor } from '#modules/priorities/services/portal_tenant'

export default class PrioritiesVerify extends KraiCommand {
  static commandName = 'priorities:verify'
  static description = 'Recompute a sealed quarter of priority ranks from its ballot file and compare with the snapshot (exit code 0 when identical)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Quarter, e.g. 2026-Q4' })
  declare quarter: string

  @flags.string({ description: 'The published ballot file (CSV) to recompute from; without it, the portal regenerates it' })
  declare file?: string

  @flags.string({ description: 'Portal tenant slug (when there is more than one portal)' })
  declare tenant?: string

  async execute() {
    const portal = await portalFor(this.tenant)
    const result = await tenantScope.run(portal, () => verifyQuarter(this.quarter, this.file))
    if (result.ok) this.logger.success(result.line)
    else this.fail(result.line)
  }
}
