import { tenantDb } from '#tenancy/tenant_model'
import { REGION_ZONE } from '#core/region_time'
import { clockDate } from '#core/clock'

/** Months the statistics go back. */
const MONTHS = 12

function hours(value: unknown) {
  return value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10
}

/**
 * The moderation's figures for the portal: how long from a case's first open
 * flag to a moderator's decision and from an appeal to its decision (median
 * and 90th percentile, hours), flags per kind and reason, and per month
 * (region's months) flags, decisions, appeals and sanctions.
 */
export async function moderationStats() {
  const db = tenantDb()
  const [decisionTimes] = (
    await db.rawQuery(
      `select percentile_cont(0.5) within group (order by extract(epoch from created_at - flagged_at) / 3600) as median,
              percentile_cont(0.9) within group (order by extract(epoch from created_at - flagged_at) / 3600) as p90,
              count(*)::int as n
         from social_moderation_decisions where flagged_at is not null`
    )
  ).rows
  const [appealTimes] = (
    await db.rawQuery(
      `select percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at) / 3600) as median,
              percentile_cont(0.9) within group (order by extract(epoch from decided_at - created_at) / 3600) as p90,
              count(*)::int as n
         from social_moderation_appeals where decided_at is not null`
    )
  ).rows
  const perKindReason = (
    await db.rawQuery(
      `select c.kind, f.reason, count(*)::int as flags
         from social_moderation_flags f join social_moderation_cases c on c.id = f.case_id
        group by c.kind, f.reason order by c.kind, f.reason`
    )
  ).rows as Array<{ kind: string; reason: string; flags: number }>
  const perKind = (
    await db.rawQuery(
      `select c.kind, count(distinct c.id)::int as cases, count(d.id) filter (where d.action = 'hide')::int as hidden,
              count(d.id) filter (where d.action = 'restore')::int as restored, count(d.id) filter (where d.action = 'dismiss')::int as dismissed
         from social_moderation_cases c left join social_moderation_decisions d on d.case_id = c.id
        group by c.kind order by c.kind`
    )
  ).rows as Array<{ kind: string; cases: number; hidden: number; restored: number; dismissed: number }>
  const month = (column: string) => `to_char(date_trunc('month', ${column} at time zone '${REGION_ZONE}'), 'YYYY-MM')`
  // the app clock's month, not the database server's (tests move the clock)
  const since = `date_trunc('month', cast(:now as timestamptz) at time zone '${REGION_ZONE}') - interval '${MONTHS - 1} months'`
  const perMonth = (
    await db.rawQuery(
      `with flags as (select ${month('created_at')} as month, count(*)::int as n from social_moderation_flags where created_at at time zone '${REGION_ZONE}' >= ${since} group by 1),
            decisions as (select ${month('created_at')} as month, count(*)::int as n from social_moderation_decisions where created_at at time zone '${REGION_ZONE}' >= ${since} group by 1),
            appeals as (select ${month('created_at')} as month, count(*)::int as n from social_moderation_appeals where created_at at time zone '${REGION_ZONE}' >= ${since} group by 1),
            sanctions as (select ${month('created_at')} as month, count(*)::int as n from social_sanctions where created_at at time zone '${REGION_ZONE}' >= ${since} group by 1),
            months as (select month from flags union select month from decisions union select month from appeals union select month from sanctions)
       select m.month, coalesce(f.n, 0) as flags, coalesce(d.n, 0) as decisions, coalesce(a.n, 0) as appeals, coalesce(s.n, 0) as sanctions
         from months m left join flags f using (month) left join decisions d using (month) left join appeals a using (month) left join sanctions s using (month)
        order by m.month desc`,
      { now: clockDate() }
    )
  ).rows as Array<{ month: string; flags: number; decisions: number; appeals: number; sanctions: number }>
  return {
    decisionTime: { median: hours(decisionTimes.median), p90: hours(decisionTimes.p90), count: decisionTimes.n as number },
    appealTime: { median: hours(appealTimes.median), p90: hours(appealTimes.p90), count: appealTimes.n as number },
    perKind,
    perKindReason,
    perMonth,
  }
}
