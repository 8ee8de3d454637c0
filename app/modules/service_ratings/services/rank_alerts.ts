import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import { tenantRegistry } from '#tenancy/tenant_registry'
import type { RankRow } from '#modules/service_ratings/services/monthly_ranks'

type AlertsPayload = BusPayloads['service_ratings.rank_alerts_raised']

/**
 * On the portal, inside the sealing transaction: tells every Department of
 * Control which bodies the month flagged. Nothing is sent when none is.
 */
export async function sendRankAlerts(trx: TransactionClientContract, month: string, version: number, rows: RankRow[]) {
  const flagged = rows.filter((row) => row.scope === 'body' && row.alert && row.rank !== null)
  if (!flagged.length) return 0
  const controls = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'control')
  if (!controls.length) return 0
  const names = new Map<string, { body_name_ru: string; body_name_en: string }>()
  for (const row of await trx
    .from('service_ratings_services')
    .whereIn('body_slug', flagged.map((row) => row.bodySlug))
    .distinctOn('body_slug')
    .select('body_slug', 'body_name_ru', 'body_name_en')) {
    names.set(row.body_slug, row)
  }
  const payload: AlertsPayload = {
    month: month.slice(0, 7),
    version,
    alerts: flagged.map((row) => ({
      body: row.bodySlug,
      bodyNameRu: names.get(row.bodySlug)?.body_name_ru ?? row.bodySlug,
      bodyNameEn: names.get(row.bodySlug)?.body_name_en ?? row.bodySlug,
      kind: row.alert!,
      rank: row.rank!,
      previousRank: row.previousRank,
      rankedOf: row.rankedOf,
      score: row.scores.overall,
      ratings: row.ratings,
    })),
  }
  await bus.sendMany(
    trx,
    controls.map((tenant) => ({ to: tenant.slug, type: 'service_ratings.rank_alerts_raised' as const, payload }))
  )
  return controls.length
}

/**
 * In the Department of Control: keeps the flagged bodies of a portal's month.
 * A later version (a correction) replaces the figures of alerts no order was
 * issued from yet; an alert with an order stays as the order was issued on.
 */
export async function storeRankAlerts(trx: TransactionClientContract, portal: string, payload: AlertsPayload) {
  const month = `${payload.month}-01`
  const receivedAt = DateTime.now().toJSDate()
  for (const alert of payload.alerts) {
    await trx
      .insertQuery()
      .table('service_rank_alerts')
      .knexQuery.insert({
        portal,
        month,
        version: payload.version,
        body_slug: alert.body,
        body_name_ru: alert.bodyNameRu,
        body_name_en: alert.bodyNameEn,
        kind: alert.kind,
        rank: alert.rank,
        previous_rank: alert.previousRank,
        ranked_of: alert.rankedOf,
        score_overall: alert.score,
        ratings: alert.ratings,
        received_at: receivedAt,
      })
      .onConflict(['portal', 'month', 'body_slug'])
      .merge(['version', 'body_name_ru', 'body_name_en', 'kind', 'rank', 'previous_rank', 'ranked_of', 'score_overall', 'ratings', 'received_at'])
      // an alert an order was issued from stays as the order was issued on; an older version changes nothing
      .whereNull('service_rank_alerts.order_id')
      .where('service_rank_alerts.version', '<', payload.version)
  }
}
