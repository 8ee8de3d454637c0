import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { UploadError } from '#core/uploads/upload_error'
import { uploadFieldError } from '#core/uploads/upload_messages'
import { tableSource } from '#core/uploads/table_file'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { IMPORT_COLUMNS, ImportCases } from '#modules/lawsuits/actions/import_cases'
import { importValidator } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'
import { importTemplateXlsx, sendImportTemplate, type TemplateValue } from '#core/uploads/import_template'
import { regionToday } from '#core/region_time'
import Department from '#modules/identity/models/department'

/**
 * Import of cases from XLSX/CSV with a row-by-row report.
 */
export default class LawsuitImportsController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('manage')
    return view.render('pages/lawsuits/import', { report: null, columns: IMPORT_COLUMNS })
  }

  async store(ctx: HttpContext) {
    const { request, response, view, bouncer, i18n } = ctx
    await bouncer.with(LawsuitPolicy).authorize('manage')
    const { file, validOnly } = await request.validateUsing(importValidator, { messagesProvider: lawsuitMessages(i18n) })
    let report
    try {
      report = await new ImportCases().handle(tableSource(file), { validOnly: !!validOnly }, actorFromContext(ctx), i18n)
    } catch (error) {
      if (error instanceof UploadError) throw uploadFieldError(i18n, 'file', file.clientName, error)
      throw error
    }
    // Nothing imported because of bad rows (or a bad file): the request is unprocessable as sent.
    if (report.fileError || (report.problems.length && !report.imported)) response.status(422)
    return view.render('pages/lawsuits/import', { report, columns: IMPORT_COLUMNS, validOnly: !!validOnly })
  }

  /**
   * The template: the headers the import reads, in the user's language, and a
   * sample row that imports as it is (a case number of the current year, an
   * active department, a hearing next month as a date cell).
   */
  async template({ bouncer, i18n, response }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('manage')
    const department = await Department.query().where('is_active', true).orderBy('code').first()
    const today = regionToday()
    const sample = (key: string) => i18n.t(`uploads.template.samples.${key}`)
    const samples: Record<(typeof IMPORT_COLUMNS)[number], TemplateValue> = {
      number: `А32-12345/${today.year}`, court: sample('court'), instance: i18n.t('lawsuits.instances.first'), judge: sample('judge'),
      category: i18n.t('lawsuits.categories.contract'), ourRole: i18n.t('lawsuits.party_roles.defendant'), subject: sample('subject'),
      claimedAmount: 1500000, awardedAmount: null, collectedAmount: null, outcome: null, decidedOn: null,
      department: department?.code ?? 'main', lawyer: null, plaintiff: sample('plaintiff'), defendant: sample('defendant'),
      hearingOn: today.plus({ months: 1 }).startOf('month'), hearingAt: '10:00', courtroom: sample('courtroom'),
    }
    const columns = IMPORT_COLUMNS.map((column) => ({ header: i18n.t(`lawsuits.fields.${column}`), sample: samples[column] }))
    return sendImportTemplate(response, 'lawsuits-template', await importTemplateXlsx(i18n.t('lawsuits.import.title'), columns))
  }
}
