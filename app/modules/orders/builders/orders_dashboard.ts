import { DateTime } from 'luxon'
import redis from '@adonisjs/redis/services/main'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import { regionToday } from '#core/region_time'

const OPEN = `orders.status in ('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`

interface DepartmentFigures {
  id: number
  name_ru: string
  name_en: string
  open: number
  overdue: number
  executed: number
}

const CACHE_SECONDS = 60

/**
 * The dashboard figures as of at most a minute ago: aggregating a large
 * office's orders on every page view is what made this page slow, and the
 * page says when the figures were computed.
 */
export async function cachedOrdersDashboard(user: User, locale: string) {
  const key = `orders:dashboard:${tenantScope.currentOrFail().slug}:${user.id}:${locale}`
  const cached = await redis.get(key)
  if (cached) return JSON.parse(cached) as Awaited<ReturnType<typeof loadOrdersDashboard>> & { computedAt: string }
  const figures = { ...(await loadOrdersDashboard(user, locale)), computedAt: DateTime.now().toISO()! }
  await redis.setex(key, CACHE_SECONDS, JSON.stringify(figures))
  return figures
}

/**
 * The figures of the orders dashboard, over the orders the user may see:
 * open on time, overdue, due this week, executed this month, and the same
 * per responsible department. Two aggregate queries, whatever the volume.
 */
export async function loadOrdersDashboard(user: User, locale: string) {
  // the region's calendar day, as the Department of Control's figures count it (control/aggregates.ts)
  const today = regionToday()
  const weekEnd = today.endOf('week').toISODate()!
  const monthStart = today.startOf('month').toISO()!
  const bindings = [today.toISODate()!, today.toISODate()!, today.toISODate()!, weekEnd, monthStart]

  const totals = await visibleTo(Order.query(), user)
    .select(
      Order.query().client.raw(
        `count(*) filter (where ${OPEN} and (orders.deadline is null or orders.deadline >= ?))::int as on_time,
         count(*) filter (where ${OPEN} and orders.deadline < ?)::int as overdue,
         count(*) filter (where ${OPEN} and orders.deadline >= ? and orders.deadline <= ?)::int as due_this_week,
         count(*) filter (where orders.status in ('accepted', 'removed') and orders.accepted_at >= ?)::int as executed_this_month,
         count(*) filter (where orders.special_control and ${OPEN})::int as special_control`,
        bindings
      )
    )
    .pojo<{ on_time: number; overdue: number; due_this_week: number; executed_this_month: number; special_control: number }>()
    .first()

  const byDepartment = await visibleTo(Order.query(), user)
    .join('order_executors as responsible', (join) => {
      join.on('responsible.order_id', 'orders.id').andOnVal('responsible.role', 'responsible')
    })
    .join('departments', 'departments.id', 'responsible.department_id')
    .select(
      'departments.id',
      'departments.name_ru',
      'departments.name_en',
      Order.query().client.raw(
        `count(*) filter (where ${OPEN})::int as open,
         count(*) filter (where ${OPEN} and orders.deadline < ?)::int as overdue,
         count(*) filter (where orders.status in ('accepted', 'removed'))::int as executed`,
        [today.toISODate()!]
      )
    )
    .groupBy('departments.id')
    .orderBy('departments.name_ru')
    .pojo<DepartmentFigures>()

  return {
    totals: totals ?? { on_time: 0, overdue: 0, due_this_week: 0, executed_this_month: 0, special_control: 0 },
    departments: byDepartment.map((row) => ({
      name: locale === 'en' ? row.name_en : row.name_ru,
      open: row.open,
      overdue: row.overdue,
      executed: row.executed,
    })),
  }
}
