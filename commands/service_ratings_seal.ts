import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { DateTime } from 'luxon'
import { KraiCommand } from '#core/krai_command'
import { tenantScope } from '#tenancy/tenant_scope'
import { portalFor } from '#modules/priorities/services/portal_tenant'
import { sealMonth } from '#modules/service_ratings/services/monthly_ranks'

export default class ServiceRatingsSeal extends KraiCommand {
  static commandName = 'service_ratings:seal'
  static description =
    'Seal a closed month of government service ranks (as the monthly job does); with --reason, publish a correction of a sealed month as a new version'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Month, e.g. 2026-11' })
  declare month: string

  @flags.string({ description: 'A public reason, shown with the new version: correct an already sealed month' })
  declare reason?: string

  @flags.string({ description: 'Portal tenant slug (when there is more than one portal)' })
  declare tenant?: string

  async execute() {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(this.month)) return this.fail(`"${this.month}" is not a month (YYYY-MM)`)
    const reason = this.reason?.trim()
    if (this.reason !== undefined && (!reason || reason.length < 10)) return this.fail('The public reason needs at least 10 characters')
    const portal = await portalFor(this.tenant)
    const result = await tenantScope.run(portal, () => sealMonth(DateTime.fromISO(`${this.month}-01`), { reason }))
    const label = `${this.month}, ratings file SHA-256 ${result.sha256}`
    if (result.created) this.logger.success(`${label}: ${reason ? `corrected as a new version (${reason})` : 'sealed'}`)
    else this.logger.info(`${label}: already sealed; nothing changed (a correction needs --reason)`)
  }
}
