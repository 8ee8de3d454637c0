import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { PUBLIC_FIELDS, publicStructure, structureCsv } from '#modules/staffing/services/public_structure'

/**
 * The published staffing structure of the office: a public page and the
 * open dataset (JSON, CSV) for the open-data portal. No sign-in; nothing
 * personal: departments, position titles, approved FTE and vacancies.
 */
export default class PublicStaffingController {
  async page({ view }: HttpContext) {
    const rows = await publicStructure()
    const departments = new Map<string, typeof rows>()
    for (const row of rows) departments.set(row.department_code, [...(departments.get(row.department_code) ?? []), row])
    return view.render('pages/staffing/public', { departments: [...departments.values()], asOf: DateTime.now() })
  }

  async csv({ response, tenant }: HttpContext) {
    const rows = await publicStructure()
    this.#openDataHeaders(response)
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `inline; filename="staffing-${tenant.slug}.csv"`)
    return structureCsv(rows)
  }

  #openDataHeaders(response: HttpContext['response']) {
    response.header('cache-control', 'public, max-age=300')
    response.header('access-control-allow-origin', '*')
  }

  async json({ response, tenant }: HttpContext) {
    const rows = await publicStructure()
    this.#openDataHeaders(response)
    return response.json({
      dataset: `staffing-structure-${tenant.slug}`,
      publisher: tenant.name('ru'),
      modified: DateTime.now().toISODate(),
      fields: PUBLIC_FIELDS,
      rows,
    })
  }
}
