import type { StructureField } from '#modules/opendata/services/structure'

export interface Location {
  lat: number
  lon: number
}

/** How a structure locates its rows: a latitude and a longitude field, or a GeoJSON field; null when it does not. */
export function locatorOf(fields: StructureField[]): ((data: Record<string, string>) => Location | null) | null {
  const latitude = fields.find((field) => field.type === 'latitude')
  const longitude = fields.find((field) => field.type === 'longitude')
  if (latitude && longitude) return (data) => located(Number.parseFloat(data[latitude.name] ?? ''), Number.parseFloat(data[longitude.name] ?? ''))
  const geometry = fields.find((field) => field.type === 'geojson')
  if (geometry) return (data) => centreOf(data[geometry.name] ?? '')
  return null
}

function located(lat: number, lon: number): Location | null {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null
}

/** A GeoJSON geometry's point, or the middle of its bounding box (GeoJSON puts the longitude first). */
export function centreOf(text: string): Location | null {
  if (!text.trim()) return null
  let geometry: any
  try {
    geometry = JSON.parse(text)
  } catch {
    return null
  }
  if (geometry?.type === 'Point' && Array.isArray(geometry.coordinates)) return located(Number(geometry.coordinates[1]), Number(geometry.coordinates[0]))
  let south = Infinity
  let west = Infinity
  let north = -Infinity
  let east = -Infinity
  const visit = (node: unknown): void => {
    if (!Array.isArray(node)) return
    if (typeof node[0] === 'number' && typeof node[1] === 'number') {
      west = Math.min(west, node[0])
      east = Math.max(east, node[0])
      south = Math.min(south, node[1])
      north = Math.max(north, node[1])
      return
    }
    for (const child of node) visit(child)
  }
  if (geometry?.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    for (const part of geometry.geometries) visit(part?.coordinates)
  } else {
    visit(geometry?.coordinates)
  }
  return Number.isFinite(south) ? located((south + north) / 2, (west + east) / 2) : null
}
