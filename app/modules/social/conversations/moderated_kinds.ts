import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModeratedKind } from '#modules/social/moderation/registry'
import { errors } from '#core/errors'
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
const message = {
  kind: 'social.message',
  label: 'social_conversations.moderation.kind',
  async load(id: number, trx?: TransactionClientContract) {
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
  async setHidden(id: number, hidden: boolean, trx: TransactionClientContract) {
    await trx.from('social_messages').where('id', id).update({ hidden_at: hidden ? clockDate() : null })
  },
  /**
   * Told of each new flag, in its transaction: only a member of the message's conversation may report it
   * (anybody else guessing ids would put private messages before the moderators); the refusal undoes the flag.
   */
  async flagged(id: number, userId: number, _reason: string, _note: string | null, trx: TransactionClientContract) {
    const member = await trx
      .from('social_messages as m')
      .join('social_conversation_members as cm', 'cm.conversation_id', 'm.conversation_id')
      .where('m.id', id)
      .where('cm.user_id', userId)
      .first()
    if (!member) throw new errors.E_NOT_FOUND(`No message ${id} to flag`)
  },
}

const kinds: ModeratedKind[] = [message]

export default kinds
