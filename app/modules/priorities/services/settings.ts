import { tenantDb } from '#tenancy/tenant_model'
import type { Weighting } from '#modules/priorities/services/method'
import { DEFAULT_POPULATION, DEMO_POPULATIONS } from '#modules/priorities/services/demo_populations'

export interface PrioritySettings {
  votesPerQuarter: number
  weighting: Weighting
}

/** The portal's settings of the method, created with the defaults on first read (K = 5, population weights). */
export async function prioritySettings(): Promise<PrioritySettings> {
  const db = tenantDb()
  await db.rawQuery(`insert into priority_settings (id) values (1) on conflict (id) do nothing`)
  const row = await db.from('priority_settings').where('id', 1).firstOrFail()
  return { votesPerQuarter: Number(row.votes_per_quarter), weighting: row.weighting as Weighting }
}

export async function saveSettings(settings: PrioritySettings, populations: Record<string, number>) {
  await tenantDb().transaction(async (trx) => {
    await trx.rawQuery(
      `insert into priority_settings (id, votes_per_quarter, weighting, updated_at) values (1, ?, ?, now())
       on conflict (id) do update set votes_per_quarter = excluded.votes_per_quarter, weighting = excluded.weighting, updated_at = now()`,
      [settings.votesPerQuarter, settings.weighting]
    )
    for (const [code, population] of Object.entries(populations)) {
      await trx.rawQuery(
        `insert into priority_populations (municipality_code, population) values (?, ?) on conflict (municipality_code) do update set population = excluded.population`,
        [code, population]
      )
    }
  })
}

/** The municipalities' codes (sorted) and their populations, seeded with the demo figures where missing. */
export async function municipalityPopulations(): Promise<{ codes: string[]; populations: Record<string, number> }> {
  const db = tenantDb()
  const codes = (await db.from('municipalities').select('code').orderByRaw('code collate "C"')).map((row) => row.code as string)
  const stored = new Map((await db.from('priority_populations').select('*')).map((row) => [row.municipality_code as string, Number(row.population)]))
  const missing = codes.filter((code) => !stored.has(code))
  if (missing.length) {
    await db.table('priority_populations').insert(missing.map((code) => ({ municipality_code: code, population: DEMO_POPULATIONS[code] ?? DEFAULT_POPULATION }))).onConflict('municipality_code').ignore()
    for (const code of missing) stored.set(code, DEMO_POPULATIONS[code] ?? DEFAULT_POPULATION)
  }
  return { codes, populations: Object.fromEntries(codes.map((code) => [code, stored.get(code)!])) }
}
