import { tenantDb } from '#tenancy/tenant_model'
import { CRITERIA } from '#modules/service_ratings/models/service_rating'

/** Services per page of the public list. */
export const PER_PAGE = 50

const averages = CRITERIA.map((criterion) => `round(avg(r.mark_${criterion})::numeric, 2)::float as avg_${criterion}`).join(', ')
const overall = `round(avg((${CRITERIA.map((criterion) => `r.mark_${criterion}`).join(' + ')}) / 5.0)::numeric, 2)::float as avg_overall`

/**
 * Services open to rating, filtered by channel and providing body, with
 * their figures of the latest sealed month (Bayesian overall score,
 * ratings, rank): read from the snapshot, never aggregated per request. The
 * best ranked first, then by name.
 */
export function ratedServices(filters: { channel?: string; body?: string }, page = 1, perPage = PER_PAGE) {
  const db = tenantDb()
  const query = db
    .from('service_ratings_services as s')
    .joinRaw(
      `left join service_ranks k on k.snapshot_id = (select p.id from service_rank_snapshots p order by p.month desc, p.version desc limit 1)
        and k.scope = 'service' and k.subject = s.body_slug || '/' || s.code`
    )
    .where('s.published_active', true)
    .where('s.admin_hidden', false)
    .select('s.id', 's.code', 's.name_ru', 's.name_en', 's.body_slug', 's.body_name_ru', 's.body_name_en', 's.body_kind', 's.channel')
    .select(db.raw('coalesce(k.ratings, 0) as ratings, k.score_overall::float as avg_overall, k.rank'))
    .orderByRaw('k.rank nulls last, k.score_overall desc nulls last, s.name_ru')
    // one more than a page: whether there is a next one
    .offset((page - 1) * perPage)
    .limit(perPage + 1)
  if (filters.channel) query.where('s.channel', filters.channel)
  if (filters.body) query.where('s.body_slug', filters.body)
  return query
}

/** A service's mean marks per month (the trend), oldest first. */
export function monthlyTrend(serviceId: number) {
  return tenantDb()
    .from('service_ratings as r')
    .where('r.service_id', serviceId)
    .groupBy('r.month')
    .orderBy('r.month')
    .select(tenantDb().raw(`to_char(r.month, 'YYYY-MM') as month, count(*)::int as ratings, ${averages}, ${overall}`))
}

/** The bodies that publish services (for the filter). */
export function providingBodies() {
  return tenantDb().from('service_ratings_services').distinct('body_slug', 'body_name_ru', 'body_name_en').orderBy('body_name_ru')
}
