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
 * Departments of other bodies a tenant may name as executors. The Department
 * of Control names any department of a block or municipality, read through
 * the rollup (it cannot read a body itself); a block names municipal
 * departments from the directory the municipalities published to it over
 * the bus. Other tenants have none.
 */
export async function remoteDepartments(
  filter?: { block: string; code: string },
  client: QueryClientContract | TransactionClientContract = tenantDb()
): Promise<RemoteDepartment[]> {
  const kind = tenantScope.currentOrFail().kind
  if (kind === 'block') {
    const query = client
      .from('known_departments as d')
      .join('known_bodies as b', 'b.slug', 'd.body_slug')
      .where('b.kind', 'municipality')
      .where('d.is_active', true)
      .select('d.body_slug as block', 'd.code', 'd.name_ru', 'd.name_en')
      .orderBy([{ column: 'd.body_slug' }, { column: 'd.name_ru' }])
    if (filter) query.where('d.body_slug', filter.block).where('d.code', filter.code)
    return query
  }
  if (kind !== 'control') return []
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
