import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { SaveCase, type CaseInput } from '#modules/lawsuits/actions/save_case'
import { systemActor } from '#core/audit'
import { blockOffice, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, csrfTokenFrom } from '#tests/helpers/http'

/**
 * A block with the people a court case passes through: the head, a lawyer
 * of the legal department, a health department head and executor (whose
 * department's cases they see) and an executor of finance (sees none).
 */
export function lawsuitsOffice(slug: string) {
  return blockOffice(
    slug,
    {
      legal: { nameRu: 'Правовое управление', nameEn: 'Legal' },
      health: { nameRu: 'Минздрав', nameEn: 'Health' },
      finance: { nameRu: 'Минфин', nameEn: 'Finance' },
    },
    {
      head: { role: 'head' },
      lawyer: { role: 'lawyer', department: 'legal' },
      healthHead: { role: 'department_head', department: 'health' },
      healthExecutor: { role: 'executor', department: 'health' },
      outsider: { role: 'executor', department: 'finance' },
    }
  )
}

export type LawsuitsOffice = Awaited<ReturnType<typeof lawsuitsOffice>>


/** A case written directly (for figures and fixtures), through the same action the form uses. */
export function createCase(office: LawsuitsOffice, input: Partial<CaseInput> & { number: string }, decidedOn?: string) {
  return inTenant(office.tenant, () =>
    tenantDb().transaction((trx) =>
      new SaveCase().handle(
        trx,
        {
          court: 'Арбитражный суд Краснодарского края',
          instance: 'first',
          category: 'contract',
          ourRole: 'defendant',
          claimedAmount: 0,
          departmentId: office.departments.health.id,
          lawyerId: office.lawyer.id,
          ...input,
          decidedOn: decidedOn ? DateTime.fromISO(decidedOn).toJSDate() : input.decidedOn,
        },
        systemActor('test')
      )
    )
  )
}

/**
 * Posts a multipart form from a page like a browser: the page's CSRF token,
 * the session, and a file; follows the redirect on the same host.
 */
export async function submitFile(
  client: ApiClient,
  host: string,
  session: string,
  pagePath: string,
  action: string,
  fields: Record<string, string>,
  file: { field: string; content: Buffer; filename: string; contentType?: string }
) {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, session)
  let request = client
    .post(action)
    .header('host', host)
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, session)
    .field('_csrf', csrfTokenFrom(page.text()))
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value)
  const response = await request.file(file.field, file.content, { filename: file.filename, contentType: file.contentType }).redirects(0)
  const location = response.header('location')
  if (response.status() !== 302 || !location) return response
  return client.get(location.replace(/^https?:\/\/[^/]+/, '')).header('host', host).withCookie(SESSION_COOKIE, response.cookie(SESSION_COOKIE)?.value ?? session)
}
