import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { isRowId } from '#core/row_ids'
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
 * badges, in one query whatever the number of ids: profile (or its
 * defaults), official account, verified expert profile and the verified
 * organisations they are accepted members of. Every feed, conversation and
 * comment list asks for its authors' names through this (publicNames).
 */
export async function peopleByIds(userIds: number[], client: Client = tenantDb()): Promise<Map<number, Person>> {
  const people = new Map<number, Person>()
  const ids = [...new Set(userIds.filter(isRowId))]
  if (!ids.length) return people
  const rows = await client
    .from('users as u')
    .leftJoin('social_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('problem_citizens as c', 'c.user_id', 'u.id')
    .leftJoin('social_official_accounts as o', 'o.user_id', 'u.id')
    .leftJoin('lawmaking_expert_profiles as e', (join) => join.on('e.user_id', 'u.id').andOnVal('e.status', 'verified'))
    .whereIn('u.id', ids)
    .select('u.id', 'u.full_name', 'u.role', 'c.display_name as citizen_name')
    .select('p.user_id as profile_user', 'p.display_name', 'p.about', 'p.avatar_key', 'p.municipality_code', 'p.interests')
    .select('p.message_policy', 'p.municipality_visibility', 'p.email_digest', 'p.hidden_at', 'p.deleted_at')
    .select('o.body_slug', 'o.body_kind', 'o.name_ru as body_name_ru', 'o.name_en as body_name_en')
    .select('e.user_id as expert_user', 'e.organisation as expert_organisation', 'e.fields as expert_fields')
    .select(
      client.raw(`(
        select coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'role', m.role) order by g.name), '[]'::json)
          from social_organisation_members m join social_organisations g on g.id = m.organisation_id
         where m.user_id = u.id and m.accepted_at is not null and g.status = 'verified'
      ) as organisations`)
    )
  for (const row of rows) {
    const id = Number(row.id)
    const fields = typeof row.expert_fields === 'string' ? JSON.parse(row.expert_fields) : (row.expert_fields ?? [])
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
      hidden: !!row.hidden_at,
      deleted: !!row.deleted_at,
      role: row.role,
      expert: row.expert_user ? { organisation: row.expert_organisation, fields } : null,
      organisations: (row.organisations ?? []).map((entry: { id: number; name: string; role: OrganisationBadge['role'] }) => ({ id: Number(entry.id), name: entry.name, role: entry.role })),
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

/** Followers and followings of a user, for the profile (one round trip, both answered by indexes). */
export async function followCounts(userId: number) {
  const { rows } = await tenantDb().rawQuery(
    `select (select count(*) from social_follows where target_type = 'user' and target_key = ?) as followers,
            (select count(*) from social_follows where follower_id = ?) as following`,
    [String(userId), userId]
  )
  return { followers: Number(rows[0].followers), following: Number(rows[0].following) }
}
