import type { HttpContext } from '@adonisjs/core/http'
import { UploadError } from '#core/uploads/upload_error'
import { errors } from '#core/errors'
import { findImportRun, queueImportRun, runsInBackground, type ImportRun } from '#core/uploads/background_import'
import { queueService } from '#queue/queue_service'
import { uploadFieldError } from '#core/uploads/upload_messages'
import { tableSource } from '#core/uploads/table_file'
import { actorFromContext, recordAudit } from '#core/audit'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import { IMPORT_COLUMNS, IMPORT_KINDS, ImportStaffing, type ImportReport } from '#modules/staffing/actions/import_staffing'
import { fieldLabel, staffingMessages } from '#modules/staffing/validators/staffing_messages'
import { importValidator } from '#modules/staffing/validators/staffing_validators'

/**
 * Import of an establishment table or a staff list, with the row-by-row
 * validation report on the page.
 */
export default class StaffingImportController {
  #render(ctx: HttpContext, report: ImportReport | null, run: ImportRun | null = null) {
    const columns = Object.fromEntries(
      IMPORT_KINDS.map((kind) => [kind, IMPORT_COLUMNS[kind].all.map((column) => ({ label: fieldLabel(ctx.i18n, column), required: IMPORT_COLUMNS[kind].required.includes(column) }))])
    )
    return ctx.view.render('pages/staffing/import', { report, run, kinds: IMPORT_KINDS, columns })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(StaffingPolicy).authorize('manage')
    return this.#render(ctx, null)
  }

  async store(ctx: HttpContext) {
    const { request, response, bouncer, auth, i18n } = ctx
    await bouncer.with(StaffingPolicy).authorize('manage')
    const user = auth.getUserOrFail()
    const data = await request.validateUsing(importValidator, { messagesProvider: staffingMessages(i18n) })
    if (runsInBackground(data.file)) {
      const options = { kind: data.kind, validOnly: !!data.validOnly, completeList: !!data.completeList }
      const runId = await queueImportRun(`staffing.${data.kind}`, data.file, options, user.id)
      await queueService.dispatch('staffing.import', { runId }, { tenant: ctx.tenant.slug, attempts: 1 })
      return response.redirect(`/staffing/import/runs/${runId}`)
    }
    const policy = new StaffingPolicy()
    let report: ImportReport
    try {
      report = await new ImportStaffing().handle(
        data.kind,
        tableSource(data.file),
        user,
        { validOnly: !!data.validOnly, completeList: !!data.completeList, i18n, manageable: (departmentId) => policy.manage(user, departmentId) === true }
      )
    } catch (error) {
      if (error instanceof UploadError) throw uploadFieldError(i18n, 'file', data.file.clientName, error)
      throw error
    }
    if (report.applied) {
      await recordAudit(actorFromContext(ctx), 'staffing.imported', null, {
        kind: report.kind,
        file: data.file.clientName,
        rows: report.rows,
        imported: report.imported,
        skipped: report.problems.length,
        ended: report.ended,
      })
    }
    response.status(report.applied ? 200 : 422)
    return this.#render(ctx, report)
  }

  /** A background import: its progress while it runs (the page refreshes itself), then its report. */
  async run(ctx: HttpContext) {
    await ctx.bouncer.with(StaffingPolicy).authorize('manage')
    const run = await findImportRun(ctx.params.id)
    if (!run || !run.kind.startsWith('staffing.') || run.created_by !== ctx.auth.getUserOrFail().id) throw new errors.E_NOT_FOUND('No such import')
    return this.#render(ctx, run.status === 'done' ? run.report : null, run)
  }
}
