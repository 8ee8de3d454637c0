import { tenantDb } from '#tenancy/tenant_model'
import type { StructureField } from '#modules/opendata/services/structure'
import { queryText } from '#modules/opendata/services/views/source'

/*
| The map view's data: the located rows of a version (`lat`/`lon`, filled
| when the rows load, indexed by `(version_id, lat, lon) where lat is not
| null`) inside a viewport, as GeoJSON. Up to `pointLimit` rows come as
| points; past it the viewport is cut into a grid and each non-empty cell
| comes as one point (the mean position of its rows) with a `count`, so the
| answer stays small however many rows a viewport holds. A version of more
| than `exactGridRows` rows is aggregated over a sample of the table's pages
| (TABLESAMPLE SYSTEM, about `sampleRows` of its rows, the same pages every
| time) with the counts scaled up and `approximate: true`: an exact grid
| reads every row in the viewport (over a second for a million), the sample
| a few percent of the pages.
*/

/** Tunable from tests (a grid without inserting thousands of rows). */
export const mapSettings = {
  /** Rows a viewport may hold and still come as single points. */
  pointLimit: 2000,
  /** Cells per side of the aggregation grid. */
  gridSize: 48,
  /** Versions up to this many rows get exact counts per cell. */
  exactGridRows: 200_000,
  /** Rows of the version a sampled grid reads, roughly. */
  sampleRows: 30_000,
}

/** The percentage of the table's pages a sample reads to meet about `sampleRows` of a version's rows. */
function samplePercent(versionRows: number) {
  return Math.min(100, Math.max(0.01, (100 * mapSettings.sampleRows) / Math.max(versionRows, 1)))
}

/** Fields a point's popup shows: the first few that are not coordinates. */
const POPUP_FIELDS = 3

export type Bbox = [south: number, west: number, north: number, east: number]

/** `south,west,north,east` in degrees; null when malformed (not four numbers, out of range, or inverted). */
export function parseBbox(given: unknown): Bbox | null {
  const value = queryText(given)
  if (value === null) return null
  const parts = value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)))
  if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part))) return null
  const [south, west, north, east] = parts
  if (south > north || west > east || Math.abs(south) > 90 || Math.abs(north) > 90 || Math.abs(west) > 180 || Math.abs(east) > 180) return null
  return [south, west, north, east]
}

/** The box around a version's located rows, or null when none is located (the map view is then 404). */
export async function locatedBounds(versionId: number, versionRows: number): Promise<Bbox | null> {
  const bounds = (sample: string) =>
    tenantDb().rawQuery(`select min(lat) as south, min(lon) as west, max(lat) as north, max(lon) as east from opendata_public_rows ${sample} where version_id = ? and lat is not null`, [versionId])
  // a large version's box from the sampled pages (the map only starts there); a sample that met no located row falls back to every row
  let row = versionRows > mapSettings.exactGridRows ? (await bounds(`tablesample system (${samplePercent(versionRows)}) repeatable (1)`)).rows[0] : null
  if (row?.south === null || row?.south === undefined) row = (await bounds('')).rows[0]
  return row?.south === null || row?.south === undefined ? null : [Number(row.south), Number(row.west), Number(row.north), Number(row.east)]
}

/** Whether a version has any located row (one index probe). */
export async function isLocated(versionId: number) {
  const result = await tenantDb().rawQuery(`select 1 from opendata_public_rows where version_id = ? and lat is not null limit 1`, [versionId])
  return result.rows.length > 0
}

function popupFields(fields: StructureField[]) {
  return fields.filter((field) => !['latitude', 'longitude', 'geojson'].includes(field.type)).slice(0, POPUP_FIELDS)
}

/** The viewport's rows as a GeoJSON FeatureCollection: points, or grid cells with `count` past the point limit. */
export async function mapFeatures(versionId: number, versionRows: number, fields: StructureField[], bbox: Bbox, locale: string) {
  const [south, west, north, east] = bbox
  const inBox = `version_id = ? and lat is not null and lat between ? and ? and lon between ? and ?`
  const boxBindings = [versionId, south, north, west, east]
  const capped = Number(
    (await tenantDb().rawQuery(`select count(*) as total from (select 1 from opendata_public_rows where ${inBox} limit ?) as capped`, [...boxBindings, mapSettings.pointLimit + 1])).rows[0].total
  )
  if (capped <= mapSettings.pointLimit) {
    const shown = popupFields(fields)
    const rows = (await tenantDb().rawQuery(`select row_number, lat, lon, data from opendata_public_rows where ${inBox} order by row_number`, boxBindings)).rows
    return {
      type: 'FeatureCollection' as const,
      aggregated: false,
      approximate: false,
      features: rows.map((row: any) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [Number(row.lon), Number(row.lat)] },
        properties: {
          row: Number(row.row_number),
          fields: shown.map((field) => ({ label: (locale === 'en' ? field.descriptionEn : field.descriptionRu) || field.name, value: row.data[field.name] ?? '' })),
        },
      })),
    }
  }
  // a cell's size in degrees; a degenerate box (one point wide) still makes one cell
  const cellLat = Math.max((north - south) / mapSettings.gridSize, 1e-9)
  const cellLon = Math.max((east - west) / mapSettings.gridSize, 1e-9)
  const sampled = versionRows > mapSettings.exactGridRows
  const percent = sampled ? samplePercent(versionRows) : 100
  const cells = (
    await tenantDb().rawQuery(
      `select floor((lat - ?) / ?) as cell_y, floor((lon - ?) / ?) as cell_x, count(*) as total, avg(lat) as lat, avg(lon) as lon
         from opendata_public_rows ${sampled ? `tablesample system (${percent}) repeatable (1)` : ''} where ${inBox} group by 1, 2`,
      [south, cellLat, west, cellLon, ...boxBindings]
    )
  ).rows
  return {
    type: 'FeatureCollection' as const,
    aggregated: true,
    approximate: sampled,
    features: cells.map((cell: any) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [Number(Number(cell.lon).toFixed(6)), Number(Number(cell.lat).toFixed(6))] },
      properties: { count: Math.max(1, Math.round((Number(cell.total) * 100) / percent)) },
    })),
  }
}
