import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import type { StructureField } from '#modules/opendata/services/structure'

/*
| A version compared with the previous one, on the portal, in SQL over the
| rows it keeps (opendata_public_rows, jsonb). Rows are matched by the key
| field (the structure's `key`, when both versions have it); without one, by
| their whole content (over the fields both versions have), and then a row
| is only added or removed, never changed; the n-th of equal rows in one
| version meets the n-th in the other, so a repeated row counts once each.
| A key is unique in a version (checked at publication). When the structure
| changed, the fields added and removed are named and cells are compared
| on the common fields only.
*/

export const DIFF_PAGE = 50
export const DIFF_LISTS = ['added', 'removed', 'changed'] as const
export type DiffList = (typeof DIFF_LISTS)[number]

interface VersionSide {
  id: number
  number: number
  rowsLoaded: boolean
  fields: StructureField[]
}

export interface DiffPlan {
  current: VersionSide
  previous: VersionSide
  /** The key field matching rows, or null (whole-row comparison). */
  key: string | null
  fields: { added: string[]; removed: string[]; common: string[] }
}

export interface DiffRow {
  /** The row's number in its version (1-based, the file's order); the list's cursor. */
  rowNumber: number
  data: Record<string, string>
}

export interface ChangedRow {
  rowNumber: number
  previousRowNumber: number
  data: Record<string, string>
  previous: Record<string, string>
  /** The common fields whose cells differ. */
  changed: string[]
}

/** Version `number` of a dataset and the one before it, with their structures; 404 for the first or a missing one. */
export async function diffPlan(datasetId: number, number: number): Promise<DiffPlan> {
  if (!Number.isInteger(number) || number < 2) throw new errors.E_NOT_FOUND(`Version ${number} has no previous version to compare with`)
  const versions = await tenantDb()
    .from('opendata_public_versions as v')
    .join('opendata_public_structures as s', (join) => join.on('s.dataset_id', 'v.dataset_id').andOn('s.number', 'v.structure_number'))
    .where('v.dataset_id', datasetId)
    .whereIn('v.number', [number, number - 1])
    .select('v.id', 'v.number', 'v.rows_loaded_at', 's.fields')
  const side = (wanted: number): VersionSide => {
    const row = versions.find((candidate) => candidate.number === wanted)
    if (!row) throw new errors.E_NOT_FOUND(`No version ${wanted} of dataset ${datasetId}`)
    return { id: Number(row.id), number: row.number, rowsLoaded: !!row.rows_loaded_at, fields: row.fields }
  }
  const current = side(number)
  const previous = side(number - 1)
  const now = current.fields.map((field) => field.name)
  const before = previous.fields.map((field) => field.name)
  const common = now.filter((name) => before.includes(name))
  // the current structure's key, when the previous version has that field too
  const keyField = current.fields.find((field) => field.key)?.name ?? null
  return {
    current,
    previous,
    key: keyField && common.includes(keyField) ? keyField : null,
    fields: { added: now.filter((name) => !before.includes(name)), removed: before.filter((name) => !now.includes(name)), common },
  }
}

/**
 * The two versions' rows, narrow (a row's number, `h` the hash of its
 * content over the common fields, `m` what it is matched by), as
 * materialized CTEs `cur` and `prev` (so sorts and joins never carry the
 * rows' data). With a key, `m` is the key's value (unique in a version:
 * checked at publication); without one, the content's hash with its
 * occurrence among equal rows. Bindings in order.
 */
function matchedRows(plan: DiffPlan) {
  const side = (name: string) => {
    const narrow = `select r.row_number, md5((r.data - array(select jsonb_array_elements_text(cast(? as jsonb))))::text) as h${plan.key ? `, coalesce(r.data->>?, '') as m` : ''}
      from opendata_public_rows r where r.version_id = ?`
    return plan.key
      ? `${name} as materialized (${narrow})`
      : `${name}_raw as materialized (${narrow}),
        ${name} as materialized (select row_number, h, h || '#' || row_number() over (partition by h order by row_number) as m from ${name}_raw)`
  }
  const sideBindings = (onlyHere: string[], versionId: number) => [JSON.stringify(onlyHere), ...(plan.key ? [plan.key] : []), versionId]
  return {
    sql: `with ${side('cur')}, ${side('prev')}`,
    bindings: [...sideBindings(plan.fields.added, plan.current.id), ...sideBindings(plan.fields.removed, plan.previous.id)],
  }
}

/**
 * How many rows were added, removed and (with a key) changed. Versions
 * never change, so the counts are computed once (a pass over both
 * versions) and kept in opendata_public_diffs.
 */
export async function diffCounts(plan: DiffPlan) {
  const kept = await tenantDb().from('opendata_public_diffs').where('version_id', plan.current.id).first()
  const counts = kept ?? (await countRows(plan))
  if (!kept) {
    await tenantDb()
      .table('opendata_public_diffs')
      .insert({ version_id: plan.current.id, added: counts.added, removed: counts.removed, changed: counts.changed, computed_at: new Date() })
      .onConflict('version_id')
      .ignore()
  }
  return { added: Number(counts.added), removed: Number(counts.removed), changed: plan.key ? Number(counts.changed) : null }
}

async function countRows(plan: DiffPlan) {
  const rows = matchedRows(plan)
  const result = await tenantDb().rawQuery(
    `${rows.sql}
    select count(*) filter (where prev.m is null) as added,
           count(*) filter (where cur.m is null) as removed,
           count(*) filter (where cur.m is not null and prev.m is not null and cur.h <> prev.h) as changed
    from cur full join prev on prev.m = cur.m`,
    rows.bindings
  )
  const [counts] = result.rows
  return { added: Number(counts.added), removed: Number(counts.removed), changed: plan.key ? Number(counts.changed) : null }
}

/** A page (DIFF_PAGE rows, keyset on the row number) of the added or removed rows, and whether more follow. */
export async function diffRows(plan: DiffPlan, list: 'added' | 'removed', after = 0): Promise<{ rows: DiffRow[]; more: boolean }> {
  const [here, there] = list === 'added' ? ['cur', 'prev'] : ['prev', 'cur']
  const versionId = list === 'added' ? plan.current.id : plan.previous.id
  const otherId = list === 'added' ? plan.previous.id : plan.current.id
  const page = (found: any[]) => ({
    rows: found.slice(0, DIFF_PAGE).map((row: any) => ({ rowNumber: Number(row.row_number), data: row.data })),
    more: found.length > DIFF_PAGE,
  })
  if (plan.key) {
    // by key: the version read in order from the page's start, against a hash of the other's keys (stops at a page)
    const result = await tenantDb().rawQuery(
      `select r.row_number, r.data from opendata_public_rows r
      where r.version_id = ? and r.row_number > ?
        and not exists (select 1 from opendata_public_rows o where o.version_id = ? and coalesce(o.data->>?, '') = coalesce(r.data->>?, ''))
      order by r.row_number limit ?`,
      [versionId, after, otherId, plan.key, plan.key, DIFF_PAGE + 1]
    )
    return page(result.rows)
  }
  const rows = matchedRows(plan)
  const result = await tenantDb().rawQuery(
    `${rows.sql},
    page as (
      select ${here}.row_number from ${here}
      where ${here}.row_number > ? and not exists (select 1 from ${there} where ${there}.m = ${here}.m)
      order by ${here}.row_number limit ?
    )
    select r.row_number, r.data from page join opendata_public_rows r on r.version_id = ? and r.row_number = page.row_number
    order by r.row_number`,
    [...rows.bindings, after, DIFF_PAGE + 1, versionId]
  )
  return page(result.rows)
}

/** A page of the changed rows (only with a key), each with the common fields whose cells differ. */
export async function diffChanged(plan: DiffPlan, after = 0): Promise<{ rows: ChangedRow[]; more: boolean }> {
  if (!plan.key) return { rows: [], more: false }
  const rows = matchedRows(plan)
  const result = await tenantDb().rawQuery(
    `${rows.sql},
    page as (
      select cur.row_number, prev.row_number as previous_row_number from cur join prev on prev.m = cur.m
      where cur.row_number > ? and cur.h <> prev.h
      order by cur.row_number limit ?
    )
    select page.row_number, page.previous_row_number, c.data, p.data as previous,
           array(select f from jsonb_array_elements_text(cast(? as jsonb)) f where c.data->f is distinct from p.data->f) as changed
    from page
    join opendata_public_rows c on c.version_id = ? and c.row_number = page.row_number
    join opendata_public_rows p on p.version_id = ? and p.row_number = page.previous_row_number
    order by page.row_number`,
    [...rows.bindings, after, DIFF_PAGE + 1, JSON.stringify(plan.fields.common), plan.current.id, plan.previous.id]
  )
  return {
    rows: result.rows.slice(0, DIFF_PAGE).map((row: any) => ({
      rowNumber: Number(row.row_number),
      previousRowNumber: Number(row.previous_row_number),
      data: row.data,
      previous: row.previous,
      changed: row.changed,
    })),
    more: result.rows.length > DIFF_PAGE,
  }
}
