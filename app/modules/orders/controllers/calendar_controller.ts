import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { isoDay } from '#core/date_column'
import { actorFromContext, recordAudit } from '#core/audit'
import CalendarPolicy from '#modules/orders/policies/calendar_policy'
import { tenantDeadlineRules } from '#modules/orders/services/tenant_calendar'
import {
  DEADLINE_RULE_KINDS,
  DEFAULT_DEADLINE_RULES,
  ruleFromForm,
  ruleToForm,
  sameRule,
  type DeadlineRules,
} from '#modules/orders/calendar/deadline_rules'
import { clockDate } from '#core/clock'
import { formatDate } from '#core/dates'

const dayValidator = vine.create({
  day: vine.date({ formats: ['YYYY-MM-DD'] }),
  kind: vine.enum(['holiday', 'working_weekend']),
  note: vine.string().trim().maxLength(255).optional(),
})

const yearValidator = vine.create({ year: vine.number().min(2000).max(2100).optional() })

const wholeNumber = (min: number, max: number) => vine.number().withoutDecimals().range([min, max])

/** A keyword's rule from the settings form; the number's range depends on the kind. */
const ruleSchema = () =>
  vine
    .object({ kind: vine.enum(DEADLINE_RULE_KINDS) })
    .merge(
      vine.group([
        vine.group.if((rule) => rule.kind === 'working_days', { value: wholeNumber(1, 60) }),
        vine.group.if((rule) => rule.kind === 'day_of_next_month', { value: wholeNumber(1, 31) }),
        vine.group.if((rule) => rule.kind === 'date_of_next_year', { value: wholeNumber(1, 31), month: wholeNumber(1, 12) }),
        vine.group.else({ value: wholeNumber(1, 24) }),
      ])
    )

const KEYWORDS = Object.keys(DEFAULT_DEADLINE_RULES) as (keyof DeadlineRules)[]

const rulesValidator = vine.create({
  rules: vine.object(Object.fromEntries(KEYWORDS.map((keyword) => [keyword, ruleSchema()])) as Record<keyof DeadlineRules, ReturnType<typeof ruleSchema>>),
})

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
    const rules = await tenantDeadlineRules()
    return view.render('pages/orders/calendar', {
      year,
      ruleKinds: DEADLINE_RULE_KINDS,
      canEdit: await bouncer.with(CalendarPolicy).allows('edit'),
      rules: KEYWORDS.map((keyword) => ({
        keyword,
        ...ruleToForm(rules[keyword]),
        isDefault: sameRule(rules[keyword], DEFAULT_DEADLINE_RULES[keyword]),
      })),
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
    session.flash('notice', i18n.t('orders.calendar.saved', { day: formatDate(iso, i18n.locale) }))
    return response.redirect(`/orders/calendar?year=${iso.slice(0, 4)}`)
  }

  /** Saves what each deadline keyword means in this tenant; audited with the old and new rules. */
  async updateRules(ctx: HttpContext) {
    const { bouncer, request, response, session, i18n, auth } = ctx
    await bouncer.with(CalendarPolicy).authorize('edit')
    const { rules } = await request.validateUsing(rulesValidator)
    const before = await tenantDeadlineRules()
    const changed = KEYWORDS.map((keyword) => ({ keyword, from: before[keyword], to: ruleFromForm(rules[keyword]) })).filter(
      (change) => !sameRule(change.from, change.to)
    )
    if (changed.length) {
      await tenantDb().transaction(async (trx) => {
        for (const change of changed) {
          await trx
            .insertQuery()
            .table('orders_deadline_rules')
            .insert({ keyword: change.keyword, rule: JSON.stringify(change.to), updated_by: auth.getUserOrFail().id, updated_at: clockDate() })
            .onConflict('keyword')
            .merge()
        }
      })
      await recordAudit(actorFromContext(ctx), 'calendar.rules_changed', { type: 'deadline_rules', id: 'keywords' }, { changed })
    }
    session.flash('notice', i18n.t('orders.calendar.rules_saved', { count: changed.length }))
    return response.redirect('/orders/calendar')
  }

  async destroy(ctx: HttpContext) {
    const { bouncer, params, response, session, i18n } = ctx
    await bouncer.with(CalendarPolicy).authorize('edit')
    const day = DateTime.fromISO(String(params.day))
    if (!day.isValid) return response.notFound()
    await tenantDb().from('orders_calendar_days').where('day', day.toISODate()!).delete()
    await recordAudit(actorFromContext(ctx), 'calendar.day_removed', { type: 'calendar_day', id: day.toISODate()! })
    session.flash('notice', i18n.t('orders.calendar.removed', { day: formatDate(day, i18n.locale) }))
    return response.redirect(`/orders/calendar?year=${day.year}`)
  }
}
