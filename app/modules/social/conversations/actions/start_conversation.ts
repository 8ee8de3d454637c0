import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { mayPublish } from '#modules/social/moderation/registry'
import { ConversationRefused } from '#modules/social/conversations/services/conversation_refused'
import { refusalsFor } from '#modules/social/conversations/services/messaging_rules'
import { storeAttachments, type StoredAttachment } from '#modules/social/conversations/services/attachments'
import { memberNames } from '#modules/social/conversations/services/names'
import { announce } from '#modules/social/conversations/services/live'
import { MAX_MEMBERS } from '#modules/social/conversations/services/limits'
import { SendMessage } from '#modules/social/conversations/actions/send_message'

export interface StartInput {
  recipientIds: number[]
  title?: string | null
  body: string
  attachments?: MultipartFile[]
}

/**
 * A user starts a conversation with its first message: one-to-one (the pair's
 * existing conversation is reused) or a group of up to 50 with a title. Each
 * recipient's message policy and blocks decide; the first refusal is named.
 */
export class StartConversation {
  async handle(senderId: number, input: StartInput, locale = 'ru') {
    const verdict = await mayPublish(senderId)
    if (!verdict.allowed) throw new ConversationRefused('body', 'suspended', { reason: verdict.reason })
    const recipients = [...new Set(input.recipientIds)].filter((id) => id !== senderId)
    if (!recipients.length) throw new ConversationRefused('recipients', 'no_recipients')
    if (recipients.length + 1 > MAX_MEMBERS) throw new ConversationRefused('recipients', 'too_many', { max: MAX_MEMBERS })
    const group = recipients.length > 1
    const title = input.title?.trim() || null
    if (group && !title) throw new ConversationRefused('title', 'title_required')

    const refusals = await refusalsFor(senderId, recipients)
    if (refusals.size) {
      const [[userId, reason]] = refusals
      const name = reason === 'unknown_user' ? `#${userId}` : ((await memberNames([userId], locale)).get(userId)?.name ?? `#${userId}`)
      throw new ConversationRefused('recipients', reason, { name })
    }
    const directKey = group ? null : [senderId, recipients[0]].sort((a, b) => a - b).join(':')
    const record = (stored: StoredAttachment[]) =>
      tenantDb().transaction(async (trx) => {
        const now = clockDate()
        let conversationId: number | null = null
        if (directKey) {
          // one conversation per pair: a concurrent start lands on the same row
          const inserted = await trx.rawQuery(
            `insert into social_conversations (kind, created_by, direct_key, created_at) values ('direct', ?, ?, ?)
             on conflict (direct_key) do nothing returning id`,
            [senderId, directKey, now]
          )
          conversationId = inserted.rows[0] ? Number(inserted.rows[0].id) : null
          if (conversationId === null) {
            const existing = await trx.from('social_conversations').where('direct_key', directKey).firstOrFail()
            conversationId = Number(existing.id)
          } else {
            await this.#addMembers(trx, conversationId, [senderId, ...recipients], now)
          }
        } else {
          const [{ id }] = await trx.insertQuery().table('social_conversations').insert({ kind: 'group', title, created_by: senderId, created_at: now }).returning('id')
          conversationId = Number(id)
          await this.#addMembers(trx, conversationId, [senderId, ...recipients], now)
        }
        const messageId = await new SendMessage().write(trx, senderId, conversationId, input.body, stored)
        trx.after('commit', () => announce(conversationId!, { type: 'message', id: messageId }))
        return conversationId
      })
    const files = input.attachments ?? []
    // files go to a folder of their own until the conversation exists; 0 names "new conversations"
    return files.length ? storeAttachments(0, files, record) : record([])
  }

  async #addMembers(trx: TransactionClientContract, conversationId: number, userIds: number[], now: Date) {
    await trx
      .insertQuery()
      .table('social_conversation_members')
      .insert(userIds.map((userId) => ({ conversation_id: conversationId, user_id: userId, joined_at: now })))
  }
}
