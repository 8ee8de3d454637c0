import { tenantDb } from '#tenancy/tenant_model'

/** One person's row in an organisation (accepted or invited), or undefined. */
export async function membershipOf(organisationId: number, userId: number) {
  return tenantDb().from('social_organisation_members').where({ organisation_id: organisationId, user_id: userId }).first()
}

/** The members (accepted) and, for owners, the pending invitations. */
export async function membersOf(organisationId: number) {
  return tenantDb()
    .from('social_organisation_members')
    .where('organisation_id', organisationId)
    .orderByRaw(`case role when 'owner' then 0 when 'editor' then 1 else 2 end`)
    .orderBy('created_at')
    .limit(500)
    .select('user_id', 'role', 'accepted_at')
}
