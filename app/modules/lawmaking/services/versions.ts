import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Clause } from '#modules/lawmaking/services/clauses'

/** Clause rows written per statement (600 clauses of a regional code are two statements). */
const CHUNK = 500

/** Where a side keeps its versions and their clauses: the body its own, the portal what the bus brought. */
const SIDES = {
  body: { versions: 'lawmaking_versions', clauses: 'lawmaking_clauses' },
  portal: { versions: 'lawmaking_public_versions', clauses: 'lawmaking_public_clauses' },
}

/** The clauses of a version of a draft, in order (one of the body's drafts, or the portal's copy of one). */
export async function clausesOfVersion(client: QueryClientContract, draftId: number, number: number, side: keyof typeof SIDES = 'body'): Promise<Clause[]> {
  const rows = await client
    .from(`${SIDES[side].clauses} as c`)
    .join(`${SIDES[side].versions} as v`, 'v.id', 'c.version_id')
    .where('v.draft_id', draftId)
    .where('v.number', number)
    .orderBy('c.position')
    .select('c.clause_key', 'c.parent_key', 'c.position', 'c.depth', 'c.label', 'c.text', 'c.changed_in')
  return rows.map(clauseOfRow)
}

export function clauseOfRow(row: any): Clause {
  return {
    key: row.clause_key,
    parentKey: row.parent_key,
    position: row.position,
    depth: row.depth,
    label: row.label,
    text: row.text,
    changedIn: row.changed_in,
  }
}

/** Writes the clauses of a version (the body's table or the portal's copy). */
export async function insertClauses(trx: TransactionClientContract, table: 'lawmaking_clauses' | 'lawmaking_public_clauses', versionId: number, clauses: Clause[]) {
  for (let from = 0; from < clauses.length; from += CHUNK) {
    await trx.table(table).multiInsert(
      clauses.slice(from, from + CHUNK).map((clause) => ({
        version_id: versionId,
        clause_key: clause.key,
        parent_key: clause.parentKey,
        position: clause.position,
        depth: clause.depth,
        label: clause.label,
        text: clause.text,
        changed_in: clause.changedIn,
      }))
    )
  }
}
