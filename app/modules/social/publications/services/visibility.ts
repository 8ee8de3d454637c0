import type User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'

/** Portal moderators and admins see (and decide on) everything users publish. */
export function isModerator(user: User | null | undefined) {
  return !!user?.hasRole('moderator', 'admin')
}

/** Whether the user moderates this community (experts appointed to it). */
export async function moderatesCommunity(user: User | null | undefined, communityId: number | null) {
  if (!user || communityId === null) return false
  return !!(await tenantDb().from('social_community_moderators').where({ community_id: communityId, user_id: user.id }).first())
}

/**
 * Whether the viewer may see a piece of content: everyone while it is not
 * hidden; once hidden, its author, the moderators and (for a community's
 * posts) that community's moderators. Everybody else gets a 404.
 */
export async function maySee(user: User | null | undefined, item: { hiddenAt: unknown; authorId: number | null; communityId?: number | null }) {
  if (!item.hiddenAt) return true
  if (!user) return false
  if (item.authorId === user.id || isModerator(user)) return true
  return moderatesCommunity(user, item.communityId ?? null)
}
