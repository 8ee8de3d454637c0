import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { busStatus, type BoxCounts } from '#bus/bus_status'

function age(seconds: number | null) {
  if (seconds === null) return '-'
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

export default class BusStatus extends KraiCommand {
  static commandName = 'bus:status'
  static description = 'Tenant bus per tenant: pending, delivered/applied, failed, oldest pending; then failed messages'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Only this tenant' })
  declare tenant?: string

  @flags.boolean({ description: 'Print JSON instead of tables' })
  declare json: boolean

  async execute() {
    const report = await busStatus({ tenant: this.tenant })
    if (this.json) {
      this.logger.log(JSON.stringify(report, null, 2))
      return
    }
    if (!report.tenants.length) {
      this.logger.info('No tenants yet')
      return
    }
    const table = this.ui.table()
    table.head(['tenant', 'outbox pending', 'delivered', 'failed', 'oldest pending', 'inbox pending', 'applied', 'failed', 'oldest pending'])
    const cells = (box: BoxCounts, migrated: boolean) =>
      migrated ? [String(box.pending), String(box.done), String(box.failed), age(box.oldestPendingSeconds)] : ['-', '-', '-', '-']
    for (const row of report.tenants) {
      const name = row.migrated ? row.tenant : `${row.tenant} (not migrated)`
      table.row([row.status === 'active' ? name : `${name} (${row.status})`, ...cells(row.outbox, row.migrated), ...cells(row.inbox, row.migrated)])
    }
    table.render()

    if (report.failed.length) {
      this.logger.log('')
      this.logger.log('Failed messages (node ace bus:retry [--tenant x] [--id uuid] sends them again):')
      const failed = this.ui.table()
      failed.head(['tenant', 'box', 'id', 'type', 'peer', 'tries', 'last error'])
      for (const message of report.failed) {
        failed.row([message.tenant, message.box, message.id, message.type, message.peer, String(message.attempts), (message.lastError ?? '').slice(0, 80)])
      }
      failed.render()
    }
  }
}
