import { tenantDb } from '#tenancy/tenant_model'

export interface ObservationFact {
  id: number
  edition_id: number
  indicator_id: number
  indicator_parent_id: number | null
  indicator_code: string
  indicator_name: string
  department_id: number | null
  department_name: string | null
  value: string | null
  score: string | null
  rank: number
  rank_shared: boolean
  district_rank: number | null
  previous_rank: number | null
  rank_delta: number | null
  bottom_quartile: boolean
}

/**
 * The region's figures in one edition with Δrank and the quartile flag, in
 * indicator-tree order (parents before their children).
 */
export async function editionFacts(editionId: number, locale: string): Promise<ObservationFact[]> {
  const name = locale === 'en' ? 'd.name_en' : 'd.name_ru'
  const { rows } = await tenantDb().rawQuery(
    `select f.id, f.edition_id, f.indicator_id, f.indicator_parent_id, f.indicator_code, i.name as indicator_name,
        f.department_id, ${name} as department_name, f.value, f.score, f.rank, f.rank_shared, f.district_rank,
        f.previous_rank, f.rank_delta, f.bottom_quartile
      from rating_observation_facts f
      join rating_indicators i on i.id = f.indicator_id
      left join departments d on d.id = f.department_id
      where f.edition_id = ?
      order by coalesce(i.parent_id, i.id), i.parent_id nulls first, i.position, i.code`,
    [editionId]
  )
  return rows
}

/**
 * Ranks of the rating's top-level indicators over its editions, oldest
 * first: the series of the trend chart (a gap where a figure is missing).
 */
export async function ratingTrend(ratingId: number) {
  const db = tenantDb()
  const [editions, indicators, facts] = await Promise.all([
    db.from('rating_editions').where('rating_id', ratingId).orderBy('published_on').orderBy('id').select('id', 'period'),
    db.from('rating_indicators').where('rating_id', ratingId).whereNull('parent_id').orderBy('position').orderBy('code').limit(8).select('id', 'code', 'name'),
    db.from('rating_observation_facts').where('rating_id', ratingId).whereNull('indicator_parent_id').select('edition_id', 'indicator_id', 'rank'),
  ])
  const rankOf = new Map(facts.map((fact: any) => [`${fact.edition_id}:${fact.indicator_id}`, fact.rank as number]))
  return {
    labels: editions.map((edition: any) => edition.period as string),
    series: indicators.map((indicator: any) => ({
      label: indicator.name as string,
      values: editions.map((edition: any) => rankOf.get(`${edition.id}:${indicator.id}`) ?? null),
    })),
  }
}

export interface RatingSummary {
  id: number
  code: string
  title: string
  edition_id: number | null
  period: string | null
  published_on: Date | null
  regions_count: number | null
  observed: number
  improved: number
  worsened: number
  bottom_quartile: number
  open_alerts: number
}

/**
 * Every rating with its latest edition: how many indicators rose, fell and
 * sit in the bottom quartile, and the alerts not yet turned into orders.
 */
export async function ratingsDashboard(): Promise<RatingSummary[]> {
  const db = tenantDb()
  // The latest editions first (a handful of ids), so the figures read only their observations by index.
  const latest = await db.rawQuery(
    `select distinct on (rating_id) id, rating_id, period, published_on, regions_count
      from rating_editions order by rating_id, published_on desc, id desc`
  )
  const ids = `{${latest.rows.map((row: any) => row.id).join(',')}}`
  const [ratings, figures, alerts] = await Promise.all([
    db.from('ratings').select('id', 'code', 'title').orderBy('title'),
    db.rawQuery(
      `select f.edition_id, count(*)::int as observed,
          count(*) filter (where f.rank_delta > 0)::int as improved,
          count(*) filter (where f.rank_delta < 0)::int as worsened,
          count(*) filter (where f.bottom_quartile)::int as bottom_quartile
        from rating_observation_facts f where f.edition_id = any(?::int[]) group by f.edition_id`,
      [ids]
    ),
    db.rawQuery(
      `select edition_id, count(*)::int as open_alerts from rating_alerts
        where order_id is null and edition_id = any(?::int[]) group by edition_id`,
      [ids]
    ),
  ])
  const editionOf = new Map(latest.rows.map((row: any) => [row.rating_id, row]))
  const figuresOf = new Map(figures.rows.map((row: any) => [row.edition_id, row]))
  const alertsOf = new Map<number, number>(alerts.rows.map((row: any) => [row.edition_id, row.open_alerts]))
  return ratings.map((rating: any) => {
    const edition: any = editionOf.get(rating.id)
    const counts: any = edition ? figuresOf.get(edition.id) : null
    return {
      id: rating.id,
      code: rating.code,
      title: rating.title,
      edition_id: edition?.id ?? null,
      period: edition?.period ?? null,
      published_on: edition?.published_on ?? null,
      regions_count: edition?.regions_count ?? null,
      observed: counts?.observed ?? 0,
      improved: counts?.improved ?? 0,
      worsened: counts?.worsened ?? 0,
      bottom_quartile: counts?.bottom_quartile ?? 0,
      open_alerts: edition ? (alertsOf.get(edition.id) ?? 0) : 0,
    }
  })
}

/** Alerts of a rating, newest edition first, with what an order needs. */
export async function ratingAlerts(ratingId: number, locale: string, limit = 100) {
  const name = locale === 'en' ? 'd.name_en' : 'd.name_ru'
  const { rows } = await tenantDb().rawQuery(
    `select a.id, a.kind, a.rank, a.previous_rank, a.order_id, o.number as order_number,
        e.id as edition_id, e.period, e.regions_count, i.code as indicator_code, i.name as indicator_name,
        i.department_id, ${name} as department_name
      from rating_alerts a
      join rating_editions e on e.id = a.edition_id
      join rating_observations ob on ob.id = a.observation_id
      join rating_indicators i on i.id = ob.indicator_id
      left join departments d on d.id = i.department_id
      left join orders o on o.id = a.order_id
      where e.rating_id = ?
      order by e.published_on desc, e.id desc, a.kind, i.code
      limit ?`,
    [ratingId, limit]
  )
  return rows
}
