import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'

/** Why a user may not start a conversation with someone (i18n: social_conversations.refusals.<reason>). */
export type Refusal = 'unknown_user' | 'self' | 'blocked' | 'you_blocked' | 'policy_nobody' | 'policy_following'

/**
 * Whether `senderId` may start a conversation with each of `recipientIds`:
 * the recipient's message policy (social_profiles; no row = everyone,
 * 'following' = the recipient follows the sender) and blocks both ways.
 * Official accounts and staff are users like any other here.
 */
export async function refusalsFor(senderId: number, recipientIds: number[], client: QueryClientContract = tenantDb()) {
  const refusals = new Map<number, Refusal>()
  const ids = [...new Set(recipientIds)]
  if (!ids.length) return refusals
  const rows: Array<{ id: number; policy: string | null; deleted: boolean; blocked_me: boolean; i_blocked: boolean; follows_me: boolean }> = (
    await client.rawQuery(
      `select u.id, p.message_policy as policy, p.deleted_at is not null as deleted,
              exists (select 1 from social_user_blocks b where b.blocker_id = u.id and b.blocked_id = :sender) as blocked_me,
              exists (select 1 from social_user_blocks b where b.blocker_id = :sender and b.blocked_id = u.id) as i_blocked,
              exists (select 1 from social_follows f where f.follower_id = u.id and f.target_type = 'user' and f.target_key = :senderKey) as follows_me
         from users u left join social_profiles p on p.user_id = u.id
        where u.id = any(:ids) and u.status = 'active'`,
      { sender: senderId, senderKey: String(senderId), ids }
    )
  ).rows
  const found = new Map(rows.map((row) => [Number(row.id), row]))
  for (const id of ids) {
    const row = found.get(id)
    if (id === senderId) refusals.set(id, 'self')
    else if (!row || row.deleted) refusals.set(id, 'unknown_user')
    else if (row.blocked_me) refusals.set(id, 'blocked')
    else if (row.i_blocked) refusals.set(id, 'you_blocked')
    else if (row.policy === 'nobody') refusals.set(id, 'policy_nobody')
    else if (row.policy === 'following' && !row.follows_me) refusals.set(id, 'policy_following')
  }
  return refusals
}

/** Whether either of two users blocked the other (a one-to-one conversation stops). */
export async function blockedBetween(a: number, b: number, client: QueryClientContract = tenantDb()) {
  const row = await client
    .from('social_user_blocks')
    .where((q) => q.where({ blocker_id: a, blocked_id: b }).orWhere({ blocker_id: b, blocked_id: a }))
    .select('blocker_id')
  return row.map((r) => Number(r.blocker_id))
}
