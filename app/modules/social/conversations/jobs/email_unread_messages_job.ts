import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantUrl } from '#tenancy/tenant_urls'
import { clockDate } from '#core/clock'
import { quietMinutes } from '#modules/social/conversations/services/limits'
import { memberNames } from '#modules/social/conversations/services/names'

const BATCH_SIZE = 50

interface Due {
  conversation_id: string
  user_id: number
  last_message_id: string
  unread_count: number
  kind: 'direct' | 'group'
  title: string | null
  email: string
  full_name: string
  locale: string | null
  wants_email: boolean
}

export interface UnreadEmailResult {
  sent: number
  skipped: number
  failed: number
}

/**
 * The e-mail after a quiet period: a member whose oldest unread message in a
 * conversation has waited QUIET minutes, and who has not looked at their
 * conversations for as long, gets one e-mail about it (no message text:
 * a link to the conversation). One per unread streak: the member's
 * `emailed_through_message_id` moves above their read mark in the same
 * transaction, so reruns and concurrent workers send nothing twice, and the
 * next e-mail waits until they have read and new messages wait again.
 * Respects the account's e-mail setting and the social profile's digest
 * switch (people who turned them off are marked, not mailed).
 */
export default class EmailUnreadMessagesJob extends Job {
  static jobName = 'social.email_unread_messages'

  async handle(): Promise<UnreadEmailResult> {
    const result: UnreadEmailResult = { sent: 0, skipped: 0, failed: 0 }
    const quietSince = DateTime.fromJSDate(clockDate()).minus({ minutes: quietMinutes() }).toJSDate()
    for (;;) {
      const claimed = await tenantDb().transaction(async (trx) => {
        const rows: Due[] = (
          await trx.rawQuery(
            `select m.conversation_id, m.user_id, m.last_message_id, m.unread_count, c.kind, c.title,
                    u.email, u.full_name, u.locale,
                    (u.email_notifications and u.status = 'active' and coalesce(p.email_digest, true) and p.deleted_at is null) as wants_email
               from social_conversation_members m
               join social_conversations c on c.id = m.conversation_id
               join users u on u.id = m.user_id
               left join social_profiles p on p.user_id = m.user_id
              where m.unread_count > 0 and m.emailed_through_message_id <= m.last_read_message_id
                and m.first_unread_at <= :quietSince
                and not exists (select 1 from social_messaging_presence pr where pr.user_id = m.user_id and pr.seen_at > :quietSince)
              order by m.first_unread_at
              limit :limit
                for update of m skip locked`,
            { quietSince, limit: BATCH_SIZE }
          )
        ).rows
        for (const row of rows) {
          const outcome = row.wants_email ? await this.#send(row) : 'skipped'
          result[outcome]++
          // a failed send is tried again next minute; sent or skipped, this streak is done
          if (outcome !== 'failed') {
            await trx
              .from('social_conversation_members')
              .where({ conversation_id: row.conversation_id, user_id: row.user_id })
              .update({ emailed_through_message_id: row.last_message_id })
          }
        }
        return rows.length
      })
      if (claimed < BATCH_SIZE || result.failed >= BATCH_SIZE) break
    }
    if (result.failed) logger.warn(result, 'some unread-message e-mails could not be sent')
    return result
  }

  async #send(row: Due): Promise<'sent' | 'failed'> {
    const i18n = i18nManager.locale(row.locale ?? i18nManager.defaultLocale)
    let title = row.title
    if (row.kind === 'direct' || !title) {
      const other = await tenantDb().from('social_conversation_members').where('conversation_id', row.conversation_id).whereNot('user_id', row.user_id).select('user_id').first()
      title = other ? ((await memberNames([Number(other.user_id)], i18n.locale)).get(Number(other.user_id))?.name ?? '') : i18n.t('social_conversations.deleted_user')
    }
    const base = tenantUrl(tenantScope.currentOrFail())
    const url = `${base}/messages/${row.conversation_id}`
    const subject = i18n.t('social_conversations.email.subject', { count: row.unread_count, title })
    const content = {
      greeting: i18n.t('notifications.email.greeting', { name: row.full_name }),
      subject,
      body: i18n.t('social_conversations.email.body', { title }),
      url,
      open: i18n.t('social_conversations.email.open'),
      footer: i18n.t('social_conversations.email.footer', { url: `${base}/account` }),
    }
    try {
      await mail.send((message) => {
        message
          .to(row.email, row.full_name)
          .subject(subject)
          .header('X-Krai-Conversation', String(row.conversation_id))
          .htmlView('emails/social_conversations_unread', content)
          .text([content.greeting, '', subject, '', content.body, '', `${content.open}: ${url}`, '', '—', content.footer].join('\n'))
      })
      return 'sent'
    } catch (error) {
      logger.warn({ error: (error as Error).message, conversation: row.conversation_id }, 'unread-message e-mail failed')
      return 'failed'
    }
  }
}
