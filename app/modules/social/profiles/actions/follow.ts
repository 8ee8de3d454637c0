import { tenantDb } from '#tenancy/tenant_model'
import Municipality from '#modules/identity/models/municipality'
import { isSubjectCode } from '#modules/social/subjects'
import { refusal, type Translate } from '#modules/priorities/services/refusal'
import { personById } from '#modules/social/profiles/services/people'

export type FollowTarget = { targetType: 'user' | 'organisation' | 'subject' | 'municipality'; targetKey: string }

/** Whether the target exists and may be followed by this user (not themself, not a deleted account, a verified organisation). */
async function followable(followerId: number, { targetType, targetKey }: FollowTarget) {
  if (targetType === 'subject') return isSubjectCode(targetKey)
  if (targetType === 'municipality') return !!(await Municipality.findBy('code', targetKey))
  if (!/^\d{1,10}$/.test(targetKey)) return false
  if (targetType === 'organisation') return !!(await tenantDb().from('social_organisations').where({ id: Number(targetKey), status: 'verified' }).first())
  if (Number(targetKey) === followerId) return false
  const person = await personById(Number(targetKey))
  return !!person && !person.deleted
}

/** Follows a person, an organisation, a subject area or a municipality (again is no change). */
export async function follow(followerId: number, target: FollowTarget, t: Translate) {
  if (!(await followable(followerId, target))) throw refusal('targetKey', 'exists', t('social_profiles.errors.unknown_target'))
  await tenantDb()
    .insertQuery()
    .table('social_follows')
    .insert({ follower_id: followerId, target_type: target.targetType, target_key: target.targetKey, created_at: new Date() })
    .onConflict(['follower_id', 'target_type', 'target_key'])
    .ignore()
}

export async function unfollow(followerId: number, target: FollowTarget) {
  await tenantDb().from('social_follows').where({ follower_id: followerId, target_type: target.targetType, target_key: target.targetKey }).delete()
}
