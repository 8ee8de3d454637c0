import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { regionTodayIso } from '#core/region_time'
import type User from '#modules/identity/models/user'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import Remark from '#modules/lawmaking/models/remark'
import { notifyPeople } from '#modules/lawmaking/services/notify'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

export interface RemarkInput {
  clauseKey: string
  text: string
  fragment?: string | null
  proposedWording?: string | null
  reason?: string | null
  /** A reply to another remark (discussion only: replies are not sent to the developer). */
  parentId?: number | null
}

/**
 * Why a draft takes no remarks on `today` (the period ended on …, or opens
 * on …), or null while it is open: a remark then is refused with 409.
 */
export function remarksRefusal(draft: PublicDraft, today: string, t: Translate = untranslated) {
  if (draft.isOpenForRemarks(today)) return null
  return draft.consultationStartsOn && draft.consultationStartsOn.toISODate()! > today
    ? t('lawmaking.errors.not_yet_open', { startsOn: draft.consultationStartsOn.toFormat('dd.LL.yyyy') })
    : t('lawmaking.errors.closed', { endsOn: draft.consultationEndsOn?.toFormat('dd.LL.yyyy') ?? '—' })
}

/**
 * A citizen remarks on a clause of the current version while the draft is
 * open for remarks (the consultation period, both ends counted, in the
 * region's calendar), or replies to a remark. A remark goes to the
 * developer's body over the bus in the same transaction; a reply stays in
 * the portal and tells the remark's author.
 */
export class SubmitRemark {
  async handle(draftId: number, input: RemarkInput, author: User, t: Translate = untranslated) {
    const profile = await CitizenProfile.find(author.id)
    return tenantDb().transaction(async (trx) => {
      const draft = await PublicDraft.query({ client: trx }).where('id', draftId).forUpdate().firstOrFail()
      const today = regionTodayIso()
      const refusal = remarksRefusal(draft, today, t)
      if (refusal) throw new errors.E_FORBIDDEN_TRANSITION(refusal)
      const clause = await trx
        .from('lawmaking_public_clauses as c')
        .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
        .where('v.draft_id', draft.id)
        .where('v.number', draft.currentVersion)
        .where('c.clause_key', input.clauseKey)
        .select('c.text')
        .first()
      if (!clause) throw new errors.E_NOT_FOUND(`No clause ${input.clauseKey} in the current version`)
      const fragment = input.fragment?.trim() || null
      if (fragment && !clause.text.includes(fragment)) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'fragment', rule: 'lawmaking.fragment', message: t('lawmaking.errors.fragment') }])
      }
      let parent: Remark | null = null
      if (input.parentId) {
        parent = await Remark.query({ client: trx }).where('id', input.parentId).where('draft_id', draft.id).whereNull('hidden_at').first()
        if (!parent) throw new errors.E_NOT_FOUND(`No remark ${input.parentId} on this draft`)
      }
      const remark = await Remark.create(
        {
          draftId: draft.id,
          versionNumber: draft.currentVersion,
          clauseKey: parent ? parent.clauseKey : input.clauseKey,
          parentId: parent?.id ?? null,
          authorId: author.id,
          fragment: parent ? null : fragment,
          text: input.text.trim(),
          proposedWording: parent ? null : input.proposedWording?.trim() || null,
          reason: parent ? null : input.reason?.trim() || null,
          supportCount: 0,
        },
        { client: trx }
      )
      if (parent) {
        if (parent.authorId !== author.id) {
          await notifyPeople(trx, [parent.authorId], 'lawmaking.remark_replied', `/lawmaking/drafts/${draft.id}/clauses/${parent.clauseKey}#remark-${parent.id}`, { title: draft.title })
        }
        return remark
      }
      draft.remarksCount += 1
      await draft.useTransaction(trx).save()
      await bus.send(trx, {
        to: draft.originTenant,
        type: 'lawmaking.remark_submitted',
        payload: {
          draftId: draft.originDraftId,
          remarkId: remark.id,
          versionNumber: remark.versionNumber,
          clauseKey: remark.clauseKey,
          fragment: remark.fragment,
          text: remark.text,
          proposedWording: remark.proposedWording,
          reason: remark.reason,
          authorName: profile?.displayName ?? author.fullName,
          submittedAt: (remark.createdAt ?? DateTime.now()).toISO()!,
        },
      })
      return remark
    })
  }
}
