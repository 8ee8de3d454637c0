import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { Job } from '#queue/job'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantUrl } from '#tenancy/tenant_urls'
import { clockDate } from '#core/clock'
import { readableData } from '#core/dates'

/** Notifications claimed per transaction. */
const BATCH_SIZE = 50
/** After this many failed sends a notification's e-mail is given up (`failed`). */
export const MAX_EMAIL_ATTEMPTS = 5

interface PendingEmail {
  id: number
  kind: string
  data: Record<string, unknown>
  link: string | null
  email_attempts: number
  email: string
  full_name: string
  locale: string | null
  wants_email: boolean
}

export interface DeliveryResult {
  sent: number
  skipped: number
  failed: number
  retrying: number
}

/**
 * Sends the e-mail copy of pending notifications in the current tenant.
 * Rows are claimed with `FOR UPDATE SKIP LOCKED`, so two workers never send
 * the same one; a row is marked in the same transaction that claimed it, so
 * a rerun sends nothing twice unless the process died between the SMTP
 * answer and the commit (at-least-once, the safe side for a notification).
 * Each row is tried once per run; the minute schedule retries what failed.
 */
export default class DeliverEmailsJob extends Job {
  static jobName = 'notifications.deliver_emails'

  async handle(): Promise<DeliveryResult> {
    const result: DeliveryResult = { sent: 0, skipped: 0, failed: 0, retrying: 0 }
    let afterId = 0
    for (;;) {
      const claimed = await tenantDb().transaction(async (trx) => {
        const rows: PendingEmail[] = (
          await trx.rawQuery(
            `select n.id, n.kind, n.data, n.link, n.email_attempts, u.email, u.full_name, u.locale,
                    (u.email_notifications and u.status = 'active') as wants_email
               from notifications n join users u on u.id = n.user_id
              where n.email_status = 'pending' and n.id > ?
              order by n.id
              limit ?
                for update of n skip locked`,
            [afterId, BATCH_SIZE]
          )
        ).rows
        for (const row of rows) {
          const { outcome, error } = await this.#deliver(row)
          result[outcome]++
          await trx
            .from('notifications')
            .where('id', row.id)
            .update({
              email_status: outcome === 'retrying' ? 'pending' : outcome,
              email_attempts: trx.raw('email_attempts + ?', [outcome === 'retrying' || outcome === 'failed' ? 1 : 0]),
              email_error: error,
              emailed_at: outcome === 'sent' ? clockDate() : null,
            })
        }
        return rows
      })
      if (claimed.length) afterId = claimed[claimed.length - 1].id
      if (claimed.length < BATCH_SIZE) break
    }
    if (result.failed || result.retrying) logger.warn(result, 'some notification e-mails could not be sent')
    return result
  }

  async #deliver(row: PendingEmail): Promise<{ outcome: keyof DeliveryResult; error: string | null }> {
    if (!row.wants_email) return { outcome: 'skipped', error: null }
    const i18n = i18nManager.locale(row.locale ?? i18nManager.defaultLocale)
    const subject = i18n.t(`notifications.kinds.${row.kind}`, readableData(row.data, i18n.locale))
    const base = tenantUrl(tenantScope.currentOrFail())
    const url = row.link ? `${base}${row.link}` : base
    const content = {
      greeting: i18n.t('notifications.email.greeting', { name: row.full_name }),
      subject,
      url,
      open: i18n.t('notifications.email.open'),
      footer: i18n.t('notifications.email.footer', { url: `${base}/account` }),
    }
    try {
      await mail.send((message) => {
        message
          .to(row.email, row.full_name)
          .subject(subject)
          .header('X-Krai-Notification', String(row.id))
          .htmlView('emails/notification', content)
          .text([content.greeting, '', subject, '', `${content.open}: ${url}`, '', '—', content.footer].join('\n'))
      })
      return { outcome: 'sent', error: null }
    } catch (error) {
      const outcome = row.email_attempts + 1 >= MAX_EMAIL_ATTEMPTS ? 'failed' : 'retrying'
      return { outcome, error: (error as Error).message.slice(0, 1000) }
    }
  }
}
