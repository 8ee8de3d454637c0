import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { tenantScope } from '#tenancy/tenant_scope'
import { SealQuarter } from '#modules/priorities/actions/seal_quarter'
import { portalFor } from '#modules/priorities/services/portal_tenant'

export default class PrioritiesRebuild extends KraiCommand {
  static commandName = 'priorities:rebuild'
  static description =
    'Seal a past quarter of priority ranks (as the quarterly job does); a sealed one is recomputed and compared, or, with --reason, corrected as a new version'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Quarter, e.g. 2026-Q4' })
  declare quarter: string

  @flags.string({ description: 'A public reason: seal a new version of an already sealed quarter' })
  declare reason?: string

  @flags.string({ description: 'Portal tenant slug (when there is more than one portal)' })
  declare tenant?: string

  async execute() {
    const portal = await portalFor(this.tenant)
    const result = await tenantScope.run(portal, () => new SealQuarter().handle(this.quarter, { reason: this.reason }))
    const { snapshot } = result
    const label = `${snapshot.quarter} v${snapshot.version}, ballot file SHA-256 ${snapshot.ballot_file_sha256}`
    if (result.created) this.logger.success(`${label}: sealed`)
    else if (result.identical) this.logger.success(`${label}: already sealed; recomputed identical`)
    else this.fail(`${label}: already sealed; recomputing now gives a different result (moderation since? seal a correction with --reason)`)
  }
}
