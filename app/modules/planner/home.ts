import type { HttpContext } from '@adonisjs/core/http'
import type { HomeSection } from '#core/home'
import { regionToday } from '#core/region_time'
import PlannerPolicy from '#modules/planner/policies/planner_policy'
import { plannerEntries } from '#modules/planner/builders/planner_range'

/** Entries of today's planner listed on the home page; the day view has the rest. */
const TODAY_LIMIT = 8

/**
 * Today's planner on the home page: the person's events and tasks of the
 * day (series expanded) and the order deadlines that fall on it, in time
 * order — the same entries as the planner's day view.
 */
export default async function plannerHome(ctx: HttpContext): Promise<HomeSection[]> {
  const { i18n, bouncer } = ctx
  if (!(await bouncer.with(PlannerPolicy).allows('use'))) return []
  const user = ctx.auth.getUserOrFail()
  const today = regionToday()
  const entries = await plannerEntries(user.id, today, today.plus({ days: 1 }))
  if (!entries.length) return []
  return [
    {
      key: 'planner_today',
      position: 35,
      title: i18n.t('dashboard.sections.planner_today'),
      total: entries.length,
      items: entries.slice(0, TODAY_LIMIT).map((entry) => ({
        href: entry.source === 'order_deadline' ? `/orders/${entry.orderId}` : `/planner/items/${entry.itemId}/edit`,
        label: entry.orderNumber && entry.source === 'order_deadline' ? `${entry.orderNumber} — ${entry.title}` : entry.title,
        time: entry.allDay ? i18n.t('dashboard.all_day') : `${entry.start.toFormat('HH:mm')}–${entry.end.toFormat('HH:mm')}`,
        detail: entry.kind === 'deadline' ? i18n.t('dashboard.order_deadline') : entry.location,
      })),
      links: [{ href: `/planner?view=day&date=${today.toISODate()}`, label: i18n.t('dashboard.all.planner_today') }],
    },
  ]
}
