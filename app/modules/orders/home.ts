import type { HttpContext } from '@adonisjs/core/http'
import { HOME_LIST_LIMIT, type HomeItem, type HomeSection } from '#core/home'
import { isoDay } from '#core/date_column'
import { regionToday } from '#core/region_time'
import { ExpiringCache } from '#core/expiring_cache'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import type User from '#modules/identity/models/user'

/** "Due soon" on the home page: a deadline within this many days from today. */
export const DUE_SOON_DAYS = 7

/** Departments listed in the head's "overdue by department". */
const DEPARTMENTS_LIMIT = 30

const OPEN = `('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`
const AWAITING_ISSUER = `('report_submitted', 'extension_requested')`

interface OrderRow {
  id: number
  number: string
  text: string
  status: string
  deadline: string | null
  remark?: string | null
  requested?: string | null
}

interface PersonalRow {
  overdue_total: number
  overdue: OrderRow[]
  soon_total: number
  soon: OrderRow[]
  returned_total: number
  returned: OrderRow[]
  decisions_total: number
  decisions: OrderRow[]
  issued_overdue_total: number
  issued_overdue: OrderRow[]
}

interface DepartmentRow {
  id: number | null
  name_ru: string | null
  name_en: string | null
  remote: string | null
  overdue: number
}

/** `count` and the first rows (as JSON) of one of the lists, in one sub-select each. */
function listOf(name: string, from: string, where: string, columns = 'o.id, o.number, o.text, o.status, o.deadline') {
  return `(select count(*) from ${from} where ${where})::int as ${name}_total,
    (select coalesce(json_agg(l), '[]') from (select ${columns} from ${from} where ${where}
       order by o.deadline nulls last, o.id limit ${HOME_LIST_LIMIT}) l) as ${name}`
}

/**
 * The person's orders on the home page, in one round trip: the open orders
 * they execute (in person, or their department's for its head and
 * executors) that are overdue, due within DUE_SOON_DAYS or returned with a
 * remark; and, as issuer, the reports and extension requests that wait for
 * their decision and their issued orders now overdue. Each list reads an
 * index (order_executors by user and department, orders_issuer_open_index,
 * orders_issuer_awaiting_index)
 * and stops at the limit.
 */
async function personalOrders(user: User, today: string, soon: string): Promise<PersonalRow> {
  const byDepartment = !!user.departmentId && user.hasRole('department_head', 'executor')
  const sql = `with mine as materialized (
      select o.id, o.number, o.text, o.status, o.deadline
        from orders o
       where o.status in ${OPEN}
         and o.id in (select e.order_id from order_executors e
                       where e.user_id = :me or (:byDepartment and e.department_id = :department))
    )
    select
      ${listOf('overdue', 'mine o', 'o.deadline < :today')},
      ${listOf('soon', 'mine o', 'o.deadline between :today and :soon')},
      ${listOf(
        'returned',
        'mine o',
        `o.status = 'returned'`,
        `o.id, o.number, o.text, o.status, o.deadline,
         (select r.review_comment from order_reports r where r.order_id = o.id and r.status = 'returned' order by r.id desc limit 1) as remark`
      )},
      ${listOf(
        'decisions',
        'orders o',
        `o.issuer_id = :me and o.status in ${AWAITING_ISSUER}`,
        `o.id, o.number, o.text, o.status, o.deadline,
         (select x.requested_deadline from order_extension_requests x where x.order_id = o.id and x.status = 'pending' order by x.id desc limit 1) as requested`
      )},
      ${listOf('issued_overdue', 'orders o', `o.issuer_id = :me and o.status in ${OPEN} and o.deadline < :today`)}`
  const result = await tenantDb().rawQuery<{ rows: PersonalRow[] }>(sql, {
    me: user.id,
    byDepartment,
    department: user.departmentId ?? -1,
    today,
    soon,
  })
  return result.rows[0]
}

/**
 * The office-wide figures are the same for every head of the tenant and
 * aggregate every overdue order: kept a few seconds per tenant and day, like
 * the dashboard summary, so a morning of heads opening their home page runs
 * the aggregate once.
 */
const OVERDUE_BY_DEPARTMENT_TTL_MS = 30_000
const overdueFigures = new ExpiringCache<DepartmentRow[]>(OVERDUE_BY_DEPARTMENT_TTL_MS, 1_000)

function cachedOverdueByDepartment(today: string) {
  return overdueFigures.fetch(`${tenantScope.currentOrFail().slug}:${today}`, () => overdueByDepartment(today))
}

/**
 * The head's view of the office: open orders past their deadline, counted
 * by the responsible executor's department (a person counts for their
 * department; an order sent to another body for that body).
 */
async function overdueByDepartment(today: string): Promise<DepartmentRow[]> {
  const result = await tenantDb().rawQuery<{ rows: DepartmentRow[] }>(
    `select d.id, d.name_ru, d.name_en, e.remote_department_name as remote, count(*)::int as overdue
       from orders o
       join order_executors e on e.order_id = o.id and e.role = 'responsible'
       left join users u on u.id = e.user_id
       left join departments d on d.id = coalesce(e.department_id, u.department_id)
      where o.status in ${OPEN} and o.deadline < ?
      group by d.id, d.name_ru, d.name_en, e.remote_department_name
      order by overdue desc, d.name_ru nulls last, e.remote_department_name
      limit ${DEPARTMENTS_LIMIT}`,
    [today]
  )
  return result.rows
}

/**
 * The orders sections of the signed-in home page (core/home.ts): what is
 * overdue or due soon for me, what waits for my decision, the remarks on my
 * reports, my issued orders gone overdue, and — for the head — the office's
 * overdue orders by department.
 */
export default async function ordersHome(ctx: HttpContext): Promise<HomeSection[]> {
  const { i18n } = ctx
  const user = ctx.auth.getUserOrFail()
  const day = regionToday()
  const today = day.toISODate()!
  const soon = day.plus({ days: DUE_SOON_DAYS }).toISODate()!
  const [mine, departments] = await Promise.all([
    personalOrders(user, today, soon),
    user.role === 'head' ? cachedOverdueByDepartment(today) : Promise.resolve(null),
  ])

  const item = (order: OrderRow, extra: Partial<HomeItem> = {}): HomeItem => {
    const deadline = order.deadline ? isoDay(order.deadline) : null
    return {
      href: `/orders/${order.id}`,
      label: `${order.number} — ${excerpt(order.text)}`,
      date: deadline,
      dateLabel: deadline ? i18n.t('dashboard.deadline') : null,
      overdue: !!deadline && deadline < today,
      ...extra,
    }
  }
  const sections: HomeSection[] = []
  const add = (key: string, position: number, total: number, items: HomeItem[], links: HomeSection['links']) => {
    if (total > 0) sections.push({ key, position, title: i18n.t(`dashboard.sections.${key}`), total, items, links })
  }

  add('orders_overdue', 10, mine.overdue_total, mine.overdue.map((order) => item(order)), [
    { href: '/orders?role=executor&overdue=1', label: i18n.t('dashboard.all.orders_overdue') },
  ])
  add('orders_due_soon', 11, mine.soon_total, mine.soon.map((order) => item(order)), [
    { href: `/orders?role=executor&deadlineFrom=${today}&deadlineTo=${soon}`, label: i18n.t('dashboard.all.orders_due_soon') },
  ])
  add(
    'orders_decisions',
    20,
    mine.decisions_total,
    mine.decisions.map((order) =>
      order.status === 'extension_requested' && order.requested
        ? item(order, {
            detail: i18n.t('dashboard.extension_requested'),
            date: isoDay(order.requested),
            dateLabel: i18n.t('dashboard.requested_deadline'),
            overdue: false,
          })
        : item(order, { detail: i18n.t(`orders.statuses.${order.status}`) })
    ),
    [
      { href: '/orders?role=issuer&status=report_submitted', label: i18n.t('dashboard.all.reports_to_review') },
      { href: '/orders?role=issuer&status=extension_requested', label: i18n.t('dashboard.all.extension_requests') },
    ]
  )
  add(
    'orders_remarks',
    21,
    mine.returned_total,
    mine.returned.map((order) => item(order, { detail: order.remark ? i18n.t('dashboard.remark', { text: excerpt(order.remark) }) : null })),
    [{ href: '/orders?role=executor&status=returned', label: i18n.t('dashboard.all.orders_remarks') }]
  )
  add('orders_issued_overdue', 30, mine.issued_overdue_total, mine.issued_overdue.map((order) => item(order)), [
    { href: '/orders?role=issuer&overdue=1', label: i18n.t('dashboard.all.orders_issued_overdue') },
  ])
  if (departments?.length) {
    add(
      'orders_overdue_by_department',
      40,
      departments.reduce((sum, row) => sum + row.overdue, 0),
      departments.map((row) => ({
        href: row.id ? `/orders?executor=department:${row.id}&overdue=1` : '/orders?overdue=1',
        label: (i18n.locale === 'en' ? row.name_en : row.name_ru) ?? row.remote ?? i18n.t('dashboard.no_department'),
        count: row.overdue,
      })),
      [
        { href: '/orders?overdue=1', label: i18n.t('dashboard.all.orders_all_overdue') },
        { href: '/orders/dashboard', label: i18n.t('dashboard.all.orders_dashboard') },
      ]
    )
  }
  return sections
}

/** The start of a long text, cut at a word. */
function excerpt(text: string, length = 90) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length - 20))}…`
}
