import logger from '@adonisjs/core/services/logger'
import { queueService } from '#queue/queue_service'

export const RELAY_JOB = 'bus.relay_outbox'
export const APPLY_JOB = 'bus.apply_inbox'
type BusJob = typeof RELAY_JOB | typeof APPLY_JOB

/**
 * Wake-ups for one tenant's relay (or applier) are throttled per process: the
 * first one dispatches a job at once, those that follow within THROTTLE_MS
 * dispatch a single further job when the window ends. Every job starts after
 * the wake-ups it stands for, so it sees their commits; the queue carries at
 * most a few jobs per tenant per second whatever the message rate.
 */
const THROTTLE_MS = 100
const cooling = new Map<string, { again: boolean }>()

function dispatch(job: BusJob, tenant: string) {
  return queueService.dispatch(job, {}, { tenant, attempts: 1, removeOnComplete: true, removeOnFail: 100 })
}

/**
 * Asks the worker to run a bus job for a tenant soon. The job carries no
 * message: it drains whatever is due in PostgreSQL, so a lost or duplicated
 * wake-up costs at most a sweep period of latency, never a message.
 */
export async function wakeUp(job: BusJob, tenant: string): Promise<void> {
  const key = `${job}|${tenant}`
  const window = cooling.get(key)
  if (window) {
    window.again = true
    return
  }
  const entry = { again: false }
  cooling.set(key, entry)
  setTimeout(() => {
    cooling.delete(key)
    // after queueService.close() (shutdown) nothing is dispatched: the sweep takes over
    if (entry.again && queueService.isOpen) {
      wakeUp(job, tenant).catch((error) => logger.warn({ job, tenant }, `bus: wake-up failed (${error.message})`))
    }
  }, THROTTLE_MS).unref()
  await dispatch(job, tenant)
}
