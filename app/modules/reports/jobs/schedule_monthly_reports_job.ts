import { Job } from '#queue/job'
import { scheduleReports } from '#modules/reports/services/schedule_reports'

/** The 1st of the month, 08:00 (Moscow): the monthly control report of the month just finished, in every control tenant. */
export default class ScheduleMonthlyReportsJob extends Job {
  static jobName = 'reports.schedule_monthly'
  static tenantScoped = false

  async handle() {
    return scheduleReports('monthly')
  }
}
