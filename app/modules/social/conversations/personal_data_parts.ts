import type { PersonalDataPart } from '#modules/social/profiles/personal_data'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'

/**
 * This area's part of a user's data export and account deletion. The export
 * holds only what the user wrote (never other members' messages: they are
 * theirs) and whom they blocked. Forgetting removes the conversations that
 * were the user's alone; in conversations with others the user's messages
 * stay, shown as "deleted user" (author cleared), and the membership goes.
 */
const parts: PersonalDataPart[] = [
  {
    name: 'conversations',
    async export(userId) {
      const messages = await tenantDb()
        .from('social_messages as m')
        .join('social_conversations as c', 'c.id', 'm.conversation_id')
        .where('m.author_id', userId)
        .orderBy('m.id')
        .select('m.id', 'm.conversation_id', 'c.kind', 'c.title', 'm.body', 'm.created_at', 'm.hidden_at')
      const files = messages.length
        ? await tenantDb().from('social_message_attachments').whereIn('message_id', messages.map((m) => m.id)).select('message_id', 'kind', 'file_name', 'size')
        : []
      const blocked = await tenantDb().from('social_user_blocks').where('blocker_id', userId).select('blocked_id', 'created_at')
      return {
        messagesWritten: messages.map((m) => ({
          id: Number(m.id),
          conversationId: Number(m.conversation_id),
          conversationKind: m.kind,
          conversationTitle: m.title,
          text: m.body,
          writtenAt: m.created_at,
          hiddenByModerator: !!m.hidden_at,
          attachments: files.filter((f) => Number(f.message_id) === Number(m.id)).map((f) => ({ kind: f.kind, name: f.file_name, size: f.size })),
        })),
        blockedUsers: blocked.map((b) => ({ userId: Number(b.blocked_id), since: b.created_at })),
      }
    },
    async forget(userId, trx) {
      // conversations that have nobody else in them go with their messages and files
      const alone = `select c.id from social_conversations c
          where exists (select 1 from social_conversation_members m where m.conversation_id = c.id and m.user_id = :user)
            and not exists (select 1 from social_conversation_members m where m.conversation_id = c.id and m.user_id <> :user)`
      const files = (
        await trx.rawQuery(
          `select a.file_key from social_message_attachments a join social_messages m on m.id = a.message_id where m.conversation_id in (${alone})`,
          { user: userId }
        )
      ).rows.map((row: { file_key: string }) => row.file_key)
      trx.after('commit', async () => {
        await Promise.all(files.map((key: string) => drive.use().delete(key).catch(() => {})))
      })
      await trx.rawQuery(`delete from social_conversations where id in (${alone})`, { user: userId })
      await trx.from('social_messages').where('author_id', userId).update({ author_id: null })
      await trx.from('social_conversations').where('created_by', userId).update({ created_by: null })
      await trx.from('social_conversation_members').where('user_id', userId).delete()
      await trx.from('social_user_blocks').where('blocker_id', userId).orWhere('blocked_id', userId).delete()
      await trx.from('social_messaging_presence').where('user_id', userId).delete()
    },
  },
]

export default parts
