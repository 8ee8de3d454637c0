import { Job } from '#queue/job'
import { relayOutbox } from '#bus/relay'

/**
 * Delivers the current tenant's due outbox messages to their targets'
 * inboxes. Woken after every commit that sent something, and by the sweep.
 */
export default class RelayOutboxJob extends Job {
  static jobName = 'bus.relay_outbox'
  static tenantScoped = true

  async handle() {
    return relayOutbox()
  }
}
