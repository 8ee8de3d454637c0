import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import type { Audience } from '#modules/social/profiles/models/social_profile'

/** What the portal shows of a verified expert (the law-making module verifies them). */
export interface ExpertBadge {
  fields: string[]
  organisation: string
}

export interface OrganisationBadge {
  id: number
  name: string
  role: 'owner' | 'editor' | 'member'
}

export interface OfficialBadge {
  bodySlug: string
  bodyKind: string
  nameRu: string
  nameEn: string
}

/** One portal user as the social network sees them: the profile (or its defaults) and the badges. */
export interface Person {
  userId: number
  /** Whether the user saved a profile (otherwise the defaults below). */
  hasProfile: boolean
  displayName: string
  about: string | null
  avatarKey: string | null
  municipalityCode: string | null
  interests: string[]
  messagePolicy: Audience
  municipalityVisibility: Audience
  emailDigest: boolean
  /** A moderator hid the about text and the avatar. */
  hidden: boolean
  deleted: boolean
  role: string
  expert: ExpertBadge | null
  organisations: OrganisationBadge[]
  official: OfficialBadge | null
}

type Client = TransactionClientContract | ReturnType<typeof tenantDb>

/**
 * The people with these ids in the current (portal) tenant, with their
 * badges, in three queries whatever the number of ids: profile and defaults,
 * verified expert profiles, organisation memberships (plus official accounts
 * in the first one).
 */
export async function peopleByIds(userIds: number[], client: Client = tenantDb()): Promise<Map<number, Person>> {
  const people = new Map<number, Person>()
  const ids = [...new Set(userIds.filter((id) => Number.isSafeInteger(id) && id > 0))]
  if (!ids.length) return people
  const rows = await client
    .from('users as u')
    .leftJoin('social_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('problem_citizens as c', 'c.user_id', 'u.id')
    .leftJoin('social_official_accounts as o', 'o.user_id', 'u.id')
    .whereIn('u.id', ids)
    .select('u.id', 'u.full_name', 'u.role', 'c.display_name as citizen_name')
    .select('p.user_id as profile_user', 'p.display_name', 'p.about', 'p.avatar_key', 'p.municipality_code', 'p.interests')
    .select('p.message_policy', 'p.municipality_visibility', 'p.email_digest', 'p.hidden_at', 'p.deleted_at')
    .select('o.body_slug', 'o.body_kind', 'o.name_ru as body_name_ru', 'o.name_en as body_name_en')
  const experts = await client
    .from('lawmaking_expert_profiles')
    .whereIn('user_id', ids)
    .where('status', 'verified')
    .select('user_id', 'organisation', 'fields')
  const memberships = await client
    .from('social_organisation_members as m')
    .join('social_organisations as g', 'g.id', 'm.organisation_id')
    .whereIn('m.user_id', ids)
    .whereNotNull('m.accepted_at')
    .where('g.status', 'verified')
    .orderBy('g.name')
    .select('m.user_id', 'g.id', 'g.name', 'm.role')
  for (const row of rows) {
    const id = Number(row.id)
    const expert = experts.find((entry) => Number(entry.user_id) === id)
    people.set(id, {
      userId: id,
      hasProfile: row.profile_user !== null,
      displayName: row.display_name ?? row.citizen_name ?? row.full_name,
      about: row.about ?? null,
      avatarKey: row.avatar_key ?? null,
      municipalityCode: row.municipality_code ?? null,
      interests: row.interests ?? [],
      messagePolicy: row.message_policy ?? 'everyone',
      municipalityVisibility: row.municipality_visibility ?? 'everyone',
      emailDigest: row.email_digest ?? true,
      hidden: row.hidden_at !== null && row.hidden_at !== undefined,
      deleted: row.deleted_at !== null && row.deleted_at !== undefined,
      role: row.role,
      expert: expert
        ? { organisation: expert.organisation, fields: typeof expert.fields === 'string' ? JSON.parse(expert.fields) : (expert.fields ?? []) }
        : null,
      organisations: memberships
        .filter((entry) => Number(entry.user_id) === id)
        .map((entry) => ({ id: Number(entry.id), name: entry.name, role: entry.role })),
      official: row.body_slug ? { bodySlug: row.body_slug, bodyKind: row.body_kind, nameRu: row.body_name_ru, nameEn: row.body_name_en } : null,
    })
  }
  return people
}

export async function personById(userId: number, client?: Client) {
  return (await peopleByIds([userId], client)).get(userId) ?? null
}

/** The badge names of a person, in the order shown. */
export function badgesOf(person: Person) {
  const badges: string[] = []
  if (person.deleted) return badges
  if (person.official) badges.push('official')
  if (person.expert) badges.push('expert')
  if (person.organisations.length) badges.push('organisation')
  return badges
}

/** Whether `viewerId` follows the target. */
export async function follows(viewerId: number | null | undefined, type: string, key: string | number) {
  if (!viewerId) return false
  const row = await tenantDb().from('social_follows').where({ follower_id: viewerId, target_type: type, target_key: String(key) }).first()
  return !!row
}

/**
 * Whether the viewer may see something the person shows to an audience:
 * everyone; people the person follows; nobody (only the person themself and
 * moderators, who see everything they must judge).
 */
export async function audienceAllows(person: Person, audience: Audience, viewer: { id: number; role: string } | null | undefined) {
  if (viewer && (viewer.id === person.userId || viewer.role === 'moderator' || viewer.role === 'admin')) return true
  if (audience === 'everyone') return true
  if (audience === 'nobody' || !viewer) return false
  return follows(person.userId, 'user', viewer.id)
}

/** Followers and followings of a user, for the profile. */
export async function followCounts(userId: number) {
  const [followers] = await tenantDb().from('social_follows').where({ target_type: 'user', target_key: String(userId) }).count('* as total')
  const [following] = await tenantDb().from('social_follows').where('follower_id', userId).count('* as total')
  return { followers: Number(followers.total), following: Number(following.total) }
}
