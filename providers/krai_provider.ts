import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Platform-wide lifecycle: closes the queue connection when the process stops
 * so running jobs finish and no Redis socket keeps the process alive.
 */
export default class KraiProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { queueService } = await import('#queue/queue_service')
    await queueService.close()
  }
}
