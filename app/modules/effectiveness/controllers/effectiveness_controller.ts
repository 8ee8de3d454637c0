import { BODY_KINDS } from '#tenancy/naming'
import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import Tenant from '#tenancy/tenant'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import { freshness, rollupAvailable } from '#modules/control/services/control_figures'
import EffectivenessPolicy, { departmentScopeOf } from '#modules/effectiveness/policies/effectiveness_policy'
import { effectivenessQueryValidator, periodOf } from '#modules/effectiveness/validators/period_validator'
import {
  BLOCK_SOURCE,
  ROLLUP_SOURCE,
  effectiveness,
  type EffectivenessRow,
  type Period,
} from '#modules/effectiveness/services/effectiveness_query'
import { effectivenessXlsx, type LabelledRow } from '#modules/effectiveness/exports/effectiveness_xlsx'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function departmentName(row: EffectivenessRow, i18n: I18n) {
  return (i18n.locale === 'en' ? row.department_en : row.department_ru) || i18n.t('effectiveness.no_department')
}

function periodQuery(period: Period) {
  return `from=${period.from.toISODate()}&to=${period.to.toISODate()}`
}

/** The block's own figures for a user: every department for heads, their own for a department head. */
async function blockFigures(ctx: HttpContext) {
  await ctx.bouncer.with(EffectivenessPolicy).authorize('viewBlock')
  const input = await effectivenessQueryValidator.validate(ctx.request.qs())
  const period = periodOf(input)
  const scope = departmentScopeOf(ctx.auth.getUserOrFail())
  if (scope !== null && input.department !== undefined && input.department !== scope) {
    throw new errors.E_NOT_FOUND(`Department ${input.department} is not yours`)
  }
  if (scope === null && input.department !== undefined && !(await tenantDb().from('departments').where('id', input.department).first())) {
    throw new errors.E_NOT_FOUND(`No department ${input.department}`)
  }
  const departmentId = scope ?? input.department
  const [departments, people] = await Promise.all([
    effectiveness(BLOCK_SOURCE, 'department', period, { departmentId }),
    effectiveness(BLOCK_SOURCE, 'person', period, { departmentId }),
  ])
  departments.sort((a, b) => departmentName(a, ctx.i18n).localeCompare(departmentName(b, ctx.i18n)))
  people.sort((a, b) => (a.full_name ?? '').localeCompare(b.full_name ?? ''))
  return { period, departments, people, departmentId: departmentId ?? null, wholeBlock: scope === null }
}

/** The region drill-down through the rollup: blocks → departments of a block → people of a department. */
async function regionFigures(ctx: HttpContext) {
  await ctx.bouncer.with(EffectivenessPolicy).authorize('viewRegion')
  const input = await effectivenessQueryValidator.validate(ctx.request.qs())
  const period = periodOf(input)
  const blocks = new Map((await Tenant.query().whereIn('kind', [...BODY_KINDS]).orderBy('slug')).map((block) => [block.slug, block]))
  const block = input.block ? blocks.get(input.block) : undefined
  if (input.block && !block) throw new errors.E_NOT_FOUND(`No block "${input.block}"`)
  let department: { name_ru: string; name_en: string } | null = null
  if (block && input.department !== undefined) {
    department = (await tenantDb().rawQuery(`select name_ru, name_en from rollup.departments where block = ? and id = ?`, [block.slug, input.department])).rows[0] ?? null
    if (!department) throw new errors.E_NOT_FOUND(`No department ${input.department} in "${block.slug}"`)
  }
  const level = !block ? 'block' : department ? 'person' : 'department'
  const [rows, asOf] = await Promise.all([
    effectiveness(ROLLUP_SOURCE, level, period, { block: block?.slug, departmentId: department ? input.department : undefined }),
    freshness(['effectiveness_days', 'effectiveness_overdue']),
  ])
  const label = (row: EffectivenessRow) =>
    level === 'block' ? (blocks.get(row.block!)?.name(ctx.i18n.locale) ?? row.block!) : level === 'person' ? (row.full_name ?? '') : departmentName(row, ctx.i18n)
  // blocks first, then municipalities: the region's two kinds of body, apart
  const kindOf = (row: EffectivenessRow) => (level === 'block' ? (blocks.get(row.block!)?.kind ?? 'block') : level)
  const labelled = rows.map((row) => ({ row, label: label(row), kind: ctx.i18n.t(`effectiveness.kinds.${kindOf(row)}`), group: kindOf(row) === 'municipality' ? 1 : 0 }))
  labelled.sort((a, b) => a.group - b.group || a.label.localeCompare(b.label))
  return { period, level, block: block ?? null, department, departmentId: input.department ?? null, rows: labelled, asOf }
}

/**
 * Effectiveness of people and departments over a period: the block's own
 * page (`/orders/effectiveness`) and the control tenant's region drill-down
 * (`/control/effectiveness`), both from one SQL definition, with XLSX exports.
 */
export default class EffectivenessController {
  async block(ctx: HttpContext) {
    const figures = await blockFigures(ctx)
    return ctx.view.render('pages/effectiveness/block', { ...figures, periodQuery: periodQuery(figures.period) })
  }

  async blockExport(ctx: HttpContext) {
    const { period, departments, people } = await blockFigures(ctx)
    const rows: LabelledRow[] = [
      ...departments.map((row) => ({ row, label: departmentName(row, ctx.i18n), kind: ctx.i18n.t('effectiveness.kinds.department') })),
      ...people.map((row) => ({ row, label: `${row.full_name ?? ''} (${departmentName(row, ctx.i18n)})`, kind: ctx.i18n.t('effectiveness.kinds.person') })),
    ]
    return this.#send(ctx, period, rows)
  }

  async region(ctx: HttpContext) {
    if (!(await rollupAvailable())) {
      await ctx.bouncer.with(EffectivenessPolicy).authorize('viewRegion')
      return ctx.view.render('pages/control/unavailable')
    }
    const figures = await regionFigures(ctx)
    return ctx.view.render('pages/effectiveness/region', { ...figures, periodQuery: periodQuery(figures.period) })
  }

  async regionExport(ctx: HttpContext) {
    const { period, rows } = await regionFigures(ctx)
    return this.#send(ctx, period, rows)
  }

  async #send({ response, i18n }: HttpContext, period: Period, rows: LabelledRow[]) {
    const title = i18n.t('effectiveness.title')
    const buffer = await effectivenessXlsx(title, rows, i18n)
    response.header('content-type', XLSX)
    response.attachment(`effectiveness-${period.from.toISODate()}-${period.to.toISODate()}.xlsx`)
    return response.send(buffer)
  }
}
