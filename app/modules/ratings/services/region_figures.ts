import { tenantDb } from '#tenancy/tenant_model'

/** Whether the rollup has this module's views (it is rebuilt while tenants migrate). */
export async function ratingsRollupAvailable() {
  const result = await tenantDb().rawQuery(`select to_regclass('rollup.rating_observations') is not null and to_regclass('rollup.media_items') is not null as ready`)
  return result.rows[0].ready as boolean
}

/**
 * For the Department of Control, read only from the rollup: every block's
 * latest edition of each rating (indicators up, down, in the bottom
 * quartile) and the tone of its media publications over the last year.
 */
export async function regionRatingFigures() {
  const db = tenantDb()
  const [ratings, media] = await Promise.all([
    db.rawQuery(
      `with latest as (
          select distinct on (block, rating_id) block, rating_id, edition_id, period, regions_count
          from rollup.rating_observations order by block, rating_id, published_on desc, edition_id desc
        )
        select l.block, r.code, r.title, l.period, l.regions_count, count(*)::int as observed,
          count(*) filter (where o.rank_delta > 0)::int as improved,
          count(*) filter (where o.rank_delta < 0)::int as worsened,
          count(*) filter (where o.bottom_quartile)::int as bottom_quartile
        from latest l
        join rollup.rating_observations o on o.block = l.block and o.edition_id = l.edition_id
        join rollup.ratings r on r.block = l.block and r.id = l.rating_id
        group by l.block, r.code, r.title, l.period, l.regions_count
        order by l.block, r.title`
    ),
    db.rawQuery(
      `select block,
          count(distinct media_item_id) filter (where tone = 'positive')::int as positive,
          count(distinct media_item_id) filter (where tone = 'neutral')::int as neutral,
          count(distinct media_item_id) filter (where tone = 'negative')::int as negative
        from rollup.media_items where published_on >= current_date - 365
        group by block order by block`
    ),
  ])
  return { ratings: ratings.rows, media: media.rows }
}
