import { tenantDb } from '#tenancy/tenant_model'
import { PUBLIC_STATUSES } from '#modules/suggestions/services/catalog'

export interface SuggestionFilters {
  category?: string
  status?: string
  municipality?: string
  body?: string
  bbox?: string
}

/** Columns a list or the map shows: no author, no text. */
export const LIST_COLUMNS = ['id', 'category', 'title', 'status', 'municipality_code', 'body_slug', 'body_name_ru', 'body_name_en', 'supports_count', 'respond_by', 'created_at']

/** `south,west,north,east` within the world, or null. */
export function parseBbox(value: string | undefined) {
  if (!value) return null
  const parts = value.split(',').map(Number)
  if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part))) return null
  const [south, west, north, east] = parts
  if (south < -90 || north > 90 || west < -180 || east > 180 || south > north || west > east) return null
  return { south, west, north, east }
}

/**
 * What everybody may see: public statuses, not hidden, with the filters
 * (each served by suggestions_public_index / suggestions_filters_index).
 */
export function publicSuggestions(filters: SuggestionFilters) {
  const query = tenantDb().from('suggestions').whereNull('hidden_at')
  if (filters.status && (PUBLIC_STATUSES as string[]).includes(filters.status)) query.where('status', filters.status)
  else query.whereNotIn('status', ['moderation', 'declined'])
  if (filters.category) query.where('category', filters.category)
  if (filters.municipality) query.where('municipality_code', filters.municipality)
  if (filters.body) query.where('body_slug', filters.body)
  return query
}

/** The map's viewport: suggestions whose box overlaps it (suggestions_map_index). */
export function inViewport(query: ReturnType<typeof publicSuggestions>, bbox: NonNullable<ReturnType<typeof parseBbox>>) {
  return query
    .whereNotNull('min_lat')
    .whereRaw('box(point(min_lng, min_lat), point(max_lng, max_lat)) && box(point(?, ?), point(?, ?))', [bbox.west, bbox.south, bbox.east, bbox.north])
}

/**
 * Public suggestions whose titles share words with `title` (same category and
 * municipality when given): offered while typing instead of a duplicate.
 */
export async function similarSuggestions(title: string, category?: string, municipalityCode?: string) {
  const words = [...new Set(title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 4))].slice(0, 6)
  if (!words.length) return []
  // a stem of each word: "автобуса" finds "автобус"
  const stems = words.map((word) => `%${word.slice(0, Math.max(4, word.length - 2)).replace(/[%_\\]/g, '')}%`)
  const query = publicSuggestions({ category, municipality: municipalityCode })
  const score = stems.map(() => '(case when lower(title) like ? then 1 else 0 end)').join(' + ')
  query.where((inner) => {
    for (const stem of stems) inner.orWhereRaw('lower(title) like ?', [stem])
  })
  return query
    .select('id', 'title', 'status', 'supports_count')
    .select(tenantDb().raw(`(${score}) as score`, stems))
    .orderBy('score', 'desc')
    .orderBy('supports_count', 'desc')
    .limit(5)
}
