import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { clockDate } from '#core/clock'
import { announce } from '#modules/social/conversations/services/live'

/**
 * A member has seen the conversation up to a message: the read mark moves
 * forward only, the unread count is recomputed from what is left after it
 * (by the index on messages), and the others' pages hear of it.
 */
export async function markRead(conversationId: number, userId: number, upTo: number) {
  const moved = await tenantDb().transaction(async (trx) => {
    const member = await trx.from('social_conversation_members').where({ conversation_id: conversationId, user_id: userId }).forUpdate().first()
    if (!member) return null
    const target = Math.min(upTo, Number(member.last_message_id))
    if (target <= Number(member.last_read_message_id)) return null
    const left = await trx
      .from('social_messages')
      .where('conversation_id', conversationId)
      .where('id', '>', target)
      .whereNot('author_id', userId)
      .whereNull('hidden_at')
      .count('* as n')
      .first()
    const unread = Number(left?.n ?? 0)
    await trx
      .from('social_conversation_members')
      .where({ conversation_id: conversationId, user_id: userId })
      .update({ last_read_message_id: target, unread_count: unread, first_unread_at: unread ? member.first_unread_at : null })
    // reading clears this conversation's in-app notification too
    await trx.from('notifications').where('user_id', userId).where('kind', 'social.message').where('link', `/messages/${conversationId}`).whereNull('read_at').update({ read_at: clockDate() })
    return target
  })
  if (moved !== null) await announce(conversationId, { type: 'read', userId, messageId: moved })
  return moved
}

/** When this process last recorded each user's presence: a minute's precision is plenty for a 15-minute wait. */
const recentlyTouched = new Map<string, number>()
const TOUCH_EVERY_MS = 60_000

/** The user is around (a conversation page, the list, a poll): the quiet-period e-mail waits. */
export async function touchPresence(userId: number) {
  const key = `${tenantScope.currentOrFail().slug}:${userId}`
  const now = Date.now()
  if ((recentlyTouched.get(key) ?? 0) > now - TOUCH_EVERY_MS) return
  if (recentlyTouched.size > 50_000) recentlyTouched.clear()
  recentlyTouched.set(key, now)
  await tenantDb().rawQuery(
    `insert into social_messaging_presence (user_id, seen_at) values (?, ?)
     on conflict (user_id) do update set seen_at = excluded.seen_at where social_messaging_presence.seen_at < excluded.seen_at - interval '15 seconds'`,
    [userId, clockDate()]
  )
}
