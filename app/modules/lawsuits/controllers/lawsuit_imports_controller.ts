import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { UploadError } from '#core/uploads/upload_error'
import { uploadFieldError } from '#core/uploads/upload_messages'
import { tableSource } from '#core/uploads/table_file'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { IMPORT_COLUMNS, ImportCases } from '#modules/lawsuits/actions/import_cases'
import { importValidator } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'

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
}
