import drive from '@adonisjs/drive/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { Job } from '#queue/job'
import { isoDay } from '#core/date_column'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { reportContent } from '#modules/reports/services/report_content'
import { reportPdf, reportXlsx } from '#modules/reports/exports/report_documents'
import { deliverReport } from '#modules/reports/actions/deliver_report'
import type { ReportKind } from '#modules/reports/services/report_periods'
import { clockDate } from '#core/clock'

/**
 * Builds one periodic report in the control tenant (PDF and XLSX, in the
 * region's default language), stores both files through Drive under stable
 * keys (a rebuild replaces them), then mails the subscribers. Only the job
 * of the report's latest request runs; a duplicate finds nothing to claim.
 */
export default class GenerateReportJob extends Job<{ reportId: number; generation: number }> {
  static jobName = 'reports.generate'

  async handle({ reportId, generation }: { reportId: number; generation: number }) {
    const db = tenantDb()
    const claimed = (
      await db.rawQuery(
        `update control_reports set status = 'running', progress = 5, updated_at = now()
          where id = ? and generation = ? and status = 'queued'
          returning id, kind, period_start, period_end`,
        [reportId, generation]
      )
    ).rows[0]
    if (!claimed) return { skipped: true }
    const progress = (value: number) => db.from('control_reports').where('id', reportId).update({ progress: value, updated_at: clockDate() })
    const report = { id: claimed.id as number, kind: claimed.kind as ReportKind, period_start: isoDay(claimed.period_start), period_end: isoDay(claimed.period_end) }
    try {
      const period = { from: DateTime.fromISO(report.period_start), to: DateTime.fromISO(report.period_end) }
      const content = await reportContent(report.kind, period)
      await progress(40)
      const i18n = i18nManager.locale(i18nManager.defaultLocale)
      const pdf = await reportPdf(content, i18n)
      await progress(65)
      const xlsx = await reportXlsx(content, i18n)
      await progress(85)
      const base = `tenants/${tenantScope.currentOrFail().slug}/control_reports/${report.kind}-${report.period_start}`
      const disk = drive.use()
      await disk.put(`${base}.pdf`, pdf)
      await disk.put(`${base}.xlsx`, xlsx)
      await db.from('control_reports').where({ id: reportId, generation }).update({
        status: 'ready',
        progress: 100,
        pdf_key: `${base}.pdf`,
        xlsx_key: `${base}.xlsx`,
        generated_at: clockDate(),
        updated_at: clockDate(),
      })
    } catch (error) {
      await db
        .from('control_reports')
        .where({ id: reportId, generation })
        .update({ status: 'failed', error: (error as Error).message.slice(0, 2000), updated_at: clockDate() })
      throw error
    }
    return { ready: reportId, mailed: await deliverReport(report) }
  }
}
