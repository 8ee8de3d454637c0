import type { ApiClient } from '@japa/api-client'
import User from '#modules/identity/models/user'
import AuditEntry from '#modules/identity/models/audit_entry'
import Remark from '#modules/lawmaking/models/remark'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import type { Browser } from 'playwright'
import { inTenant } from '#tests/helpers/tenants'
import { personIn } from '#tests/helpers/lawmaking_browser'
import { tenantDb } from '#tenancy/tenant_model'
import { postJson } from '#tests/helpers/http'
import { openPortalDraft } from '#tests/helpers/lawmaking_portal'
import type { ProblemsBlock, ProblemsPortal } from '#tests/helpers/problems'

/**
 * The moderation area's tests use real content: citizens' remarks on a
 * published draft, moderated as the 'lawmaking.remark' kind.
 */
export async function remarkOn(portal: ProblemsPortal, block: ProblemsBlock, title: string, author: { id: number }, text: string) {
  const draft = await openPortalDraft(portal, block, { title })
  const remark = await inTenant(portal.tenant, async () =>
    new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text }, await User.findOrFail(author.id))
  )
  return { draft, remark }
}

/** Another remark on the same clause. */
export function anotherRemark(portal: ProblemsPortal, draft: { id: number; article1: string }, author: { id: number }, text: string) {
  return inTenant(portal.tenant, async () => new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text }, await User.findOrFail(author.id)))
}

/** Flags a remark through the one flag endpoint, asking for JSON (201, 409, 404, 422…). */
export function flagRemark(client: ApiClient, portal: ProblemsPortal, session: string, page: string, remarkId: number, reason = 'spam', note?: string) {
  return postJson(client, portal.host, session, page, '/moderation/flags', { kind: 'lawmaking.remark', id: String(remarkId), reason, ...(note ? { note } : {}) })
}

export const remarkNow = (portal: ProblemsPortal, id: number) => inTenant(portal.tenant, () => Remark.findOrFail(id))

/** The moderation case of a remark, as stored. */
export function caseOf(portal: ProblemsPortal, remarkId: number) {
  return inTenant(portal.tenant, () => tenantDb().from('social_moderation_cases').where({ kind: 'lawmaking.remark', item_id: remarkId }).first())
}

/** A user's notifications of a kind. */
export function notificationsOf(portal: ProblemsPortal, userId: number, kind: string) {
  return inTenant(portal.tenant, () => tenantDb().from('notifications').where({ user_id: userId, kind }).orderBy('id'))
}

/** Audit entries of an action. */
export function auditsOf(portal: ProblemsPortal, action: string) {
  return inTenant(portal.tenant, () => AuditEntry.query().where('action', action).orderBy('id'))
}

/** Like personIn, in a context that lets the axe audit script in (the pages' CSP rightly forbids inline scripts). */
export function auditedPersonIn(browser: Browser, host: string, email: string, consoleErrors: string[]) {
  return personIn(browser, host, email, consoleErrors, { bypassCSP: true })
}
