import { tenantDb } from '#tenancy/tenant_model'
import type { FieldType, StructureField } from '#modules/opendata/services/structure'
import { queryText, type ViewProblem } from '#modules/opendata/services/views/source'

/*
| The chart view: one column chart, aggregated in SQL over the rows' jsonb —
| rows counted, or a numeric field summed or averaged — by category (the
| 30 largest) or by month (a date field). Drawn on the server as SVG (no
| script needed), beside a table of the same figures.
*/

export const AGGREGATES = ['count', 'sum', 'avg'] as const
export type Aggregate = (typeof AGGREGATES)[number]

/** Categories shown at most (the largest by value). */
export const TOP_CATEGORIES = 30
/** Months shown at most (the latest). */
const MAX_MONTHS = 240

const CATEGORY_TYPES = new Set<FieldType>(['string', 'boolean', 'integer'])
const TIME_TYPES = new Set<FieldType>(['date', 'datetime'])
const MEASURE_TYPES = new Set<FieldType>(['integer', 'decimal'])

/** Fields a chart may group by (categories or time) and measure. */
export function chartFields(fields: StructureField[]) {
  return {
    groups: fields.filter((field) => CATEGORY_TYPES.has(field.type) || TIME_TYPES.has(field.type)),
    measures: fields.filter((field) => MEASURE_TYPES.has(field.type)),
  }
}

export interface ChartQuery {
  x: StructureField
  y: StructureField | null
  agg: Aggregate
}

/** Reads `x`, `y`, `agg`; without `x` the first field that groups, counted. Unknown fields and unsuitable types are problems (422). */
export function parseChartQuery(qs: Record<string, any>, fields: StructureField[], t: (key: string, data?: Record<string, unknown>) => string) {
  const problems: ViewProblem[] = []
  const { groups, measures } = chartFields(fields)
  const byName = new Map(fields.map((field) => [field.name, field]))
  const text = (value: unknown) => (value === undefined ? '' : (queryText(value)?.trim() ?? null))
  let agg: Aggregate = 'count'
  const aggText = text(qs.agg)
  if (aggText) {
    if ((AGGREGATES as readonly string[]).includes(aggText)) agg = aggText as Aggregate
    else problems.push({ field: 'agg', rule: 'in', message: t('opendata_views.errors.aggregate') })
  } else if (aggText === null) problems.push({ field: 'agg', rule: 'in', message: t('opendata_views.errors.aggregate') })
  let x: StructureField | undefined = groups[0]
  const xText = text(qs.x)
  if (xText === null || (xText && !byName.has(xText))) problems.push({ field: 'x', rule: 'opendata_field', message: t('opendata_views.errors.unknown_field', { field: String(qs.x) }) })
  else if (xText) {
    x = byName.get(xText)!
    if (!groups.includes(x)) problems.push({ field: 'x', rule: 'opendata_type', message: t('opendata_views.errors.x_type', { field: xText }) })
  }
  let y: StructureField | null = null
  const yText = text(qs.y)
  if (yText === null || (yText && !byName.has(yText))) problems.push({ field: 'y', rule: 'opendata_field', message: t('opendata_views.errors.unknown_field', { field: String(qs.y) }) })
  else if (yText) {
    y = byName.get(yText)!
    if (!measures.includes(y)) problems.push({ field: 'y', rule: 'opendata_type', message: t('opendata_views.errors.y_type', { field: yText }) })
  }
  if (agg !== 'count' && !yText && !problems.some((problem) => problem.field === 'y')) problems.push({ field: 'y', rule: 'required', message: t('opendata_views.errors.y_required') })
  if (!x && !problems.length) problems.push({ field: 'x', rule: 'required', message: t('opendata_views.errors.no_groups') })
  return { query: problems.length || !x ? null : ({ x, y: agg === 'count' ? null : y, agg } as ChartQuery), problems }
}

export interface ChartBar {
  key: string
  value: number
}

/**
 * The figures: per category (its normalized text; an empty cell is a
 * category of its own) the 30 largest, largest first; per month
 * (`YYYY-MM`) in time order, rows without a date left out.
 */
type ChartFigures = { bars: ChartBar[]; overTime: boolean; categories: number }

/** Figures already computed, by tenant, version and query: a version never changes, and a chart of a million rows scans them all. */
const figures = new Map<string, ChartFigures>()
const KEPT_FIGURES = 200

/** The figures of a chart, from the cache when this tenant's version was charted so before (the least recently used are dropped). */
export async function cachedChartBars(tenant: string, versionId: number, query: ChartQuery): Promise<ChartFigures> {
  const key = JSON.stringify([tenant, versionId, query.x.name, query.y?.name ?? null, query.agg])
  const kept = figures.get(key)
  if (kept) {
    figures.delete(key)
    figures.set(key, kept)
    return kept
  }
  const computed = await chartBars(versionId, query)
  figures.set(key, computed)
  if (figures.size > KEPT_FIGURES) figures.delete(figures.keys().next().value!)
  return computed
}

export async function chartBars(versionId: number, query: ChartQuery): Promise<ChartFigures> {
  const overTime = TIME_TYPES.has(query.x.type)
  const value = query.agg === 'count' ? 'count(*)' : `${query.agg}(nullif(data->>?, '')::numeric)`
  const valueBindings = query.agg === 'count' ? [] : [query.y!.name]
  if (overTime) {
    const rows = (
      await tenantDb().rawQuery(
        `select * from (select substr(data->>?, 1, 7) as key, ${value} as value from opendata_public_rows where version_id = ? and coalesce(data->>?, '') <> '' group by 1 order by 1 desc limit ?) as latest order by key`,
        [query.x.name, ...valueBindings, versionId, query.x.name, MAX_MONTHS]
      )
    ).rows
    return { bars: rows.map((row: any) => ({ key: row.key, value: Number(row.value ?? 0) })), overTime, categories: rows.length }
  }
  const rows = (
    await tenantDb().rawQuery(
      `select coalesce(data->>?, '') as key, ${value} as value, count(*) over () as categories from opendata_public_rows where version_id = ? group by 1 order by 2 desc nulls last, 1 limit ?`,
      [query.x.name, ...valueBindings, versionId, TOP_CATEGORIES]
    )
  ).rows
  return { bars: rows.map((row: any) => ({ key: row.key, value: Number(row.value ?? 0) })), overTime, categories: Number(rows[0]?.categories ?? 0) }
}

/** A step of 1, 2 or 5 × 10ⁿ giving about four gridlines over the span. */
function niceStep(span: number) {
  if (span <= 0) return 1
  const raw = span / 4
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((step) => step >= raw)!
}

export const SVG = { width: 720, height: 360, left: 64, right: 8, top: 12, bottom: 96 }

/** The geometry of the SVG columns: each bar's rectangle and label position, the gridlines, the zero line. */
export function chartGeometry(bars: ChartBar[]) {
  const values = bars.map((bar) => bar.value)
  const low = Math.min(0, ...values)
  const high = Math.max(0, ...values)
  const step = niceStep(high - low)
  const min = Math.floor(low / step) * step
  const max = Math.max(Math.ceil(high / step) * step, min + step)
  const plotWidth = SVG.width - SVG.left - SVG.right
  const plotHeight = SVG.height - SVG.top - SVG.bottom
  const y = (value: number) => SVG.top + ((max - value) / (max - min)) * plotHeight
  const band = bars.length ? plotWidth / bars.length : plotWidth
  const ticks: { value: number; y: number }[] = []
  for (let value = min; value <= max + step / 2; value += step) ticks.push({ value: Number(value.toPrecision(12)), y: Number(y(value).toFixed(2)) })
  return {
    ticks,
    zero: Number(y(0).toFixed(2)),
    columns: bars.map((bar, index) => {
      const top = y(Math.max(bar.value, 0))
      const bottom = y(Math.min(bar.value, 0))
      const x = SVG.left + index * band + band * 0.15
      return {
        x: Number(x.toFixed(2)),
        width: Number((band * 0.7).toFixed(2)),
        y: Number(top.toFixed(2)),
        height: Number(Math.max(bottom - top, bar.value === 0 ? 0 : 1).toFixed(2)),
        labelX: Number((SVG.left + index * band + band / 2).toFixed(2)),
      }
    }),
  }
}

/** An axis label: a month as ММ.ГГГГ, a category cut to 18 characters. */
export function barLabel(key: string, overTime: boolean, empty: string) {
  if (overTime) {
    const match = key.match(/^(\d{4})-(\d{2})$/)
    return match ? `${match[2]}.${match[1]}` : key
  }
  if (!key) return empty
  return key.length > 18 ? `${key.slice(0, 17)}…` : key
}
