import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import type Tenant from '#tenancy/tenant'
import { CRITERIA } from '#modules/service_ratings/models/service_rating'
import { currentMonth } from '#modules/service_ratings/services/months'
import { sendRankAlerts } from '#modules/service_ratings/services/rank_alerts'

/**
 * The published method of the monthly ranks (docs/service_ratings.md):
 * - the month's ratings of every service, as in the canonical ratings file;
 * - per service and per providing body, per criterion and overall (the mean
 *   of the five marks), a Bayesian average: (C·m + Σ marks) / (C + n), where m
 *   is the regional mean of the month and C = PRIOR_WEIGHT;
 * - a 95 % interval of the plain overall mean: mean ± 1.96·s/√n, within 1–5;
 * - only subjects with at least MIN_RATINGS ratings are ranked: by the
 *   overall Bayesian average, higher first; ties by more ratings, then by the
 *   subject's name (`<body>/<service code>` or the body's slug), in byte order;
 * - Δrank = last month's rank − this month's (positive: up);
 * - a ranked body in the bottom quartile, or down DROP_ALERT places or more, is flagged.
 */
export const METHOD = { version: '1', minRatings: 10, priorWeight: 10, dropAlert: 3 } as const

const CANONICAL_HEADER = 'month,body,service,time,waiting,staff,premises,information'

/** The month's ratings, one anonymous CSV line each (no person, no date but the month), in byte order. */
function canonicalLines(client: TransactionClientContract | ReturnType<typeof tenantDb>, month: string) {
  return client
    .from('service_ratings as r')
    .join('service_ratings_services as s', 's.id', 'r.service_id')
    .where('r.month', month)
    .select(
      client.raw(
        `to_char(r.month, 'YYYY-MM') || ',' || s.body_slug || ',' || s.code || ',' || ${CRITERIA.map((criterion) => `r.mark_${criterion}`).join(` || ',' || `)} as line`
      )
    )
}

/**
 * The canonical ratings file of a month, line by line (header first): what
 * the snapshot's hash is of. Read in keyset batches of distinct lines with
 * their counts (equal ratings of a service give equal lines), so memory stays flat.
 */
export function canonicalRatingsFile(month: string) {
  // the stream pulls batches outside the request's scope: each batch runs in the tenant it was opened for
  return linesOf(month, tenantScope.currentOrFail())
}

async function* linesOf(month: string, tenant: Tenant) {
  yield `${CANONICAL_HEADER}\n`
  let after: string | null = null
  for (;;) {
    const from = after
    const batch: { line: string; copies: string | number }[] = await tenantScope.run(tenant, () => {
      const db = tenantDb()
      const query = db
        .from(canonicalLines(db, month).as('c'))
        .select('line')
        .count('* as copies')
        .groupBy('line')
        .orderByRaw('line collate "C"')
        .limit(5000)
      if (from !== null) query.whereRaw('line collate "C" > ?', [from])
      return query.exec()
    })
    if (!batch.length) return
    yield batch.map((row) => `${row.line}\n`.repeat(Number(row.copies))).join('')
    after = batch[batch.length - 1].line
  }
}

interface Aggregate {
  scope: 'service' | 'body'
  subject: string
  body_slug: string
  channel: string | null
  ratings: number
  mean_overall: number
  sd_overall: number | null
  [sum: `sum_${string}`]: number
}

export interface RankRow {
  scope: 'service' | 'body'
  subject: string
  bodySlug: string
  channel: string | null
  ratings: number
  scores: Record<(typeof CRITERIA)[number] | 'overall', number>
  meanOverall: number
  intervalLow: number
  intervalHigh: number
  rank: number | null
  rankedOf: number
  previousRank: number | null
  deltaRank: number | null
  alert: 'bottom_quartile' | 'dropped' | null
}

const round4 = (value: number) => Math.round(value * 10000) / 10000

/** Computes a month's ranks from its ratings (no writes). */
export async function computeRanks(trx: TransactionClientContract, month: string, previous: Map<string, number>) {
  const sums = [...CRITERIA.map((criterion) => `sum(mark_${criterion})::float as sum_${criterion}`), 'sum(overall)::float as sum_overall'].join(', ')
  const base = `select s.body_slug, s.code, s.channel, ${CRITERIA.map((criterion) => `r.mark_${criterion}`).join(', ')},
      (${CRITERIA.map((criterion) => `r.mark_${criterion}`).join(' + ')}) / 5.0 as overall
    from service_ratings r join service_ratings_services s on s.id = r.service_id where r.month = ?`
  const { rows } = await trx.rawQuery(
    `with r as (${base})
     select 'service' as scope, body_slug || '/' || code as subject, body_slug, channel, count(*)::int as ratings,
       avg(overall)::float as mean_overall, stddev_samp(overall)::float as sd_overall, ${sums}
       from r group by body_slug, code, channel
     union all
     select 'body', body_slug, body_slug, null, count(*)::int, avg(overall)::float, stddev_samp(overall)::float, ${sums}
       from r group by body_slug`,
    [month]
  )
  const aggregates = rows as Aggregate[]
  const all = aggregates.filter((row) => row.scope === 'body')
  const total = all.reduce((sum, row) => sum + row.ratings, 0)
  const means = Object.fromEntries(
    [...CRITERIA, 'overall' as const].map((criterion) => [criterion, total ? all.reduce((sum, row) => sum + Number(row[`sum_${criterion}`]), 0) / total : 0])
  ) as RankRow['scores']
  const ranked: RankRow[] = []
  for (const scope of ['service', 'body'] as const) {
    const subjects = aggregates
      .filter((row) => row.scope === scope)
      .map((row): RankRow => {
        const scores = Object.fromEntries(
          [...CRITERIA, 'overall' as const].map((criterion) => [
            criterion,
            round4((METHOD.priorWeight * means[criterion] + Number(row[`sum_${criterion}`])) / (METHOD.priorWeight + row.ratings)),
          ])
        ) as RankRow['scores']
        const margin = row.ratings > 1 && row.sd_overall !== null ? (1.96 * row.sd_overall) / Math.sqrt(row.ratings) : 4
        return {
          scope,
          subject: row.subject,
          bodySlug: row.body_slug,
          channel: row.channel,
          ratings: row.ratings,
          scores,
          meanOverall: round4(row.mean_overall),
          intervalLow: round4(Math.max(1, row.mean_overall - margin)),
          intervalHigh: round4(Math.min(5, row.mean_overall + margin)),
          rank: null,
          rankedOf: 0,
          previousRank: previous.get(`${scope}:${row.subject}`) ?? null,
          deltaRank: null,
          alert: null,
        }
      })
    const eligible = subjects
      .filter((row) => row.ratings >= METHOD.minRatings)
      .sort((a, b) => b.scores.overall - a.scores.overall || b.ratings - a.ratings || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
    eligible.forEach((row, index) => {
      row.rank = index + 1
      if (row.previousRank !== null) row.deltaRank = row.previousRank - row.rank
      if (scope === 'body') {
        if (row.rank > Math.ceil(eligible.length * 0.75) && eligible.length >= 4) row.alert = 'bottom_quartile'
        else if (row.deltaRank !== null && row.deltaRank <= -METHOD.dropAlert) row.alert = 'dropped'
      }
    })
    for (const row of subjects) row.rankedOf = eligible.length
    ranked.push(...subjects.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.subject < b.subject ? -1 : 1)))
  }
  return { rows: ranked, means, total }
}

/** The latest version of a month's snapshot, if any. */
export function latestSnapshot(month: string, client: TransactionClientContract | ReturnType<typeof tenantDb> = tenantDb()) {
  return client.from('service_rank_snapshots').where('month', month).orderBy('version', 'desc').first()
}

/**
 * Seals a closed month's ranks: computes them, hashes the canonical ratings
 * file and stores both, once. Idempotent: a month already sealed is returned
 * as it is (a correction is `reason` given: a new version). A month not
 * closed yet is refused.
 */
export async function sealMonth(monthStart: DateTime, options: { reason?: string } = {}) {
  const month = monthStart.startOf('month').toISODate()!
  if (monthStart.startOf('month') >= currentMonth()) throw new Error(`The month ${month.slice(0, 7)} is not closed yet`)
  return tenantDb().transaction(async (trx) => {
    // one sealer per tenant at a time: a concurrent run waits, then finds the month sealed
    await trx.rawQuery(`select pg_advisory_xact_lock(hashtext('service_ratings.seal'))`)
    const existing = await latestSnapshot(month, trx)
    if (existing && !options.reason) return { snapshotId: existing.id as number, created: false, sha256: existing.ratings_sha256 as string }
    const previousMonth = monthStart.minus({ months: 1 }).startOf('month').toISODate()!
    const previousSnapshot = await latestSnapshot(previousMonth, trx)
    const previous = new Map<string, number>()
    if (previousSnapshot) {
      for (const row of await trx.from('service_ranks').where('snapshot_id', previousSnapshot.id).whereNotNull('rank')) previous.set(`${row.scope}:${row.subject}`, row.rank)
    }
    const { rows, means, total } = await computeRanks(trx, month, previous)
    const sha256 = await ratingsSha256(trx, month)
    const [snapshot] = await trx
      .insertQuery()
      .table('service_rank_snapshots')
      .insert({
        month,
        version: (existing?.version ?? 0) + 1,
        method_version: METHOD.version,
        ratings_sha256: sha256,
        ratings_count: total,
        min_ratings: METHOD.minRatings,
        regional_means: JSON.stringify(Object.fromEntries(Object.entries(means).map(([key, value]) => [key, round4(value)]))),
        reason: options.reason ?? null,
        created_at: DateTime.now().toJSDate(),
      })
      .returning('id')
    const snapshotId = snapshot.id as number
    for (let start = 0; start < rows.length; start += 1000) {
      await trx
        .insertQuery()
        .table('service_ranks')
        .multiInsert(
          rows.slice(start, start + 1000).map((row) => ({
            snapshot_id: snapshotId,
            scope: row.scope,
            subject: row.subject,
            body_slug: row.bodySlug,
            channel: row.channel,
            ratings: row.ratings,
            ...Object.fromEntries(Object.entries(row.scores).map(([key, value]) => [`score_${key}`, value])),
            mean_overall: row.meanOverall,
            interval_low: row.intervalLow,
            interval_high: row.intervalHigh,
            rank: row.rank,
            ranked_of: row.rankedOf,
            previous_rank: row.previousRank,
            delta_rank: row.deltaRank,
            alert: row.alert,
          }))
        )
    }
    // the flagged bodies reach the Department of Control, where an alert may become an order
    await sendRankAlerts(trx, month, (existing?.version ?? 0) + 1, rows)
    return { snapshotId, created: true, sha256 }
  })
}

/** SHA-256 (hex) of the canonical ratings file, computed by PostgreSQL over the same lines in the same order. */
export async function ratingsSha256(client: TransactionClientContract | ReturnType<typeof tenantDb>, month: string) {
  const lines = canonicalLines(client, month)
  const { rows } = await client.rawQuery(
    `select encode(sha256(convert_to(? || coalesce(string_agg(c.line || E'\\n', '' order by c.line collate "C"), ''), 'UTF8')), 'hex') as sha from (${lines.toQuery()}) c`,
    [`${CANONICAL_HEADER}\n`]
  )
  return rows[0].sha as string
}
