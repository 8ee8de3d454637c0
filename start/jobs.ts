/*
|--------------------------------------------------------------------------
| Jobs and schedules
|--------------------------------------------------------------------------
|
| The one place where background jobs and their repeatable (cron) schedules
| are registered. Cron expressions run in the region's time zone.
|
*/

import type { JobClass, Schedule } from '#queue/job'
import { REGION_ZONE } from '#core/region_time'
import { settings } from '#core/settings'

/** Cron (with seconds) of the bus sweep: every BUS_SWEEP_SECONDS. */
function everySeconds(seconds: number) {
  return seconds < 60 ? `*/${Math.max(1, Math.round(seconds))} * * * * *` : `0 */${Math.round(seconds / 60)} * * * *`
}

export const jobs: Record<string, () => Promise<{ default: JobClass }>> = {
  'identity.purge_expired_credentials': () => import('#modules/identity/jobs/purge_expired_credentials_job'),
  'orders.sweep_deadlines': () => import('#modules/orders/jobs/sweep_deadlines_job'),
  'control.refresh_rollup': () => import('#modules/control/jobs/refresh_rollup_job'),
  'reports.generate': () => import('#modules/reports/jobs/generate_report_job'),
  'reports.schedule_weekly': () => import('#modules/reports/jobs/schedule_weekly_reports_job'),
  'reports.schedule_monthly': () => import('#modules/reports/jobs/schedule_monthly_reports_job'),
  'notifications.deliver_emails': () => import('#modules/notifications/jobs/deliver_emails_job'),
  'orders.transcribe_voice': () => import('#modules/orders/jobs/transcribe_voice_job'),
  'staffing.snapshot_month': () => import('#modules/staffing/jobs/snapshot_month_job'),
  'staffing.import': () => import('#modules/staffing/jobs/import_staffing_job'),
  'bus.relay_outbox': () => import('#bus/jobs/relay_outbox_job'),
  'bus.apply_inbox': () => import('#bus/jobs/apply_inbox_job'),
  'bus.sweep': () => import('#bus/jobs/sweep_bus_job'),
  'bus.prune': () => import('#bus/jobs/prune_bus_job'),
  'lawsuits.remind_hearings': () => import('#modules/lawsuits/jobs/remind_hearings_job'),
  'ratings.pull_media_feeds': () => import('#modules/ratings/jobs/pull_media_feeds_job'),
  'planner.send_reminders': () => import('#modules/planner/jobs/send_planner_reminders_job'),
  'problems.remind_departments': () => import('#modules/problems/jobs/remind_departments_job'),
  'service_ratings.seal_month': () => import('#modules/service_ratings/jobs/seal_month_job'),
  'service_ratings.remind_follow_ups': () => import('#modules/service_ratings/jobs/remind_follow_ups_job'),
  'lawmaking.close_consultations': () => import('#modules/lawmaking/jobs/close_consultations_job'),
  'lawmaking.remind_initiatives': () => import('#modules/lawmaking/jobs/remind_initiatives_job'),
  'lawmaking.remind_experts': () => import('#modules/lawmaking/jobs/remind_experts_job'),
  'lawmaking.publish_summary': () => import('#modules/lawmaking/jobs/publish_summary_job'),
  'lawmaking.remind_reactions': () => import('#modules/lawmaking/jobs/remind_reactions_job'),
  'opendata.load_rows': () => import('#modules/opendata/jobs/load_rows_job'),
  'opendata.report_downloads': () => import('#modules/opendata/jobs/report_downloads_job'),
  'opendata.refresh_generated': () => import('#modules/opendata/jobs/refresh_generated_job'),
  'opendata.notify_overdue': () => import('#modules/opendata/jobs/freshness_job'),
  'priorities.seal_quarter': () => import('#modules/priorities/jobs/seal_quarter_job'),
  'suggestions.remind_bodies': () => import('#modules/suggestions/jobs/remind_bodies_job'),
  'social.email_unread_messages': () => import('#modules/social/conversations/jobs/email_unread_messages_job'),
}

export const schedules: Schedule[] = [
  { job: 'identity.purge_expired_credentials', cron: '15 3 * * *', perTenant: true },
  { job: 'orders.sweep_deadlines', cron: '0 7 * * *', perTenant: true },
  { job: 'staffing.snapshot_month', cron: '45 23 * * *', perTenant: true },
  // Every 30 s: with a refresh of a few seconds the figures are never more than a minute old.
  { job: 'control.refresh_rollup', cron: '*/30 * * * * *', perTenant: false },
  // Periodic control reports of the period just finished, in every control tenant.
  { job: 'reports.schedule_weekly', cron: '0 8 * * 1', perTenant: false },
  { job: 'reports.schedule_monthly', cron: '0 8 1 * *', perTenant: false },
  { job: 'notifications.deliver_emails', cron: '* * * * *', perTenant: true },
  { job: 'bus.sweep', cron: everySeconds(settings.bus.sweepSeconds), perTenant: false },
  { job: 'bus.prune', cron: '40 3 * * *', perTenant: true },
  { job: 'lawsuits.remind_hearings', cron: '30 7 * * *', perTenant: true },
  { job: 'ratings.pull_media_feeds', cron: '*/30 * * * *', perTenant: true },
  { job: 'planner.send_reminders', cron: '* * * * *', perTenant: true },
  { job: 'problems.remind_departments', cron: '5 * * * *', perTenant: true },
  { job: 'service_ratings.seal_month', cron: '40 0 1 * *', perTenant: true },
  { job: 'service_ratings.remind_follow_ups', cron: '35 8 * * *', perTenant: true },
  // a period ends with its last day: closed in the first minutes of the next one
  { job: 'lawmaking.close_consultations', cron: '10 * * * *', perTenant: true },
  // after the close, so a period that just ended is counted from its day to decide by
  { job: 'lawmaking.remind_reactions', cron: '25 * * * *', perTenant: true },
  { job: 'lawmaking.remind_initiatives', cron: '15 * * * *', perTenant: true },
  { job: 'lawmaking.remind_experts', cron: '20 * * * *', perTenant: true },
  // the portal tells each publishing body its datasets' downloads per month
  { job: 'opendata.report_downloads', cron: '50 4 * * *', perTenant: true },
  // generated open datasets at night, before the morning's overdue notices
  { job: 'opendata.refresh_generated', cron: '30 2 * * *', perTenant: true },
  { job: 'opendata.notify_overdue', cron: '0 9 * * *', perTenant: true },
  // the quarter just ended is sealed on the portal at 00:30 on the 1st of January, April, July and October
  { job: 'priorities.seal_quarter', cron: '30 0 1 1,4,7,10 *', perTenant: true },
  { job: 'suggestions.remind_bodies', cron: '7 * * * *', perTenant: true },
  // conversations: an e-mail about messages left unread through a quiet period (one per unread streak)
  { job: 'social.email_unread_messages', cron: '* * * * *', perTenant: true },
]

/** Cron times are the region's wall-clock times. */
export const SCHEDULE_TIME_ZONE = REGION_ZONE
