import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * ANALYZE (or VACUUM ANALYZE) of tables of the tenant `client` works in,
 * run through the central connection. A tenant's runtime role does not own
 * its tables, and PostgreSQL then skips them with a mere warning: the
 * seeded tables kept no statistics, and with autovacuum off (or not there
 * yet) the planner chose plans for empty tables.
 */
export async function analyzeTables(client: QueryClientContract, tables: string[], options: { vacuum?: boolean } = {}) {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const schema = (await client.rawQuery('select current_schema() as schema')).rows[0].schema as string
  for (const table of tables) {
    await db.rawQuery(`${options.vacuum ? 'vacuum analyze' : 'analyze'} "${schema}"."${table}"`)
  }
}
