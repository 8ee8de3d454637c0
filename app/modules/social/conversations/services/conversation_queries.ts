import { tenantDb } from '#tenancy/tenant_model'
import { CONVERSATIONS_PAGE, MESSAGES_PAGE } from '#modules/social/conversations/services/limits'
import { memberNames } from '#modules/social/conversations/services/names'
import type { PublicName } from '#modules/social/profiles/public_names'
import { excerpt, messageHtml, messageSegments, type TextSegment } from '#modules/social/conversations/services/message_text'

export interface Membership {
  conversationId: number
  kind: 'direct' | 'group'
  title: string | null
  lastReadMessageId: number
  lastMessageId: number
  unreadCount: number
}

/** The viewer's membership of a conversation, or null: every route answers 404 to a non-member. */
export async function membershipOf(conversationId: number, userId: number): Promise<Membership | null> {
  if (!Number.isSafeInteger(conversationId) || conversationId <= 0) return null
  const row = await tenantDb()
    .from('social_conversation_members as m')
    .join('social_conversations as c', 'c.id', 'm.conversation_id')
    .where({ 'm.conversation_id': conversationId, 'm.user_id': userId })
    .select('c.kind', 'c.title', 'm.last_read_message_id', 'm.last_message_id', 'm.unread_count')
    .first()
  if (!row) return null
  return {
    conversationId,
    kind: row.kind,
    title: row.title,
    lastReadMessageId: Number(row.last_read_message_id),
    lastMessageId: Number(row.last_message_id),
    unreadCount: row.unread_count,
  }
}

/** The unread total of the header badge: one index range over the rows with something unread. */
export async function unreadTotal(userId: number) {
  const row = await tenantDb().from('social_conversation_members').where('user_id', userId).where('unread_count', '>', 0).sum('unread_count as total').first()
  return Number(row?.total ?? 0)
}

export interface ConversationRow {
  id: number
  kind: 'direct' | 'group'
  title: string
  lastMessageId: number
  lastMessageAt: Date | null
  excerpt: string
  lastAuthor: string | null
  mine: boolean
  unreadCount: number
  blocked: boolean
}

/**
 * A page of the viewer's conversations, newest activity first, by keyset on
 * the last message's id (`before`: the older ones).
 */
export async function conversationsOf(userId: number, before: number | undefined, locale: string, deletedLabel: string, hiddenLabel: string) {
  const query = tenantDb()
    .from('social_conversation_members as m')
    .join('social_conversations as c', 'c.id', 'm.conversation_id')
    .leftJoin('social_messages as lm', 'lm.id', 'm.last_message_id')
    .where('m.user_id', userId)
    .orderBy('m.last_message_id', 'desc')
    .limit(CONVERSATIONS_PAGE + 1)
    .select('c.id', 'c.kind', 'c.title', 'c.last_message_at', 'm.last_message_id', 'm.unread_count', 'lm.body', 'lm.author_id', 'lm.hidden_at')
  if (before) query.where('m.last_message_id', '<', before)
  const rows = await query
  const more = rows.length > CONVERSATIONS_PAGE
  const page = rows.slice(0, CONVERSATIONS_PAGE)
  const directIds = page.filter((row) => row.kind === 'direct').map((row) => Number(row.id))
  const partners = directIds.length
    ? await tenantDb().from('social_conversation_members').whereIn('conversation_id', directIds).whereNot('user_id', userId).select('conversation_id', 'user_id')
    : []
  const partnerOf = new Map(partners.map((row) => [Number(row.conversation_id), Number(row.user_id)]))
  const blocks = partners.length
    ? await tenantDb()
        .from('social_user_blocks')
        .where((q) => q.where('blocker_id', userId).whereIn('blocked_id', [...partnerOf.values()]))
        .orWhere((q) => q.where('blocked_id', userId).whereIn('blocker_id', [...partnerOf.values()]))
        .select('blocker_id', 'blocked_id')
    : []
  const blockedWith = new Set(blocks.flatMap((row) => [Number(row.blocker_id), Number(row.blocked_id)]).filter((id) => id !== userId))
  const names = await memberNames([...partnerOf.values(), ...page.map((row) => Number(row.author_id)).filter(Boolean)], locale)
  const conversations: ConversationRow[] = page.map((row) => {
    const partner = partnerOf.get(Number(row.id))
    const hidden = row.hidden_at && Number(row.author_id) !== userId
    return {
      id: Number(row.id),
      kind: row.kind,
      title: row.kind === 'group' ? row.title : partner ? (names.get(partner)?.name ?? deletedLabel) : deletedLabel,
      lastMessageId: Number(row.last_message_id),
      lastMessageAt: row.last_message_at,
      excerpt: hidden ? hiddenLabel : excerpt(row.body ?? ''),
      lastAuthor: row.author_id ? (names.get(Number(row.author_id))?.name ?? null) : deletedLabel,
      mine: Number(row.author_id) === userId,
      unreadCount: row.unread_count,
      blocked: partner !== undefined && blockedWith.has(partner),
    }
  })
  return { conversations, olderCursor: more ? conversations[conversations.length - 1].lastMessageId : null }
}

export interface MessageView {
  id: number
  authorId: number | null
  author: string
  authorUrl: string | null
  badges: string[]
  mine: boolean
  hidden: boolean
  segments: TextSegment[]
  /** Escaped text with links (messageHtml). */
  html: string
  createdAt: Date
  attachments: Array<{ id: number; kind: 'image' | 'pdf'; name: string; url: string; width: number | null; height: number | null }>
}

/**
 * Messages of a conversation for one member: a page ending at the newest
 * (or before `before`), or everything after `after` (the live page and its
 * polling). Hidden messages only for their author; in a group, messages of
 * people the viewer blocked are left out.
 */
export async function messagesFor(
  membership: Membership,
  viewerId: number,
  cursor: { before?: number; after?: number },
  locale: string,
  deletedLabel: string,
  known: Map<number, PublicName> = new Map()
) {
  // The page's ids from the covering index, then those rows by their primary key. "= any(array[…])" and the
  // order by both of the index's columns keep the planner on that index: with a plain equality it may walk the
  // whole table's primary key backwards instead, crossing every newer message of every other conversation.
  const query = tenantDb()
    .from('social_messages')
    .whereRaw('conversation_id = any(array[?]::bigint[])', [membership.conversationId])
    .where((q) => q.whereNull('hidden_at').orWhere('author_id', viewerId))
    .select('id')
  if (membership.kind === 'group') {
    query.where((q) => q.whereNull('author_id').orWhereNotIn('author_id', tenantDb().from('social_user_blocks').where('blocker_id', viewerId).select('blocked_id')))
  }
  let more = false
  let pageIds: number[]
  if (cursor.after !== undefined) {
    pageIds = (await query.where('id', '>', cursor.after).orderBy('conversation_id', 'asc').orderBy('id', 'asc').limit(200)).map((row) => Number(row.id))
  } else {
    if (cursor.before) query.where('id', '<', cursor.before)
    pageIds = (await query.orderBy('conversation_id', 'desc').orderBy('id', 'desc').limit(MESSAGES_PAGE + 1)).map((row) => Number(row.id))
    more = pageIds.length > MESSAGES_PAGE
    pageIds = pageIds.slice(0, MESSAGES_PAGE)
  }
  const rows: any[] = pageIds.length
    ? await tenantDb().from('social_messages').whereIn('id', pageIds).orderBy('id', 'asc').select('id', 'author_id', 'body', 'hidden_at', 'created_at')
    : []
  const ids = rows.map((row) => Number(row.id))
  const files = ids.length ? await tenantDb().from('social_message_attachments').whereIn('message_id', ids).orderBy('id').select('*') : []
  // the members' names are usually known already; only former members are looked up
  const missing = rows.map((row) => Number(row.author_id)).filter((id) => id && !known.has(id))
  const names = missing.length ? new Map([...known, ...(await memberNames(missing, locale))]) : known
  const messages: MessageView[] = rows.map((row) => {
    const authorId = row.author_id === null ? null : Number(row.author_id)
    const name = authorId ? names.get(authorId) : undefined
    const segments = messageSegments(row.body)
    return {
      id: Number(row.id),
      authorId,
      author: name?.name ?? deletedLabel,
      authorUrl: name?.url ?? null,
      badges: name?.badges ?? [],
      mine: authorId === viewerId,
      hidden: !!row.hidden_at,
      segments,
      html: messageHtml(segments),
      createdAt: row.created_at,
      attachments: files
        .filter((file) => Number(file.message_id) === Number(row.id))
        .map((file) => ({ id: Number(file.id), kind: file.kind, name: file.file_name, url: `/messages/attachments/${file.id}`, width: file.width, height: file.height })),
    }
  })
  return { messages, olderCursor: more && messages.length ? messages[0].id : null }
}

/** Who else is in the conversation, and how far each has read (the "read" mark of the viewer's messages). */
export async function membersOf(conversationId: number, locale: string) {
  const rows = await tenantDb().from('social_conversation_members').where('conversation_id', conversationId).orderBy('joined_at').orderBy('user_id').select('user_id', 'last_read_message_id')
  const names = await memberNames(rows.map((row) => Number(row.user_id)), locale)
  const members = rows.map((row) => ({
    userId: Number(row.user_id),
    name: names.get(Number(row.user_id))?.name ?? '',
    url: names.get(Number(row.user_id))?.url ?? null,
    badges: names.get(Number(row.user_id))?.badges ?? [],
    lastReadMessageId: Number(row.last_read_message_id),
  }))
  return Object.assign(members, { names })
}

/** The newest message of the viewer's that every other member has read (0: none). */
export function readUpTo(members: Array<{ userId: number; lastReadMessageId: number }>, viewerId: number) {
  const others = members.filter((member) => member.userId !== viewerId)
  return others.length ? Math.min(...others.map((member) => member.lastReadMessageId)) : 0
}
