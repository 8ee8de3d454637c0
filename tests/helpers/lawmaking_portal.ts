import type { ApiClient } from '@japa/api-client'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import type { DraftInput } from '#modules/lawmaking/actions/save_draft'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import { inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { VOLUNTEERS_LAW, publishedDraft } from '#tests/helpers/lawmaking'

/** The portal's copy of a body's draft (what the bus brought). */
export function publicCopy(portal: ProblemsPortal, block: ProblemsBlock, draftId: number) {
  return inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', block.tenant.slug).where('origin_draft_id', draftId).firstOrFail())
}

/** The key of the clause labelled so in the newest version of a published draft. */
export function clauseKeyOf(portal: ProblemsPortal, publicDraftId: number, label: string) {
  return inTenant(portal.tenant, async () => {
    const row = await tenantDb()
      .from('lawmaking_public_clauses as c')
      .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
      .where('v.draft_id', publicDraftId)
      .where('c.label', label)
      .orderBy('v.number', 'desc')
      .select('c.clause_key')
      .firstOrFail()
    return row.clause_key as string
  })
}

/** A draft of the roads department with these facts, saved and (unless `publish` is false) published for 15 days from today. */
export function draftOf(block: ProblemsBlock, facts: Partial<DraftInput>, publish = true) {
  return inTenant(block.tenant, async () => {
    const draft = await new SaveDraft().handle(
      {
        title: 'О проекте',
        kind: 'law',
        level: 'regional',
        subjectArea: 'social',
        departmentId: block.departments.roads.id,
        responsibleId: block.roadsHead.id,
        explanatoryNote: 'Пояснительная записка.',
        text: VOLUNTEERS_LAW,
        ...facts,
      },
      block.roadsHead,
      systemActor('test')
    )
    if (publish) {
      const today = regionToday()
      await new PublishVersion().handle(draft.id, { consultationStartsOn: today, consultationEndsOn: today.plus({ days: 14 }) }, block.roadsHead, systemActor('test'))
    }
    return draft.id
  })
}

/**
 * A draft of the roads department with these facts (a title at least),
 * published for 15 days from today and brought to the portal: the body's
 * and the portal's ids, the key of «Статья 1» and that clause's page.
 */
export async function openPortalDraft(portal: ProblemsPortal, block: ProblemsBlock, facts: Partial<DraftInput>) {
  const draftId = await draftOf(block, facts)
  await pump([portal.tenant, block.tenant])
  const copy = await publicCopy(portal, block, draftId)
  const article1 = await clauseKeyOf(portal, copy.id, 'Статья 1')
  return { draftId, id: copy.id, article1, page: `/lawmaking/drafts/${copy.id}/clauses/${article1}` }
}

/** GET on the portal's host, in a session when given. */
export function portalGet(client: ApiClient, portal: ProblemsPortal, path: string, session?: string) {
  const request = client.get(path).header('host', portal.host)
  return session ? request.withCookie(SESSION_COOKIE, session) : request
}

export interface PublishedPortalDraft {
  /** The portal's id of the draft. */
  id: number
  /** The body's id of the draft. */
  originId: number
  /** The key of «Статья 1». */
  article1: string
}

/** A draft of the block published for 15 days from today and brought to the portal by the bus. */
export async function publishedPortalDraft(portal: ProblemsPortal, block: ProblemsBlock): Promise<PublishedPortalDraft> {
  const originId = await publishedDraft(block)
  await pump([portal.tenant, block.tenant])
  const copy = await publicCopy(portal, block, originId)
  return { id: copy.id, originId, article1: await clauseKeyOf(portal, copy.id, 'Статья 1') }
}
