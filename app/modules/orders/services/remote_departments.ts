import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'

export interface RemoteDepartment {
  block: string
  code: string
  name_ru: string
  name_en: string
}

/**
 * Departments of the blocks that the Department of Control may name as
 * executors, read through the rollup (the control tenant cannot read a
 * block itself). Other tenants have none.
 */
export async function remoteDepartments(
  filter?: { block: string; code: string },
  client: QueryClientContract | TransactionClientContract = tenantDb()
): Promise<RemoteDepartment[]> {
  if (tenantScope.currentOrFail().kind !== 'control') return []
  const ready = await client.rawQuery(`select to_regclass('rollup.departments') is not null as ready`)
  if (!ready.rows[0].ready) return []
  const query = client
    .from('rollup.departments')
    .where('is_active', true)
    .whereNotNull('code')
    .select('block', 'code', 'name_ru', 'name_en')
    .orderBy(['block', 'name_ru'])
  if (filter) query.where('block', filter.block).where('code', filter.code)
  return query
}
