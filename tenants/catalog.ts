import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { slugFromCode, type TenantKind } from '#tenancy/naming'

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
  /** A municipality's code in municipalities.csv (its tenant's slug is derived from it). */
  municipality?: string
  /** Demo accounts and demo content are made only for tenants that have this (all but most municipalities). */
  demo: boolean
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
  /** The region's own tenants (government.json), then one per municipality. */
  tenants: CatalogTenant[]
  municipalities: CatalogMunicipality[]
}

interface MunicipalAdministration {
  departments: CatalogDepartment[]
  demo?: string[]
}

/** One tenant per municipality, each with the default departments of a municipal administration. */
function municipalTenants(municipalities: CatalogMunicipality[], administration: MunicipalAdministration | undefined): CatalogTenant[] {
  if (!administration) return []
  const demo = new Set(administration.demo ?? [])
  return municipalities.map((municipality) => ({
    slug: slugFromCode(municipality.code),
    kind: 'municipality',
    name_ru: `Администрация МО ${municipality.name_ru}`,
    name_en: `${municipality.name_en} administration`,
    departments: administration.departments,
    municipality: municipality.code,
    demo: demo.has(municipality.code),
  }))
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
  const own: CatalogTenant[] = government.tenants.map((tenant: Omit<CatalogTenant, 'demo'>) => ({ ...tenant, demo: true }))
  return {
    region: government.region,
    tenants: [...own, ...municipalTenants(municipalities, government.municipal_administration)],
    municipalities,
  }
}
