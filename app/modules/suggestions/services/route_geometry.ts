/**
 * A public transport route as the map editor (or a person typing) gives it:
 * a GeoJSON LineString of [longitude, latitude] points. Checked on the
 * server — the editor is a convenience, the rules live here.
 */
export interface LineString {
  type: 'LineString'
  coordinates: [number, number][]
}

export const MAX_ROUTE_POINTS = 500

/** The reason a text is not an acceptable route (an i18n key under suggestions.errors), or the route. */
export function parseRoute(value: unknown): { route: LineString } | { error: string } {
  if (typeof value !== 'string' || value.length > 60_000) return { error: 'route_invalid' }
  let parsed: any
  try {
    parsed = JSON.parse(value)
  } catch {
    return { error: 'route_invalid' }
  }
  // a Feature wrapping a LineString is what most editors export
  if (parsed?.type === 'Feature') parsed = parsed.geometry
  if (!parsed || parsed.type !== 'LineString' || !Array.isArray(parsed.coordinates)) return { error: 'route_invalid' }
  const points = parsed.coordinates as unknown[]
  if (points.length < 2) return { error: 'route_too_short' }
  if (points.length > MAX_ROUTE_POINTS) return { error: 'route_too_long' }
  const coordinates: [number, number][] = []
  for (const point of points) {
    if (!Array.isArray(point) || point.length < 2) return { error: 'route_invalid' }
    const [lng, lat] = point
    if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) return { error: 'route_invalid' }
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return { error: 'route_out_of_range' }
    coordinates.push([Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6])
  }
  if (new Set(coordinates.map((point) => point.join(','))).size < 2) return { error: 'route_too_short' }
  return { route: { type: 'LineString', coordinates } }
}

/** The box the map index uses: [minLat, minLng, maxLat, maxLng]. */
export function boxOf(route: LineString) {
  const lats = route.coordinates.map((point) => point[1])
  const lngs = route.coordinates.map((point) => point[0])
  return { minLat: Math.min(...lats), minLng: Math.min(...lngs), maxLat: Math.max(...lats), maxLng: Math.max(...lngs) }
}
