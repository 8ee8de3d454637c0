import { Job } from '#queue/job'
import { scheduleReports } from '#modules/reports/services/schedule_reports'

/** Monday 08:00 (Moscow): the weekly control report of the week just finished, in every control tenant. */
export default class ScheduleWeeklyReportsJob extends Job {
  static jobName = 'reports.schedule_weekly'
  static tenantScoped = false

  async handle() {
    return scheduleReports('weekly')
  }
}
