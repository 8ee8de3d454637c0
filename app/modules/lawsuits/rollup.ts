import type { RollupAggregate, RollupView } from '#core/module_manifest'
import { REGION_TODAY_SQL } from '#core/region_time'

/** Today in the region when the aggregate is refreshed (the refresh sets it from the platform's clock). */
const TODAY = REGION_TODAY_SQL

/**
 * What the Department of Control reads of the blocks' court cases: no
 * parties, judges or subjects — only what the region figures need.
 */
export const lawsuitRollupViews: RollupView[] = [
  {
    name: 'lawsuit_cases',
    from: 'lawsuit_cases',
    columns: [
      't.id',
      't.instance',
      't.category',
      't.our_role',
      't.claimed_amount',
      't.awarded_amount',
      't.collected_amount',
      't.outcome',
      't.decided_on',
      't.department_id',
      't.next_hearing_on',
    ],
  },
]

/**
 * Per block, materialized and refreshed with the other control figures
 * (every minute): the region page then reads one row per block whatever
 * the number of cases.
 */
export const lawsuitRollupAggregates: RollupAggregate[] = [
  {
    name: 'lawsuit_block_stats',
    sql: `select block,
                 count(*) filter (where outcome is null)::int as open,
                 coalesce(sum(claimed_amount) filter (where outcome is null and our_role = 'defendant'), 0) as at_risk,
                 coalesce(sum(claimed_amount) filter (where outcome is null and our_role in ('plaintiff', 'applicant')), 0) as claimed_by_us,
                 coalesce(sum(awarded_amount), 0) as awarded,
                 coalesce(sum(collected_amount), 0) as collected,
                 count(*) filter (where next_hearing_on between ${TODAY} and ${TODAY} + 7)::int as hearings_this_week,
                 count(*) filter (where decided_on >= date_trunc('year', ${TODAY}))::int as decided_this_year
            from rollup.lawsuit_cases
           group by block`,
    uniqueBy: ['block'],
  },
]
