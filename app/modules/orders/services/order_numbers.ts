import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantScope } from '#tenancy/tenant_scope'

/** Three Latin letters from the tenant slug: SOC for "social". */
export function orderPrefix(slug: string) {
  return slug.replace(/[^a-z]/g, '').slice(0, 3).toUpperCase().padEnd(3, 'X')
}

/**
 * The next order number of the tenant and year, e.g. SOC-2026-000123; the
 * counter row is incremented atomically inside the caller's transaction.
 */
export async function nextOrderNumber(trx: TransactionClientContract, year: number) {
  const result = await trx.rawQuery(
    `insert into orders_counters (year, last) values (?, 1)
     on conflict (year) do update set last = orders_counters.last + 1
     returning last`,
    [year]
  )
  const sequence = String(result.rows[0].last).padStart(6, '0')
  return `${orderPrefix(tenantScope.currentOrFail().slug)}-${year}-${sequence}`
}
