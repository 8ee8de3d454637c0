import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { settings } from '#core/settings'
import { queueService } from '#queue/queue_service'

export default class QueueListen extends KraiCommand {
  static commandName = 'queue:listen'
  static description = 'Run the queue worker: process jobs and register repeatable schedules'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Jobs processed at once' })
  declare concurrency?: number

  async execute() {
    const concurrency = this.concurrency ?? settings.queueConcurrency
    await queueService.registerSchedules()
    queueService.process(concurrency)
    await queueService.queue.isReady()

    // Redis may lose the repeatable schedules (flush, restart without persistence): put them back.
    let checking: Promise<unknown> | null = null
    const scheduleCheck = setInterval(() => {
      if (checking) return
      checking = queueService
        .ensureSchedules()
        .then((restored) => restored && this.logger.warning('Repeatable schedules were missing in Redis: registered again'))
        .catch((error) => this.logger.warning(`Cannot check schedules: ${error.message}`))
        .finally(() => (checking = null))
    }, settings.queueScheduleCheckSeconds * 1000)

    // Graceful shutdown: stop taking jobs, let running ones finish, then exit. A schedule check under
    // way finishes first: closing Redis under it would end it with "Connection is closed".
    const stop = async (signal: string) => {
      this.logger.info(`${signal}: finishing running jobs…`)
      clearInterval(scheduleCheck)
      await checking
      await this.app.terminate()
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
    this.logger.success(`Queue worker ready (concurrency ${concurrency}, prefix ${settings.redis.keyPrefix})`)
  }
}
