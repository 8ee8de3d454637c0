import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { regionToday } from '#core/region_time'
import type User from '#modules/identity/models/user'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { inTenant } from '#tests/helpers/tenants'
import type { ProblemsBlock, ProblemsPortal } from '#tests/helpers/problems'
import { VOLUNTEERS_LAW } from '#tests/helpers/lawmaking'

/** A day counted from today in the region, as a date input sends it (YYYY-MM-DD). */
export function dayFromToday(days: number) {
  return regionToday().plus({ days }).toISODate()!
}

/** The same day as the pages print it (ДД.ММ.ГГГГ). */
export function printedDay(days: number) {
  return regionToday().plus({ days }).toFormat('dd.MM.yyyy')
}

/** The draft form's fields as a department fills them in (a regional law on volunteering unless told otherwise). */
export function draftForm(departmentId: number, responsibleId: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'О поддержке добровольчества в Краснодарском крае',
    kind: 'law',
    level: 'regional',
    subjectArea: 'social',
    departmentId: String(departmentId),
    responsibleId: String(responsibleId),
    explanatoryNote: 'Закон закрепляет меры поддержки добровольцев.',
    text: VOLUNTEERS_LAW,
    ...overrides,
  }
}

/** The id at the end of a redirect's location (`/lawmaking/office/drafts/12`). */
export function idFromLocation(location: unknown) {
  return Number(String(location).split('?')[0].split('/').pop())
}

/** The portal's copy of a body's draft. */
export function publicCopy(portal: ProblemsPortal, block: ProblemsBlock, draftId: number) {
  return inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', block.tenant.slug).where('origin_draft_id', draftId).firstOrFail())
}

/**
 * A citizen remarks in the portal on the clause with this label of the
 * draft's current version (the core action, as the portal's form would).
 */
export async function remarkOn(
  portal: ProblemsPortal,
  block: ProblemsBlock,
  draftId: number,
  author: User,
  label: string,
  input: { text: string; proposedWording?: string; reason?: string; fragment?: string }
) {
  const copy = await publicCopy(portal, block, draftId)
  return inTenant(portal.tenant, async () => {
    const clause = await tenantDb()
      .from('lawmaking_public_clauses as c')
      .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
      .where('v.draft_id', copy.id)
      .where('v.number', copy.currentVersion)
      .where('c.label', label)
      .select('c.clause_key')
      .firstOrFail()
    return new SubmitRemark().handle(copy.id, { clauseKey: clause.clause_key, ...input }, author)
  })
}

/** The remarks a body received on one of its drafts, oldest first. */
export function receivedRemarks(block: ProblemsBlock, draftId: number) {
  return inTenant(block.tenant, () => ReceivedRemark.query().where('draft_id', draftId).orderBy('id'))
}

export { DateTime }
