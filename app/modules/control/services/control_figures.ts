import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { isoDay } from '#core/date_column'
import { regionToday, regionTodayIso } from '#core/region_time'

export const OPEN_STATUSES = ['issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned']
const OPEN = `('${OPEN_STATUSES.join("', '")}')`

/**
 * The figures of a body, a block or a department. `on_time`, `overdue`,
 * `due_week`, `executed_month` and `special_control` are defined as on the
 * block's own orders dashboard, so both show the same numbers for the same
 * moment (the control page's are as of its freshness time).
 */
export interface Figures {
  open: number
  on_time: number
  overdue: number
  due_week: number
  special_control: number
  executed: number
  executed_month: number
}

const FIGURES = `coalesce(sum(orders) filter (where status in ${OPEN}), 0)::int as open,
  coalesce(sum(orders) filter (where overdue), 0)::int as overdue,
  coalesce(sum(orders) filter (where due_week), 0)::int as due_week,
  coalesce(sum(orders) filter (where special_control and status in ${OPEN}), 0)::int as special_control,
  coalesce(sum(orders) filter (where status in ('accepted', 'removed')), 0)::int as executed,
  coalesce(sum(orders) filter (where status in ${OPEN} and overdue is not true), 0)::int as on_time,
  coalesce(sum(orders) filter (where executed_month), 0)::int as executed_month`

/** The dashboard's own aggregates (control/aggregates.ts). */
export const DASHBOARD_AGGREGATES = ['order_stats', 'order_weeks']

/**
 * When the materialized figures were last refreshed (the oldest of them, or
 * of the `names` given), or null before the first build.
 */
export async function freshness(names?: string[]): Promise<DateTime | null> {
  const result = names
    ? await tenantDb().rawQuery(`select min(refreshed_at) as at from rollup.freshness where name = any(?)`, [names])
    : await tenantDb().rawQuery(`select min(refreshed_at) as at from rollup.freshness`)
  const at = result.rows[0]?.at
  return at ? DateTime.fromJSDate(at) : null
}

/** Whether the rollup exists (it is taken down while tenants migrate). */
export async function rollupAvailable() {
  const result = await tenantDb().rawQuery(`select to_regclass('rollup.order_stats') is not null as ready`)
  return result.rows[0].ready as boolean
}

/** Region: totals, the same per block, and issued / executed per week for 12 weeks. */
export async function regionFigures() {
  const db = tenantDb()
  const [totals, blocks, weeks] = await Promise.all([
    db.rawQuery(`select ${FIGURES} from rollup.order_stats`),
    db.rawQuery(`select block, ${FIGURES} from rollup.order_stats group by block order by block`),
    db.rawQuery(
      `select week, sum(issued)::int as issued, sum(executed)::int as executed, sum(executed_on_time)::int as executed_on_time
         from rollup.order_weeks where week >= date_trunc('week', ?::date)::date - 77
        group by week order by week`,
      [regionTodayIso()]
    ),
  ])
  return {
    totals: totals.rows[0] as Figures,
    blocks: blocks.rows as (Figures & { block: string })[],
    weeks: twelveWeeks(weeks.rows),
  }
}

export interface WeekFigures {
  /** Monday of the week, YYYY-MM-DD. */
  week: string
  issued: number
  executed: number
  executed_on_time: number
}

/**
 * The last 12 weeks (Monday to Sunday, the current one last), every week
 * present: a week nothing happened in shows zeros rather than vanishing.
 */
export function twelveWeeks(rows: { week: Date | string; issued: number; executed: number; executed_on_time: number }[], today = regionToday()) {
  const byWeek = new Map(rows.map((row) => [isoDay(row.week), row]))
  const current = today.startOf('week')
  return Array.from({ length: 12 }, (_, index): WeekFigures => {
    const week = current.minus({ weeks: 11 - index }).toISODate()!
    const row = byWeek.get(week)
    return { week, issued: row?.issued ?? 0, executed: row?.executed ?? 0, executed_on_time: row?.executed_on_time ?? 0 }
  })
}

/** One block: its totals and the same per department (names from the rollup). */
export async function blockFigures(block: string) {
  const db = tenantDb()
  const [totals, departments] = await Promise.all([
    db.rawQuery(`select ${FIGURES} from rollup.order_stats where block = ?`, [block]),
    db.rawQuery(
      `select f.*, d.name_ru, d.name_en
         from (select department_id, ${FIGURES} from rollup.order_stats where block = ? group by department_id) f
         left join rollup.departments d on d.block = ? and d.id = f.department_id
        order by f.overdue desc, f.open desc`,
      [block, block]
    ),
  ])
  return { totals: totals.rows[0] as Figures, departments: departments.rows as (Figures & { department_id: number; name_ru: string | null; name_en: string | null })[] }
}

export interface RollupOrderRow {
  block: string
  id: number
  number: string
  status: string
  special_control: boolean
  text: string | null
  deadline: Date | null
  responsible_ru: string | null
  responsible_en: string | null
}

const ORDER_ROW = `o.block, o.id, o.number, o.status, o.special_control, o.text, o.deadline,
  coalesce(rd.name_ru, rp.full_name) as responsible_ru, coalesce(rd.name_en, rp.full_name) as responsible_en`
const RESPONSIBLE_JOINS = `left join rollup.order_executors re on re.block = o.block and re.order_id = o.id and re.role = 'responsible'
  left join rollup.departments rd on rd.block = re.block and rd.id = re.department_id
  left join rollup.staff rp on rp.block = re.block and rp.id = re.user_id`

/**
 * Live (not materialized) orders of one department of a block: those whose
 * responsible executor is the department or one of its people. One page
 * plus one row to tell whether another page follows.
 */
export async function departmentOrders(block: string, departmentId: number, options: { page: number; perPage: number; overdue?: boolean }) {
  const result = await tenantDb().rawQuery(
    `select ${ORDER_ROW}
       from rollup.orders o
       ${RESPONSIBLE_JOINS}
      where o.block = ? and o.status <> 'draft'
        and (re.department_id = ? or rp.department_id = ?)
        ${options.overdue ? `and o.status in ${OPEN} and o.deadline < ?::date` : ''}
      order by o.deadline nulls last, o.id desc
      limit ? offset ?`,
    [block, departmentId, departmentId, ...(options.overdue ? [regionTodayIso()] : []), options.perPage + 1, (options.page - 1) * options.perPage]
  )
  return result.rows as RollupOrderRow[]
}

/** Region-wide open orders past their deadline, or due within three days (at risk), most urgent first. */
export async function riskList(kind: 'overdue' | 'at_risk', options: { page: number; perPage: number }) {
  const today = regionTodayIso()
  const [window, dates] =
    kind === 'overdue'
      ? [`o.deadline < ?::date`, [today]]
      : [`o.deadline between ?::date and ?::date + 3 and o.status <> 'report_submitted'`, [today, today]]
  const result = await tenantDb().rawQuery(
    `select ${ORDER_ROW}
       from rollup.orders o
       ${RESPONSIBLE_JOINS}
      where o.status in ${OPEN} and ${window}
      order by o.deadline, o.block, o.id
      limit ? offset ?`,
    [...dates, options.perPage + 1, (options.page - 1) * options.perPage]
  )
  return result.rows as RollupOrderRow[]
}

/** One order of a block, read-only, with its executors; null when the rollup has no such order. */
export async function rollupOrder(block: string, id: number) {
  const db = tenantDb()
  const order = (
    await db.rawQuery(
      `select o.*, d.name_ru as department_ru, d.name_en as department_en
         from rollup.orders o left join rollup.departments d on d.block = o.block and d.id = o.department_id
        where o.block = ? and o.id = ? and o.status <> 'draft'`,
      [block, id]
    )
  ).rows[0]
  if (!order) return null
  const executors = (
    await db.rawQuery(
      `select e.role, e.status, e.deadline, coalesce(d.name_ru, p.full_name) as name_ru, coalesce(d.name_en, p.full_name) as name_en
         from rollup.order_executors e
         left join rollup.departments d on d.block = e.block and d.id = e.department_id
         left join rollup.staff p on p.block = e.block and p.id = e.user_id
        where e.block = ? and e.order_id = ?
        order by e.role desc, e.id`,
      [block, id]
    )
  ).rows
  const children = (
    await db.rawQuery(`select id, number, status, deadline from rollup.orders where block = ? and parent_id = ? order by id`, [block, id])
  ).rows
  // the history and the reports as the rollup has them: a restricted order's texts are empty there
  const [history, reports] = await Promise.all([
    db.rawQuery(
      `select a.id, a.action, a.field, a.old_value, a.new_value, a.created_at, p.full_name as actor
         from rollup.order_activities a left join rollup.staff p on p.block = a.block and p.id = a.actor_id
        where a.block = ? and a.order_id = ?
        order by a.id desc`,
      [block, id]
    ),
    db.rawQuery(
      `select r.id, r.status, r.text, r.review_comment, r.completed_on, r.created_at, r.reviewed_at, p.full_name as author
         from rollup.order_reports r left join rollup.staff p on p.block = r.block and p.id = r.author_id
        where r.block = ? and r.order_id = ?
        order by r.id desc`,
      [block, id]
    ),
  ])
  return { order, executors, children, history: history.rows, reports: reports.rows }
}
