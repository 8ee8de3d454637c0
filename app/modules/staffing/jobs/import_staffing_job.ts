import i18nManager from '@adonisjs/i18n/services/main'
import { Job } from '#queue/job'
import { recordAudit } from '#core/audit'
import { runImport } from '#core/uploads/background_import'
import { uploadProblemMessage } from '#core/uploads/upload_messages'
import User from '#modules/identity/models/user'
import StaffingPolicy from '#modules/staffing/policies/staffing_policy'
import { ImportStaffing, type ImportKind, type ImportReport } from '#modules/staffing/actions/import_staffing'

/**
 * A large staffing file, checked and written in the background with the
 * same action the form uses for small ones; the run's page shows the rows
 * checked and written as it goes, then the whole report.
 */
export default class ImportStaffingJob extends Job<{ runId: number }> {
  static jobName = 'staffing.import'

  async handle({ runId }: { runId: number }) {
    return runImport(
      runId,
      async (run, file, progress) => {
        const user = await User.findOrFail(run.created_by)
        const i18n = i18nManager.locale(user.locale ?? i18nManager.defaultLocale)
        const policy = new StaffingPolicy()
        const options = run.options as { kind: ImportKind; validOnly?: boolean; completeList?: boolean }
        const report: ImportReport = await new ImportStaffing().handle(options.kind, file, user, {
          validOnly: !!options.validOnly,
          completeList: !!options.completeList,
          i18n,
          manageable: (departmentId) => policy.manage(user, departmentId) === true,
          onProgress: progress,
        })
        if (report.applied) {
          await recordAudit({ id: user.id, email: user.email, ip: null, userAgent: null }, 'staffing.imported', null, {
            kind: report.kind, file: run.file_name, rows: report.rows, imported: report.imported, skipped: report.problems.length, ended: report.ended,
          })
        }
        return report
      },
      (run, error) => uploadProblemMessage(i18nManager.locale(i18nManager.defaultLocale), run.file_name, error)
    )
  }
}
