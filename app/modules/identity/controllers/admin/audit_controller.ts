import type { HttpContext } from '@adonisjs/core/http'
import AuditEntry from '#modules/identity/models/audit_entry'
import AuditPolicy from '#modules/identity/policies/audit_policy'

const PAGE_SIZE = 50

/**
 * The tenant's audit log, newest first.
 */
export default class AuditController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(AuditPolicy).authorize('view')
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const entries = await AuditEntry.query().orderBy('id', 'desc').paginate(page, PAGE_SIZE)
    entries.baseUrl('/admin/audit')
    return view.render('pages/admin/audit', { entries })
  }
}
