import type { HttpContext } from '@adonisjs/core/http'
import { HOME_LIST_LIMIT, type HomeSection } from '#core/home'
import { clockDate } from '#core/clock'
import { REGION_ZONE } from '#core/region_time'
import ProblemCase from '#modules/problems/models/problem_case'

/**
 * Citizens' problems on the home page of a body: department staff see the
 * open problems routed to their department (by reaction deadline, the
 * overdue first: problem_cases_queue); the head and admins, to whom overdue
 * problems escalate, see every department's overdue ones (problem_cases_due).
 */
export default async function problemsHome(ctx: HttpContext): Promise<HomeSection[]> {
  const { i18n } = ctx
  if (ctx.tenant.kind === 'portal') return []
  const user = ctx.auth.getUserOrFail()
  const now = clockDate()
  const query = ProblemCase.query().where('status', 'open')
  let key: string
  if (user.hasRole('head', 'admin')) {
    key = 'problems_overdue'
    query.where('deadline', '<', now).preload('department')
  } else if (user.departmentId && user.hasRole('department_head', 'executor')) {
    key = 'problems_queue'
    query.where('department_id', user.departmentId)
  } else {
    return []
  }
  const rows = await query
    .select('id', 'department_id', 'theme_name', 'address', 'municipality_name', 'deadline')
    .select(ProblemCase.query().client.raw('count(*) over ()::int as queue_total'))
    .orderBy('deadline')
    .orderBy('id')
    .limit(HOME_LIST_LIMIT)
  if (!rows.length) return []
  return [
    {
      key,
      position: 25,
      title: i18n.t(`dashboard.sections.${key}`),
      total: Number(rows[0].$extras.queue_total),
      items: rows.map((found) => ({
        href: `/problems/inbox/${found.id}`,
        label: `${found.themeName} — ${found.address || found.municipalityName}`,
        detail: key === 'problems_overdue' ? (found.department ? found.department.name(i18n.locale) : null) : null,
        date: found.deadline.setZone(REGION_ZONE).toISODate(),
        dateLabel: i18n.t('dashboard.reaction_deadline'),
        overdue: found.deadline.toMillis() < now.getTime(),
      })),
      links: [{ href: '/problems/inbox', label: i18n.t('dashboard.all.problems') }],
    },
  ]
}
