import type Tenant from '#tenancy/tenant'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'

export interface BoxCounts {
  pending: number
  /** delivered (outbox) or applied (inbox) */
  done: number
  failed: number
  /** Age in seconds of the oldest pending message, or null when none is pending. */
  oldestPendingSeconds: number | null
}

export interface TenantBusStatus {
  tenant: string
  status: string
  /** false while the tenant's schema has no bus tables (not migrated yet) */
  migrated: boolean
  outbox: BoxCounts
  inbox: BoxCounts
}

export interface FailedMessage {
  tenant: string
  box: 'outbox' | 'inbox'
  id: string
  type: string
  /** the target (outbox) or the source (inbox) */
  peer: string
  attempts: number
  lastError: string | null
  createdAt: string
}

const EMPTY: BoxCounts = { pending: 0, done: 0, failed: 0, oldestPendingSeconds: null }

/** Whether the current tenant's schema has the bus tables (it is migrated). */
export async function hasBusTables() {
  const found = await tenantDb().rawQuery(`select to_regclass('bus_outbox') is not null as present`)
  return found.rows[0].present as boolean
}

function counts(row: any): BoxCounts {
  return {
    pending: Number(row.pending),
    done: Number(row.done),
    failed: Number(row.failed),
    oldestPendingSeconds: row.oldest === null ? null : Math.max(0, Math.round(Number(row.oldest))),
  }
}

/** Counts of one tenant's outbox and inbox (in its scope). */
async function tenantStatus(tenant: Tenant): Promise<TenantBusStatus> {
  return tenantScope.run(tenant, async () => {
    const base = { tenant: tenant.slug, status: tenant.status }
    if (!(await hasBusTables())) return { ...base, migrated: false, outbox: EMPTY, inbox: EMPTY }
    const result = await tenantDb().rawQuery(
      `select 'outbox' as box,
              count(*) filter (where status = 'pending') as pending,
              count(*) filter (where status = 'delivered') as done,
              count(*) filter (where status = 'failed') as failed,
              extract(epoch from clock_timestamp() - min(created_at) filter (where status = 'pending')) as oldest
         from bus_outbox
       union all
       select 'inbox',
              count(*) filter (where status = 'pending'),
              count(*) filter (where status = 'applied'),
              count(*) filter (where status = 'failed'),
              extract(epoch from clock_timestamp() - min(received_at) filter (where status = 'pending'))
         from bus_inbox`
    )
    const byBox = Object.fromEntries(result.rows.map((row: any) => [row.box, counts(row)]))
    return { ...base, migrated: true, outbox: byBox.outbox, inbox: byBox.inbox }
  })
}

async function tenantFailures(tenant: Tenant, limit: number): Promise<FailedMessage[]> {
  return tenantScope.run(tenant, async () => {
    if (!(await hasBusTables())) return []
    const result = await tenantDb().rawQuery(
      `(select 'outbox' as box, id, type, target_tenant as peer, attempts, last_error, created_at
          from bus_outbox where status = 'failed' order by created_at limit ?)
       union all
       (select 'inbox', id, type, source_tenant, attempts, last_error, received_at
          from bus_inbox where status = 'failed' order by received_at limit ?)`,
      [limit, limit]
    )
    return result.rows.map((row: any) => ({
      tenant: tenant.slug,
      box: row.box,
      id: row.id,
      type: row.type,
      peer: row.peer,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: new Date(row.created_at).toISOString(),
    }))
  })
}

/** One tenant by slug (404 when unknown), or all of them. */
export async function tenantsFor(slug?: string): Promise<Tenant[]> {
  return slug ? [await tenantRegistry.findBySlugOrFail(slug)] : tenantRegistry.all()
}

/**
 * What bus:status (and the control tenant's admin page) shows: per tenant,
 * pending / delivered or applied / failed and the oldest pending age, plus
 * the failed messages with their last error.
 */
export async function busStatus(options: { tenant?: string; failedLimit?: number } = {}) {
  const tenants = await tenantsFor(options.tenant)
  const rows: TenantBusStatus[] = []
  const failed: FailedMessage[] = []
  for (const tenant of tenants) {
    rows.push(await tenantStatus(tenant))
    failed.push(...(await tenantFailures(tenant, options.failedLimit ?? 50)))
  }
  return { tenants: rows, failed }
}
