import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { csvLine } from '#core/uploads/csv_cell'
import { cachedFigures } from '#modules/staffing/services/figures_cache'

export interface PublicStructureRow {
  department_code: string
  department_ru: string
  department_en: string
  position: string
  approved_fte: number
  vacancies: number
}

/** Columns of the open dataset, in order (the structure file of the passport). */
export const PUBLIC_FIELDS = ['department_code', 'department_ru', 'department_en', 'position', 'approved_fte', 'vacancies'] as const

/**
 * The published staffing structure: per department and position title in
 * force today, the approved FTE and the vacant FTE. No people, no dates of
 * anyone's appointment — nothing personal leaves the office.
 */
export async function publicStructure(today = DateTime.now()): Promise<PublicStructureRow[]> {
  const day = today.toISODate()!
  return cachedFigures(`public:${day}`, async () => (await tenantDb().rawQuery(
    `select d.code as department_code, d.name_ru as department_ru, d.name_en as department_en, p.title as position,
            sum(p.approved_fte)::float8 as approved_fte, sum(greatest(p.approved_fte - p.actual_fte, 0))::float8 as vacancies
       from staffing_positions p
       join departments d on d.id = p.department_id and d.is_active
      where p.effective_from <= ? and (p.effective_to is null or p.effective_to >= ?)
      group by d.id, p.title
      order by d.name_ru, p.title`,
    [day, day]
  )).rows as PublicStructureRow[])
}

/** The dataset as CSV; titles a department typed cannot act as formulas in a spreadsheet. */
export function structureCsv(rows: PublicStructureRow[]) {
  return [PUBLIC_FIELDS.join(','), ...rows.map((row) => csvLine(PUBLIC_FIELDS.map((field) => row[field])))].join('\r\n') + '\r\n'
}
