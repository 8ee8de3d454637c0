import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import { staffingOverview } from '#modules/staffing/services/overview'
import { visibleDepartments } from '#modules/staffing/services/visible_departments'
import { writeCompletenessPdf, writeCompletenessXlsx, writePositionsXlsx } from '#modules/staffing/exports/staffing_export'
import { clockDate } from '#core/clock'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const BATCH = 1000

/**
 * Downloads: the completeness table (XLSX, PDF) and the establishment table
 * in force (XLSX, in the import's columns) of the departments the user sees.
 */
export default class StaffingExportsController {
  completenessXlsx(ctx: HttpContext) {
    return this.#completeness(ctx, 'xlsx')
  }

  completenessPdf(ctx: HttpContext) {
    return this.#completeness(ctx, 'pdf')
  }

  async #completeness(ctx: HttpContext, format: 'xlsx' | 'pdf') {
    const { response, i18n, bouncer } = ctx
    await bouncer.with(StaffingPolicy).authorize('view')
    const { all, departments } = await visibleDepartments(ctx)
    const overview = await staffingOverview(departments.map((department) => ({ id: department.id, name: department.name(i18n.locale) })), all)
    const stream = new PassThrough()
    const stamp = overview.today.toISODate()
    if (format === 'xlsx') {
      response.header('content-type', XLSX)
      response.attachment(`staffing-${stamp}.xlsx`)
      writeCompletenessXlsx(overview, stream, i18n).catch((error) => stream.destroy(error))
    } else {
      response.header('content-type', 'application/pdf')
      response.attachment(`staffing-${stamp}.pdf`)
      writeCompletenessPdf(overview, stream, i18n, i18n.t('staffing.title')).catch((error) => stream.destroy(error))
    }
    return response.stream(stream)
  }

  async positions(ctx: HttpContext) {
    const { response, i18n, bouncer } = ctx
    await bouncer.with(StaffingPolicy).authorize('view')
    const { departments } = await visibleDepartments(ctx)
    const ids = departments.map((department) => department.id)
    async function* batches() {
      let lastId = 0
      for (;;) {
        const batch = await StaffingPosition.query()
          .withScopes((scopes) => scopes.inForce())
          .whereIn('staffing_positions.department_id', ids)
          .join('departments', 'departments.id', 'staffing_positions.department_id')
          .select('staffing_positions.*', 'departments.code as department_code')
          .where('staffing_positions.id', '>', lastId)
          .orderBy('staffing_positions.id')
          .limit(BATCH)
        if (!batch.length) return
        lastId = batch[batch.length - 1].id
        yield batch as any
      }
    }
    const stream = new PassThrough()
    response.header('content-type', XLSX)
    response.attachment(`establishment-${clockDate().toISOString().slice(0, 10)}.xlsx`)
    writePositionsXlsx(batches(), stream, i18n).catch((error) => stream.destroy(error))
    return response.stream(stream)
  }
}
