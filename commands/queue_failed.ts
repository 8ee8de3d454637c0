import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { queueService } from '#queue/queue_service'

export default class QueueFailed extends KraiCommand {
  static commandName = 'queue:failed'
  static description = 'List failed jobs (kept after their last retry)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'How many to show', default: 50 })
  declare limit: number

  @flags.boolean({ description: 'Print JSON instead of a table' })
  declare json: boolean

  @flags.boolean({ description: 'Retry every listed failed job' })
  declare retry: boolean

  async execute() {
    const failed = await queueService.failed(this.limit)
    const rows = failed.map((job) => ({
      id: String(job.id),
      name: job.name,
      tenant: job.data.tenant ?? '',
      attempts: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : '',
      reason: job.failedReason ?? '',
    }))
    if (this.retry) {
      for (const job of failed) await job.retry()
      this.logger.success(`Retried ${failed.length} job(s)`)
      return
    }
    if (this.json) {
      this.logger.log(JSON.stringify(rows, null, 2))
      return
    }
    if (!rows.length) {
      this.logger.info('No failed jobs')
      return
    }
    const table = this.ui.table()
    table.head(['id', 'job', 'tenant', 'attempts', 'failed at', 'reason'])
    for (const row of rows) {
      table.row([row.id, row.name, row.tenant, String(row.attempts), row.failedAt, row.reason.slice(0, 80)])
    }
    table.render()
  }
}
