import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { retryFailed } from '#bus/retry_failed'
import { recordCentralAudit } from '#core/central_audit'

export default class BusRetry extends KraiCommand {
  static commandName = 'bus:retry'
  static description = 'Send failed tenant-bus messages again (all, one tenant, or one message)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Only the failed messages of this tenant' })
  declare tenant?: string

  @flags.string({ description: 'Only this message (its id)' })
  declare id?: string

  async execute() {
    const retried = await retryFailed({ tenant: this.tenant, id: this.id })
    const total = retried.outbox + retried.inbox
    if (total) await recordCentralAudit('bus.retried', this.tenant ?? null, { id: this.id ?? null, ...retried })
    this.logger.success(
      total
        ? `Sent again: ${retried.outbox} to deliver, ${retried.inbox} to apply`
        : 'No failed messages'
    )
  }
}
