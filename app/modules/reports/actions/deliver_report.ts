import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantUrl } from '#tenancy/tenant_urls'
import { reportTitle } from '#modules/reports/exports/report_documents'
import type { ReportKind } from '#modules/reports/services/report_periods'
import { clockDate } from '#core/clock'

/** Tries per subscriber before a delivery is given up. */
const MAX_ATTEMPTS = 5

/**
 * Mails a ready report to the subscribers of its kind, once each: a
 * delivery row per (report, subscriber) is created once and marked sent in
 * the transaction that claimed it (`SKIP LOCKED`: two runs never mail the
 * same person), so regenerating a report does not mail it again. The mail
 * carries a link to the reports page, not the files: the figures stay
 * behind sign-in and the control tenant's access rules.
 */
export async function deliverReport(report: { id: number; kind: ReportKind; period_start: string; period_end: string }) {
  const db = tenantDb()
  await db.rawQuery(
    `insert into control_report_deliveries (report_id, user_id)
     select ?, s.user_id from control_report_subscriptions s join users u on u.id = s.user_id
      where s.kind = ? and u.status = 'active'
     on conflict do nothing`,
    [report.id, report.kind]
  )
  const base = tenantUrl(tenantScope.currentOrFail())
  const period = { from: DateTime.fromISO(report.period_start), to: DateTime.fromISO(report.period_end) }
  let sent = 0
  await db.transaction(async (trx) => {
    const pending = (
      await trx.rawQuery(
        `select d.user_id, u.email, u.full_name, u.locale
           from control_report_deliveries d join users u on u.id = d.user_id
          where d.report_id = ? and d.sent_at is null and d.attempts < ?
          for update of d skip locked`,
        [report.id, MAX_ATTEMPTS]
      )
    ).rows
    for (const row of pending) {
      const i18n = i18nManager.locale(row.locale ?? i18nManager.defaultLocale)
      const subject = reportTitle({ kind: report.kind, period }, i18n)
      const url = `${base}/control/reports#report-${report.id}`
      try {
        await mail.send((message) => {
          message
            .to(row.email, row.full_name)
            .subject(subject)
            .header('X-Krai-Report', String(report.id))
            .text(
              [
                i18n.t('notifications.email.greeting', { name: row.full_name }),
                '',
                i18n.t('reports.email.ready', { title: subject }),
                url,
                '',
                '—',
                i18n.t('reports.email.unsubscribe', { url: `${base}/control/reports` }),
              ].join('\n')
            )
        })
        await trx.from('control_report_deliveries').where({ report_id: report.id, user_id: row.user_id }).update({ sent_at: clockDate(), error: null })
        sent++
      } catch (error) {
        logger.warn({ report: report.id, user: row.user_id, error: (error as Error).message }, 'control report e-mail not sent')
        await trx
          .from('control_report_deliveries')
          .where({ report_id: report.id, user_id: row.user_id })
          .update({ attempts: trx.raw('attempts + 1'), error: (error as Error).message.slice(0, 1000) })
      }
    }
  })
  return sent
}
