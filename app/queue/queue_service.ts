import Bull from 'bull'
import logger from '@adonisjs/core/services/logger'
import { settings } from '#core/settings'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { jobs, schedules, SCHEDULE_TIME_ZONE } from '#start/jobs'
import type { JobClass, JobEnvelope, Schedule } from '#queue/job'

const FAN_OUT_JOB = 'queue.fan_out'
/** Jobs added per Redis round trip when a schedule fans out to every tenant. */
const FAN_OUT_CHUNK = 500

export interface DispatchOptions {
  tenant?: string | null
  delay?: number
  /** Same id, same job: Bull ignores a second add while the first is kept. */
  jobId?: string
  attempts?: number
  backoff?: Bull.BackoffOptions
  /** Drop the job once done (jobs that are only a wake-up call keep nothing). */
  removeOnComplete?: boolean | number
  removeOnFail?: boolean | number
}

/**
 * The Bull queue of the platform: dispatch, process (worker), repeatable
 * schedules and the failed-job list. Failed jobs are kept for inspection.
 */
export class QueueService {
  #queue?: Bull.Queue<JobEnvelope>
  #processing = false

  get queue(): Bull.Queue<JobEnvelope> {
    if (!this.#queue) {
      this.#queue = new Bull<JobEnvelope>('krai', {
        prefix: `bull:${settings.redis.keyPrefix}`,
        redis: {
          host: settings.redis.host,
          port: settings.redis.port,
          password: settings.redis.password,
          maxRetriesPerRequest: null,
          enableReadyCheck: false,
          // names the connections in CLIENT LIST, so one database's worker can be told apart
          connectionName: `bull:${settings.redis.keyPrefix}`,
        },
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: 1000,
          removeOnFail: false,
        },
      })
    }
    return this.#queue
  }

  /** Whether the queue connection is open (false before first use and after close). */
  get isOpen() {
    return !!this.#queue
  }

  async dispatch(name: string, payload: Record<string, unknown> = {}, options: DispatchOptions = {}) {
    if (!jobs[name] && name !== FAN_OUT_JOB) throw new errors.E_UNKNOWN_JOB(`Unknown job "${name}"`)
    return this.queue.add(
      name,
      { tenant: options.tenant ?? null, payload },
      {
        delay: options.delay,
        jobId: options.jobId,
        ...(options.attempts ? { attempts: options.attempts } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.removeOnComplete !== undefined ? { removeOnComplete: options.removeOnComplete } : {}),
        ...(options.removeOnFail !== undefined ? { removeOnFail: options.removeOnFail } : {}),
      }
    )
  }

  /**
   * Dispatches one job per active tenant, each in its own scope: added in
   * bulk (one Redis round trip per FAN_OUT_CHUNK tenants, not one per tenant).
   */
  async dispatchToEveryTenant(name: string, payload: Record<string, unknown> = {}, runKey?: string) {
    if (!jobs[name]) throw new errors.E_UNKNOWN_JOB(`Unknown job "${name}"`)
    const tenants = await tenantRegistry.active()
    for (let offset = 0; offset < tenants.length; offset += FAN_OUT_CHUNK) {
      await this.queue.addBulk(
        tenants.slice(offset, offset + FAN_OUT_CHUNK).map((tenant) => ({
          name,
          data: { tenant: tenant.slug, payload },
          opts: runKey ? { jobId: `${name}:${tenant.slug}:${runKey}` } : {},
        }))
      )
    }
    return tenants.length
  }

  async #resolve(name: string): Promise<JobClass> {
    const loader = jobs[name]
    if (!loader) throw new errors.E_UNKNOWN_JOB(`Unknown job "${name}"`)
    return (await loader()).default
  }

  /**
   * Runs one job: resolves its class and, for tenant jobs, its tenant scope.
   */
  async run(job: Bull.Job<JobEnvelope>) {
    if (job.name === FAN_OUT_JOB) {
      const target = String(job.data.payload.job)
      const runKey = String(job.timestamp)
      return { tenants: await this.dispatchToEveryTenant(target, (job.data.payload.payload as any) ?? {}, runKey) }
    }
    const JobClass = await this.#resolve(job.name)
    const instance = new JobClass()
    const context = { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 }
    if (!JobClass.tenantScoped) return instance.handle(job.data.payload, context)

    const slug = job.data.tenant
    if (!slug) throw new errors.E_NO_TENANT_SCOPE(`Job ${job.name} needs a tenant but none was given`)
    const tenant = await tenantRegistry.findBySlug(slug)
    if (!tenant) {
      // The tenant was dropped: there is nothing left to work on, retrying cannot help.
      await job.discard()
      throw new errors.E_TENANT_NOT_FOUND(`Tenant "${slug}" no longer exists`)
    }
    if (!tenant.isActive) {
      logger.info({ job: job.name, tenant: slug }, 'skipped: tenant is suspended')
      return { skipped: 'tenant suspended' }
    }
    return tenantScope.run(tenant, () => instance.handle(job.data.payload, context))
  }

  /** Starts processing jobs in this process (the worker); a second call while processing does nothing. */
  process(concurrency = settings.queueConcurrency) {
    if (this.#processing) return
    this.#processing = true
    this.queue.process('*', concurrency, (job) => this.run(job))
    this.queue.on('failed', (job, error) => {
      logger.warn({ job: job.name, id: job.id, tenant: job.data.tenant, attempts: job.attemptsMade }, error.message)
    })
  }

  /**
   * Registers the repeatable schedules of start/jobs.ts and removes
   * repeatable jobs that are no longer listed.
   */
  async registerSchedules(list: Schedule[] = schedules) {
    const wanted = new Set<string>()
    for (const schedule of list) {
      const name = schedule.perTenant ? FAN_OUT_JOB : schedule.job
      const payload = schedule.perTenant ? { job: schedule.job, payload: schedule.payload ?? {} } : schedule.payload ?? {}
      // Bull splits repeat keys on ":", so the id must not contain one.
      const jobId = `schedule.${schedule.job}`
      wanted.add(`${jobId}|${schedule.cron}`)
      await this.queue.add(name, { tenant: null, payload }, { repeat: { cron: schedule.cron, tz: SCHEDULE_TIME_ZONE }, jobId })
    }
    for (const repeatable of await this.queue.getRepeatableJobs()) {
      if (!wanted.has(`${repeatable.id}|${repeatable.cron}`)) {
        await this.queue.removeRepeatableByKey(repeatable.key)
      }
    }
  }

  /**
   * Registers the schedules again when some are missing from Redis (after a
   * flush, or a restart without persistence); the worker calls it now and then.
   * Returns whether anything had to be registered.
   */
  async ensureSchedules(list: Schedule[] = schedules) {
    const present = new Set((await this.queue.getRepeatableJobs()).map((entry) => `${entry.id}|${entry.cron}`))
    if (list.every((schedule) => present.has(`schedule.${schedule.job}|${schedule.cron}`))) return false
    await this.registerSchedules(list)
    return true
  }

  async failed(limit = 50) {
    return this.queue.getFailed(0, limit - 1)
  }

  async counts() {
    return this.queue.getJobCounts()
  }

  /** Waits for running jobs to finish, then disconnects. */
  async close() {
    if (this.#queue) {
      await this.#queue.close()
      this.#queue = undefined
      this.#processing = false
    }
  }
}

export const queueService = new QueueService()
