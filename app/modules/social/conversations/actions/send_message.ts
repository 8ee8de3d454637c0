import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { notifyUsers } from '#modules/notifications/services/notify'
import { mayPublish } from '#modules/social/moderation/registry'
import { memberNames } from '#modules/social/conversations/services/names'
import { ConversationRefused } from '#modules/social/conversations/services/conversation_refused'
import { storeAttachments, type StoredAttachment } from '#modules/social/conversations/services/attachments'
import { blockedBetween } from '#modules/social/conversations/services/messaging_rules'
import { announce } from '#modules/social/conversations/services/live'

export interface MessageInput {
  body: string
  attachments?: MultipartFile[]
}

/**
 * A member writes into a conversation. In one transaction: the message and
 * its files, the conversation's last message, every member's list position
 * and unread count (the sender's read mark moves to it), and an in-app
 * notification per unread streak (no e-mail now: the quiet-period job
 * decides). After commit the conversation's open pages hear of it.
 */
export class SendMessage {
  async handle(senderId: number, conversationId: number, input: MessageInput) {
    const verdict = await mayPublish(senderId)
    if (!verdict.allowed) throw new ConversationRefused('body', 'suspended', { reason: verdict.reason })
    const record = (stored: StoredAttachment[]) =>
      tenantDb().transaction(async (trx) => {
        const id = await this.write(trx, senderId, conversationId, input.body, stored)
        trx.after('commit', () => announce(conversationId, { type: 'message', id }))
        return id
      })
    const files = input.attachments ?? []
    return files.length ? storeAttachments(conversationId, files, record) : record([])
  }

  /** The work inside the caller's transaction (starting a conversation uses it for the first message). */
  async write(trx: TransactionClientContract, senderId: number, conversationId: number, body: string, stored: StoredAttachment[]) {
    // one writer per conversation at a time: ids, the last message and counters move together
    const conversation = await trx.from('social_conversations').where('id', conversationId).forUpdate().first()
    if (!conversation) throw new ConversationRefused('body', 'not_member')
    const members: Array<{ user_id: number; last_read_message_id: string }> = await trx
      .from('social_conversation_members')
      .where('conversation_id', conversationId)
      .select('user_id', 'last_read_message_id')
    if (!members.some((member) => member.user_id === senderId)) throw new ConversationRefused('body', 'not_member')
    const others = members.filter((member) => member.user_id !== senderId)
    // blocks: a one-to-one conversation stops; in a group, the blocker just does not hear the blocked
    const blockers = new Set<number>(
      (
        await trx
          .from('social_user_blocks')
          .where('blocked_id', senderId)
          .whereIn('blocker_id', others.map((member) => member.user_id))
          .select('blocker_id')
      ).map((row) => Number(row.blocker_id))
    )
    if (conversation.kind === 'direct' && others.length && (await blockedBetween(senderId, others[0].user_id, trx)).length) {
      throw new ConversationRefused('body', 'blocked_conversation')
    }
    const now = clockDate()
    const [{ id: rawId }] = await trx
      .insertQuery()
      .table('social_messages')
      .insert({ conversation_id: conversationId, author_id: senderId, body, created_at: now })
      .returning('id')
    const id = Number(rawId)
    if (stored.length) {
      await trx
        .insertQuery()
        .table('social_message_attachments')
        .insert(
          stored.map((file) => ({
            message_id: id,
            kind: file.kind,
            file_key: file.fileKey,
            mime_type: file.mimeType,
            file_name: file.fileName,
            size: file.size,
            width: file.width,
            height: file.height,
          }))
        )
    }
    await trx.from('social_conversations').where('id', conversationId).update({ last_message_id: id, last_message_at: now })
    await trx
      .from('social_conversation_members')
      .where({ conversation_id: conversationId, user_id: senderId })
      .update({ last_message_id: id, last_read_message_id: id, unread_count: 0, first_unread_at: null })
    const hearing = others.filter((member) => !blockers.has(member.user_id)).map((member) => member.user_id)
    if (hearing.length) {
      await trx
        .from('social_conversation_members')
        .where('conversation_id', conversationId)
        .whereIn('user_id', hearing)
        .update({ last_message_id: id, unread_count: trx.raw('unread_count + 1'), first_unread_at: trx.raw('coalesce(first_unread_at, ?)', [now]) })
      const author = (await memberNames([senderId])).get(senderId)?.name ?? ''
      const data = { author, title: conversation.title ?? author }
      // one notification per unread streak: the next after the member has read
      const byStreak = new Map<string, number[]>()
      for (const member of others.filter((m) => hearing.includes(m.user_id))) {
        byStreak.set(String(member.last_read_message_id), [...(byStreak.get(String(member.last_read_message_id)) ?? []), member.user_id])
      }
      for (const [lastRead, userIds] of byStreak) {
        await notifyUsers(trx, userIds, 'social.message', `/messages/${conversationId}`, data, `social.message:${conversationId}:${lastRead}`, { email: false })
      }
    }
    return id
  }
}
