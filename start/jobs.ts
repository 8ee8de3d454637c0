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

export const jobs: Record<string, () => Promise<{ default: JobClass }>> = {
  'identity.purge_expired_credentials': () => import('#modules/identity/jobs/purge_expired_credentials_job'),
  'orders.sweep_deadlines': () => import('#modules/orders/jobs/sweep_deadlines_job'),
}

export const schedules: Schedule[] = [
  { job: 'identity.purge_expired_credentials', cron: '15 3 * * *', perTenant: true },
  { job: 'orders.sweep_deadlines', cron: '0 7 * * *', perTenant: true },
]

export const SCHEDULE_TIME_ZONE = 'Europe/Moscow'
