import { Job } from '#queue/job'
import { reportDownloads } from '#modules/opendata/services/downloads'

/** Daily, on a portal: each publishing body gets its datasets' downloads per month (see reportDownloads); elsewhere nothing. */
export default class ReportDownloadsJob extends Job<Record<string, never>> {
  static jobName = 'opendata.report_downloads'
  static tenantScoped = true

  async handle() {
    return reportDownloads()
  }
}
