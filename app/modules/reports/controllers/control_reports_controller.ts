import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import vine from '@vinejs/vine'
import { errors } from '#core/errors'
import { actorFromContext, recordAudit } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import { isoDay } from '#core/date_column'
import ControlReportPolicy from '#modules/reports/policies/control_report_policy'
import { requestReport } from '#modules/reports/actions/request_report'
import { lastCompletePeriod, REPORT_KINDS } from '#modules/reports/services/report_periods'

const kindValidator = vine.create({ kind: vine.enum(REPORT_KINDS) })
const subscriptionValidator = vine.create({ kind: vine.enum(REPORT_KINDS), subscribed: vine.boolean() })

const FORMATS = {
  pdf: { column: 'pdf_key', type: 'application/pdf' },
  xlsx: { column: 'xlsx_key', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const

/**
 * The Department of Control's periodic reports: the list with each
 * report's state (it refreshes while one is being built), downloads,
 * "generate now" for admins and the user's own subscriptions.
 */
export default class ControlReportsController {
  async index({ view, bouncer, auth }: HttpContext) {
    await bouncer.with(ControlReportPolicy).authorize('view')
    const db = tenantDb()
    const [reports, subscriptions] = await Promise.all([
      db.from('control_reports').orderBy('period_start', 'desc').orderBy('kind').limit(200),
      db.from('control_report_subscriptions').where('user_id', auth.getUserOrFail().id).select('kind'),
    ])
    const subscribed = new Set(subscriptions.map((row) => row.kind))
    return view.render('pages/reports/index', {
      reports: reports.map((report) => ({ ...report, period_start: isoDay(report.period_start), period_end: isoDay(report.period_end) })),
      pending: reports.some((report) => report.status === 'queued' || report.status === 'running'),
      kinds: REPORT_KINDS.map((kind) => ({ kind, subscribed: subscribed.has(kind), period: lastCompletePeriod(kind) })),
    })
  }

  async generate(ctx: HttpContext) {
    const { request, response, bouncer, auth, session, i18n } = ctx
    await bouncer.with(ControlReportPolicy).authorize('generate')
    const { kind } = await request.validateUsing(kindValidator)
    const period = lastCompletePeriod(kind)
    const requested = await requestReport(kind, period, auth.getUserOrFail().id, { regenerate: true })
    await recordAudit(actorFromContext(ctx), 'control_report.requested', { type: 'control_report', id: requested.id }, { kind, periodStart: period.from.toISODate() })
    session.flash('notice', i18n.t(requested.queued ? 'reports.flash.queued' : 'reports.flash.in_progress'))
    return response.redirect('/control/reports')
  }

  async subscribe({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ControlReportPolicy).authorize('view')
    const { kind, subscribed } = await request.validateUsing(subscriptionValidator)
    const userId = auth.getUserOrFail().id
    const db = tenantDb()
    if (subscribed) await db.rawQuery(`insert into control_report_subscriptions (user_id, kind) values (?, ?) on conflict do nothing`, [userId, kind])
    else await db.from('control_report_subscriptions').where({ user_id: userId, kind }).delete()
    session.flash('notice', i18n.t(subscribed ? 'reports.flash.subscribed' : 'reports.flash.unsubscribed'))
    return response.redirect('/control/reports')
  }

  async download({ params, response, bouncer }: HttpContext) {
    await bouncer.with(ControlReportPolicy).authorize('view')
    const format = FORMATS[params.format as keyof typeof FORMATS]
    const report = await tenantDb().from('control_reports').where('id', params.id).where('status', 'ready').first()
    if (!report || !format || !report[format.column]) throw new errors.E_NOT_FOUND(`No ready report ${params.id}`)
    response.header('content-type', format.type)
    response.attachment(`control-report-${report.kind}-${isoDay(report.period_start)}.${params.format}`)
    return response.stream(await drive.use().getStream(report[format.column]))
  }
}
