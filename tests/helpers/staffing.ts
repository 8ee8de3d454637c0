import type { ApiClient } from '@japa/api-client'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { SavePosition, type PositionInput } from '#modules/staffing/actions/save_position'
import { AddStaff, type StaffInput } from '#modules/staffing/actions/add_staff'
import { blockOffice, inOffice } from '#tests/helpers/tenants'
import { csrfTokenFrom, SESSION_COOKIE } from '#tests/helpers/http'

/**
 * A block with three departments (health, roads, finance) and the people the
 * staffing pages distinguish: an admin, the head, the health department's
 * head and an executor, and the roads department's head.
 */
export function staffingOffice(slug: string) {
  return blockOffice(
    slug,
    {
      health: { nameRu: 'Минздрав', nameEn: 'Health' },
      roads: { nameRu: 'Дороги', nameEn: 'Roads' },
      finance: { nameRu: 'Минфин', nameEn: 'Finance' },
    },
    {
      admin: { role: 'admin' },
      head: { role: 'head' },
      healthHead: { role: 'department_head', department: 'health' },
      healthExecutor: { role: 'executor', department: 'health' },
      roadsHead: { role: 'department_head', department: 'roads' },
    }
  )
}

export type StaffingOffice = Awaited<ReturnType<typeof staffingOffice>>


export const daysAgo = (days: number) => DateTime.now().minus({ days }).startOf('day').toJSDate()

/** A position with staff, through the same actions the pages use. */
export async function seedPosition(office: StaffingOffice, departmentId: number, position: Partial<PositionInput> & { title: string }, staff: StaffInput[] = []) {
  return inOffice(office, async () => {
    const saved = await new SavePosition().handle(departmentId, { approvedFte: 1, effectiveFrom: daysAgo(400), ...position }, null)
    for (const entry of staff) await new AddStaff().handle(saved, entry, null)
    return saved
  })
}

/** An XLSX file of one sheet from rows (the first is the header). */
export async function xlsxFile(rows: (string | number | Date | null)[][]) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Лист1')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Posts the import form with a file, like a browser (the page's CSRF token, same session). */
export async function postImport(
  client: ApiClient,
  host: string,
  session: string,
  file: { buffer: Buffer; name: string },
  fields: Record<string, string>
) {
  const page = await client.get('/staffing/import').header('host', host).withCookie(SESSION_COOKIE, session)
  let request = client
    .post('/staffing/import')
    .header('host', host)
    .header('referer', `http://${host}/staffing/import`)
    .withCookie(SESSION_COOKIE, session)
    .field('_csrf', csrfTokenFrom(page.text()))
    .redirects(0)
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value)
  return request.file('file', file.buffer, { filename: file.name })
}
