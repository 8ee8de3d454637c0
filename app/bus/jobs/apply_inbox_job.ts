import { Job } from '#queue/job'
import { applyInbox } from '#bus/apply'

/**
 * Applies the current tenant's due inbox messages. Woken by the relay after
 * a delivery, and by the sweep.
 */
export default class ApplyInboxJob extends Job {
  static jobName = 'bus.apply_inbox'
  static tenantScoped = true

  async handle() {
    return applyInbox()
  }
}
