import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { isoDay } from '#core/date_column'
import { actorFromContext, recordAudit } from '#core/audit'
import CalendarPolicy from '#modules/orders/policies/calendar_policy'

const dayValidator = vine.create({
  day: vine.date({ formats: ['YYYY-MM-DD'] }),
  kind: vine.enum(['holiday', 'working_weekend']),
  note: vine.string().trim().maxLength(255).optional(),
})

const yearValidator = vine.create({ year: vine.number().min(2000).max(2100).optional() })

/**
 * The production calendar of the tenant: holidays and working weekends that
 * deadlines are counted on. Admins add and remove days; each change is audited.
 */
export default class CalendarController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(CalendarPolicy).authorize('view')
    const { year = DateTime.now().year } = await yearValidator.validate(request.qs())
    const days = await tenantDb()
      .from('orders_calendar_days')
      .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
      .orderBy('day')
    return view.render('pages/orders/calendar', {
      year,
      days: days.map((row: { day: Date; kind: string; note: string | null }) => ({
        day: isoDay(row.day),
        kind: row.kind,
        note: row.note,
      })),
    })
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, response, session, i18n } = ctx
    await bouncer.with(CalendarPolicy).authorize('edit')
    const { day, kind, note } = await request.validateUsing(dayValidator)
    const iso = DateTime.fromJSDate(day).toISODate()!
    await tenantDb()
      .insertQuery()
      .table('orders_calendar_days')
      .insert({ day: iso, kind, note: note ?? null })
      .onConflict('day')
      .merge()
    await recordAudit(actorFromContext(ctx), 'calendar.day_set', { type: 'calendar_day', id: iso }, { kind })
    session.flash('notice', i18n.t('orders.calendar.saved', { day: iso }))
    return response.redirect(`/orders/calendar?year=${iso.slice(0, 4)}`)
  }

  async destroy(ctx: HttpContext) {
    const { bouncer, params, response, session, i18n } = ctx
    await bouncer.with(CalendarPolicy).authorize('edit')
    const day = DateTime.fromISO(String(params.day))
    if (!day.isValid) return response.notFound()
    await tenantDb().from('orders_calendar_days').where('day', day.toISODate()!).delete()
    await recordAudit(actorFromContext(ctx), 'calendar.day_removed', { type: 'calendar_day', id: day.toISODate()! })
    session.flash('notice', i18n.t('orders.calendar.removed', { day: day.toISODate()! }))
    return response.redirect(`/orders/calendar?year=${day.year}`)
  }
}
