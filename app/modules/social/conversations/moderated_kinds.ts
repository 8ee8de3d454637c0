import type { ModeratedKind } from '#modules/social/moderation/registry'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { excerpt } from '#modules/social/conversations/services/message_text'

/**
 * This module's kinds of user content, as the moderation queue sees them.
 * A reported message is all a moderator sees of a conversation: load() reads
 * that one message, never its neighbours. Its URL is the message in its
 * conversation: it opens for the author and the members (an author's list of
 * moderated items links there); a moderator, not a member, gets 404 and
 * judges by the excerpt.
 */
const kinds: ModeratedKind[] = [
  {
    kind: 'social.message',
    label: 'social_conversations.moderation.kind',
    async load(id, trx) {
      if (!Number.isSafeInteger(id) || id <= 0) return null
      const row = await (trx ?? tenantDb()).from('social_messages').where('id', id).select('conversation_id', 'author_id', 'body', 'hidden_at').first()
      if (!row) return null
      return {
        authorUserId: row.author_id === null ? null : Number(row.author_id),
        excerpt: excerpt(row.body, 300),
        url: `/messages/${row.conversation_id}#message-${id}`,
        hidden: !!row.hidden_at,
      }
    },
    async setHidden(id, hidden, trx) {
      await trx.from('social_messages').where('id', id).update({ hidden_at: hidden ? clockDate() : null })
    },
  },
]

export default kinds
