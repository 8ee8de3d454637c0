import type { DateTime } from 'luxon'
import type { TenantKind } from '#tenancy/naming'
import type { Frequency, Subject } from '#modules/opendata/models/passport_columns'
import type { StructureField } from '#modules/opendata/services/structure'

/**
 * A dataset a module generates from the tenant's own tables: its fixed
 * name (the second half of the identifier), its passport, the tenant kinds
 * it applies to, its structure and its rows. `rows` reads only the current
 * tenant's schema (tenantDb()) and returns values already normalized for
 * their field's type (decimals with a point, dates YYYY-MM-DD) — no column
 * is personal: counts, titles of units and positions, never people.
 */
export interface Generator {
  name: string
  kinds: readonly TenantKind[]
  passport: {
    titleRu: string
    titleEn: string
    descriptionRu: string
    descriptionEn: string
    subject: Subject
    keywords: string
    licence: 'cc-by-4.0'
    frequency: Frequency
    provenance: string
  }
  fields: StructureField[]
  rows(today: DateTime): Promise<string[][]>
}

/** A field of a generated structure (never personal). */
export function field(name: string, type: StructureField['type'], descriptionRu: string, descriptionEn: string): StructureField {
  return { name, type, descriptionRu, descriptionEn }
}

/** A database value as the normalized text of the open-data file ('' for null). */
export function text(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

/** A numeric value (pg returns numerics as strings) as a decimal with a point and no trailing zeros. */
export function decimal(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  return String(Number(value))
}
