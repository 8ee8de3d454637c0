import { tenantDb } from '#tenancy/tenant_model'

/** How a portal user appears next to what they wrote. */
export interface PublicName {
  name: string
  /** The public profile page, when the user has one. */
  url: string | null
  /** 'expert' | 'organisation' | 'official' … */
  badges: string[]
}

/**
 * The public names of portal users, for authors of publications, comments,
 * messages and suggestions (current tenant scope). Users without a citizen
 * profile (staff accounts) appear under their account name.
 */
export async function publicNames(userIds: number[]): Promise<Map<number, PublicName>> {
  const names = new Map<number, PublicName>()
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return names
  const rows = await tenantDb()
    .from('users')
    .leftJoin('problem_citizens', 'problem_citizens.user_id', 'users.id')
    .whereIn('users.id', ids)
    .select('users.id', 'users.full_name', 'problem_citizens.display_name')
  for (const row of rows) names.set(Number(row.id), { name: row.display_name ?? row.full_name, url: null, badges: [] })
  return names
}
