import { DateTime } from 'luxon'
import type { PersonalDataPart } from '#modules/social/profiles/personal_data'
import { tenantDb } from '#tenancy/tenant_model'
import { publishExpertRegistry } from '#modules/lawmaking/services/expert_registry'
import { deleteAvatar } from '#modules/social/profiles/services/avatars'

/**
 * The profiles area's part of a user's data: the profile and privacy
 * settings, follows (theirs, and who follows them), organisation memberships
 * and applications.
 */
const parts: PersonalDataPart[] = [
  {
    name: 'profile',
    async export(userId) {
      const row = await tenantDb().from('social_profiles').where('user_id', userId).first()
      const expert = await tenantDb().from('lawmaking_expert_profiles').where('user_id', userId).select('public_name', 'organisation', 'credentials', 'fields', 'status').first()
      return {
        displayName: row?.display_name ?? null,
        about: row?.about ?? null,
        hasAvatar: !!row?.avatar_key,
        municipalityCode: row?.municipality_code ?? null,
        interests: row?.interests ?? [],
        privacy: {
          messagePolicy: row?.message_policy ?? 'everyone',
          municipalityVisibility: row?.municipality_visibility ?? 'everyone',
          emailDigest: row?.email_digest ?? true,
        },
        hiddenByModerator: !!row?.hidden_at,
        createdAt: row?.created_at ?? null,
        expertApplication: expert ? { publicName: expert.public_name, organisation: expert.organisation, credentials: expert.credentials, fields: expert.fields, status: expert.status } : null,
      }
    },
    async forget(userId, trx) {
      const row = await trx.from('social_profiles').where('user_id', userId).forUpdate().first()
      const now = DateTime.now().toJSDate()
      const blank = { display_name: '—', about: null, avatar_key: null, municipality_code: null, interests: [], email_digest: false, deleted_at: now, updated_at: now }
      if (row) await trx.from('social_profiles').where('user_id', userId).update(blank)
      else await trx.insertQuery().table('social_profiles').insert({ user_id: userId, ...blank, created_at: now })
      if (row?.avatar_key) trx.after('commit', () => deleteAvatar(row.avatar_key))
      // the citizen registration's name is this profile's default: it must not outlive the account either
      await trx.from('problem_citizens').where('user_id', userId).update({ display_name: '—' })
      // a deleted account leaves the pool of experts the bodies invite from
      const expert = await trx.from('lawmaking_expert_profiles').where('user_id', userId).first()
      if (expert) {
        await trx.from('lawmaking_expert_profiles').where('user_id', userId).update({ status: 'rejected', review_reason: 'account deleted', public_name: '—', organisation: '—', credentials: '—' })
        if (expert.status === 'verified') await publishExpertRegistry(trx)
      }
    },
  },
  {
    name: 'follows',
    async export(userId) {
      const rows = await tenantDb().from('social_follows').where('follower_id', userId).orderBy('created_at').select('target_type', 'target_key', 'created_at')
      const [followers] = await tenantDb().from('social_follows').where({ target_type: 'user', target_key: String(userId) }).count('* as total')
      return { following: rows.map((row) => ({ type: row.target_type, key: row.target_key, since: row.created_at })), followersCount: Number(followers.total) }
    },
    async forget(userId, trx) {
      await trx.from('social_follows').where('follower_id', userId).delete()
      await trx.from('social_follows').where({ target_type: 'user', target_key: String(userId) }).delete()
    },
  },
  {
    name: 'organisations',
    async export(userId) {
      const memberships = await tenantDb()
        .from('social_organisation_members as m')
        .join('social_organisations as g', 'g.id', 'm.organisation_id')
        .where('m.user_id', userId)
        .select('g.id', 'g.name', 'm.role', 'm.accepted_at', 'm.created_at')
      const applications = await tenantDb().from('social_organisations').where('applicant_id', userId).select('id', 'name', 'status', 'created_at')
      return {
        memberships: memberships.map((row) => ({ organisationId: row.id, name: row.name, role: row.role, accepted: !!row.accepted_at, since: row.created_at })),
        applications: applications.map((row) => ({ organisationId: row.id, name: row.name, status: row.status, submittedAt: row.created_at })),
      }
    },
    async forget(userId, trx) {
      // the organisations stay (others are members, people follow them); the person leaves them
      await trx.from('social_organisation_members').where('user_id', userId).delete()
      await trx.from('social_organisations').where('applicant_id', userId).update({ applicant_id: null })
    },
  },
]

export default parts
