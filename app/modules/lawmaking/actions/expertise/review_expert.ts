import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import { notifyUsers } from '#modules/notifications/services/notify'
import ExpertProfile, { type ExpertField } from '#modules/lawmaking/models/expert_profile'
import { publishExpertRegistry } from '#modules/lawmaking/services/expert_registry'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

export interface ExpertApplication {
  publicName: string
  organisation: string
  credentials: string
  fields: ExpertField[]
}

/**
 * A portal user applies to be an expert, or changes the application. Any
 * change needs a moderator's look again: a verified expert who edits the
 * profile leaves the registry until verified anew (the bodies learn it).
 */
export async function applyAsExpert(user: User, input: ExpertApplication, actor: Actor) {
  const profile = await tenantDb().transaction(async (trx) => {
    const found = await ExpertProfile.query({ client: trx }).where('user_id', user.id).forUpdate().first()
    const wasVerified = found?.status === 'verified'
    const fields = { ...input, fields: [...new Set(input.fields)], status: 'pending' as const, reviewReason: null, reviewedBy: null, reviewedAt: null }
    const saved = found ? await found.merge(fields).useTransaction(trx).save() : await ExpertProfile.create({ userId: user.id, ...fields }, { client: trx })
    if (wasVerified) await publishExpertRegistry(trx)
    return saved
  })
  await recordAudit(actor, 'lawmaking.expert_applied', { type: 'lawmaking_expert', id: profile.id })
  return profile
}

/**
 * A moderator verifies an expert profile (the citizen becomes an expert)
 * or rejects it with a reason; either way the bodies get the registry as
 * it is now when it changed. Audited; the applicant is told.
 */
export async function reviewExpert(profileId: number, verdict: 'verify' | 'reject', reason: string | null, moderator: User, actor: Actor, t: Translate = untranslated) {
  if (verdict === 'reject' && !reason?.trim()) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: 'reason', rule: 'required', message: t('lawmaking_expertise.errors.reason_required') }])
  }
  const profile = await tenantDb().transaction(async (trx) => {
    const found = await ExpertProfile.query({ client: trx }).where('id', profileId).forUpdate().firstOrFail()
    const wasVerified = found.status === 'verified'
    found.merge({ status: verdict === 'verify' ? 'verified' : 'rejected', reviewReason: reason?.trim() || null, reviewedBy: moderator.id, reviewedAt: DateTime.now() })
    await found.useTransaction(trx).save()
    // a citizen becomes an expert, an expert who is no longer one a citizen again (other roles stay)
    await trx
      .from('users')
      .where('id', found.userId)
      .where('role', verdict === 'verify' ? 'citizen' : 'expert')
      .update({ role: verdict === 'verify' ? 'expert' : 'citizen' })
    if (wasVerified !== (verdict === 'verify')) await publishExpertRegistry(trx)
    await notifyUsers(trx, [found.userId], verdict === 'verify' ? 'lawmaking.expert_verified' : 'lawmaking.expert_rejected', '/lawmaking/expert-profile', { reason: found.reviewReason ?? '' })
    return found
  })
  await recordAudit(actor, verdict === 'verify' ? 'lawmaking.expert_verified' : 'lawmaking.expert_rejected', { type: 'lawmaking_expert', id: profile.id }, { reason: profile.reviewReason })
  return profile
}
