import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TenantKind } from '#tenancy/naming'

/**
 * The region catalog: tenants with their departments (government.json) and the
 * region's municipalities (municipalities.csv). The demo region ships in
 * tenants/catalog; another region is a directory with the same two files.
 */

export interface CatalogDepartment {
  code: string
  name_ru: string
  name_en: string
}

export interface CatalogTenant {
  slug: string
  kind: TenantKind
  name_ru: string
  name_en: string
  hosts?: string[]
  departments: CatalogDepartment[]
}

export interface CatalogMunicipality {
  code: string
  kind: string
  name_ru: string
  name_en: string
  admin_center_ru: string
  admin_center_en: string
  lat: number
  lon: number
}

export interface RegionCatalog {
  region: { code: string; name_ru: string; name_en: string }
  tenants: CatalogTenant[]
  municipalities: CatalogMunicipality[]
}

export const DEMO_CATALOG_PATH = fileURLToPath(new URL('./catalog', import.meta.url))

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split(/\r?\n/)
  const columns = header.split(',')
  return rows.map((row) => {
    const cells = row.split(',')
    return Object.fromEntries(columns.map((column, index) => [column, cells[index]?.trim() ?? '']))
  })
}

export async function loadCatalog(directory: string = DEMO_CATALOG_PATH): Promise<RegionCatalog> {
  const government = JSON.parse(await readFile(join(directory, 'government.json'), 'utf8'))
  const csv = await readFile(join(directory, 'municipalities.csv'), 'utf8')
  const municipalities = parseCsv(csv).map((row) => ({
    code: row.code,
    kind: row.kind,
    name_ru: row.name_ru,
    name_en: row.name_en,
    admin_center_ru: row.admin_center_ru,
    admin_center_en: row.admin_center_en,
    lat: Number(row.lat),
    lon: Number(row.lon),
  }))
  return { region: government.region, tenants: government.tenants, municipalities }
}
