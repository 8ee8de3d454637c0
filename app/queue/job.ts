/**
 * A unit of background work. Jobs that belong to a tenant receive its slug in
 * the envelope and run inside that tenant's scope; their `handle` is the same
 * code an HTTP action or Ace command would call.
 */
export abstract class Job<Payload = Record<string, unknown>> {
  /** Unique name the queue stores, e.g. `identity.purge_expired_credentials`. */
  static jobName: string

  /** Whether the job must run inside a tenant scope. */
  static tenantScoped = true

  abstract handle(payload: Payload, context?: JobContext): Promise<unknown>
}

/** Where a run stands among its retries, for jobs that record failures. */
export interface JobContext {
  /** 1 on the first run. */
  attempt: number
  attempts: number
}

export type JobClass = { jobName: string; tenantScoped: boolean; new (): Job<any> }

/** What is stored in Redis for each job. */
export interface JobEnvelope {
  tenant: string | null
  payload: Record<string, unknown>
}

/**
 * A repeatable job: `perTenant` jobs are fanned out to every active tenant.
 */
export interface Schedule {
  job: string
  cron: string
  perTenant: boolean
  payload?: Record<string, unknown>
}
