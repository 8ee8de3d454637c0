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
import { importTemplateXlsx, sendImportTemplate, type TemplateValue } from '#core/uploads/import_template'
import { regionToday } from '#core/region_time'
import Department from '#modules/identity/models/department'
import StaffingPosition from '#modules/staffing/models/staffing_position'

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

  /**
   * The template of a table: the headers the import reads, in the user's
   * language, and a sample row that imports as it is (a department the user
   * manages, a position in force there for a staff list).
   */
  async template(ctx: HttpContext) {
    const { params, i18n, auth, response } = ctx
    await ctx.bouncer.with(StaffingPolicy).authorize('manage')
    const kind = params.kind as (typeof IMPORT_KINDS)[number]
    if (!IMPORT_KINDS.includes(kind)) throw new errors.E_NOT_FOUND('No such template')
    const user = auth.getUserOrFail()
    const policy = new StaffingPolicy()
    const departments = await Department.query().where('is_active', true).orderBy('code')
    const department = departments.find((candidate) => policy.manage(user, candidate.id) === true)
    const day = regionToday().startOf('month')
    const sample = i18n.t.bind(i18n)
    let samples: Record<string, TemplateValue>
    if (kind === 'positions') {
      samples = {
        department: department?.code ?? 'main', title: sample('uploads.template.samples.position_title'), category: sample('uploads.template.samples.position_category'),
        approvedFte: 1, keyPost: '', effectiveFrom: day, effectiveTo: null,
      }
    } else {
      const position = department
        ? await StaffingPosition.query().withScopes((scopes) => scopes.inForce()).where('department_id', department.id).orderBy('id').first()
        : null
      samples = {
        department: department?.code ?? 'main', position: position?.title ?? sample('uploads.template.samples.position_title'),
        personName: sample('uploads.template.samples.person_name'), status: sample('staffing.staff_statuses.filled'), rate: 1, since: day,
      }
    }
    const columns = IMPORT_COLUMNS[kind].all.map((column) => ({ header: fieldLabel(i18n, column), sample: samples[column] }))
    return sendImportTemplate(response, `staffing-${kind}-template`, await importTemplateXlsx(i18n.t(`staffing.import.kinds.${kind}`), columns))
  }

  /** A background import: its progress while it runs (the page refreshes itself), then its report. */
  async run(ctx: HttpContext) {
    await ctx.bouncer.with(StaffingPolicy).authorize('manage')
    const run = await findImportRun(ctx.params.id)
    if (!run || !run.kind.startsWith('staffing.') || run.created_by !== ctx.auth.getUserOrFail().id) throw new errors.E_NOT_FOUND('No such import')
    return this.#render(ctx, run.status === 'done' ? run.report : null, run)
  }
}
