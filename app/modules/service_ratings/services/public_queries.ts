import { tenantDb } from '#tenancy/tenant_model'
import { CRITERIA } from '#modules/service_ratings/models/service_rating'

const averages = CRITERIA.map((criterion) => `round(avg(r.mark_${criterion})::numeric, 2)::float as avg_${criterion}`).join(', ')
const overall = `round(avg((${CRITERIA.map((criterion) => `r.mark_${criterion}`).join(' + ')}) / 5.0)::numeric, 2)::float as avg_overall`

/**
 * Services open to rating with their ratings' count and mean marks (all
 * months), filtered by channel and providing body; the best rated first.
 */
export function ratedServices(filters: { channel?: string; body?: string }) {
  const query = tenantDb()
    .from('service_ratings_services as s')
    .leftJoin('service_ratings as r', 'r.service_id', 's.id')
    .where('s.published_active', true)
    .where('s.admin_hidden', false)
    .groupBy('s.id')
    .select('s.id', 's.code', 's.name_ru', 's.name_en', 's.body_slug', 's.body_name_ru', 's.body_name_en', 's.body_kind', 's.channel')
    .select(tenantDb().raw(`count(r.id)::int as ratings, ${averages}, ${overall}`))
    .orderByRaw('avg_overall desc nulls last, s.name_ru')
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
