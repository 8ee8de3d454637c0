import type { ApiClient } from '@japa/api-client'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import Department from '#modules/identity/models/department'
import User from '#modules/identity/models/user'
import { SavePosition, type PositionInput } from '#modules/staffing/actions/save_position'
import { AddStaff, type StaffInput } from '#modules/staffing/actions/add_staff'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, SESSION_COOKIE } from '#tests/helpers/http'
import type { Role } from '#modules/identity/roles'

/**
 * A block with three departments (health, roads, finance) and the people the
 * staffing pages distinguish: an admin, the head, the health department's
 * head and an executor, and the roads department's head.
 */
export async function staffingOffice(slug: string) {
  const tenant = await ensureTenant(slug)
  const [health, roads, finance] = await inTenant(tenant, async () => [
    await Department.firstOrCreate({ code: 'health' }, { nameRu: 'Минздрав', nameEn: 'Health', isActive: true }),
    await Department.firstOrCreate({ code: 'roads' }, { nameRu: 'Дороги', nameEn: 'Roads', isActive: true }),
    await Department.firstOrCreate({ code: 'finance' }, { nameRu: 'Минфин', nameEn: 'Finance', isActive: true }),
  ])
  const person = async (role: Role, name: string, departmentId: number | null) => {
    const user = await ensureUser(tenant, role, `${name}@${slug.replace(/_/g, '-')}.test`)
    if (user.departmentId !== departmentId) {
      await inTenant(tenant, async () => {
        const fresh = await User.findOrFail(user.id)
        fresh.departmentId = departmentId
        await fresh.save()
      })
      user.departmentId = departmentId
    }
    return user
  }
  return {
    tenant,
    host: hostOf(tenant),
    departments: { health, roads, finance },
    admin: await person('admin', 'admin', null),
    head: await person('head', 'head', null),
    healthHead: await person('department_head', 'health-head', health.id),
    healthExecutor: await person('executor', 'health-executor', health.id),
    roadsHead: await person('department_head', 'roads-head', roads.id),
  }
}

export type StaffingOffice = Awaited<ReturnType<typeof staffingOffice>>

export function inStaffing<T>(office: { tenant: StaffingOffice['tenant'] }, callback: () => Promise<T>) {
  return inTenant(office.tenant, callback)
}

export const daysAgo = (days: number) => DateTime.now().minus({ days }).startOf('day').toJSDate()

/** A position with staff, through the same actions the pages use. */
export async function seedPosition(office: StaffingOffice, departmentId: number, position: Partial<PositionInput> & { title: string }, staff: StaffInput[] = []) {
  return inStaffing(office, async () => {
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
