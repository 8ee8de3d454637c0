import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import { errors } from '#core/errors'
import { REGION_ZONE } from '#core/region_time'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tenantDb } from '#tenancy/tenant_model'
import type { Format } from '#modules/opendata/services/methodology'

/*
| Downloads per month. The portal counts each download of a data file
| (every format) per dataset and month in the region — one upsert, no
| address, nobody's identity — and once a day tells each publishing body
| the counts of its own datasets over the bus. The body keeps them per
| portal, a month's count replaced by the latest report (never added), so a
| report repeated or re-delivered changes nothing.
*/

/** Months reported and shown: the current one and the eleven before it. */
export const MONTHS = 12

/** The first day of the month (in the region) of a moment. */
function monthOf(moment: DateTime) {
  return moment.setZone(REGION_ZONE).startOf('month')
}

/** The last MONTHS months, oldest first, as `YYYY-MM`. */
export function recentMonths(today: DateTime = DateTime.now()) {
  const current = monthOf(today)
  return Array.from({ length: MONTHS }, (_, index) => current.minus({ months: MONTHS - 1 - index }).toFormat('yyyy-LL'))
}

/** One download of a data file on the portal (the file action calls this as the file starts). */
export async function countDownload(datasetId: number, format: Format) {
  await tenantDb()
    .rawQuery(
      `insert into opendata_public_downloads (dataset_id, month, format, downloads, updated_at) values (?, ?, ?, 1, now())
       on conflict (dataset_id, month, format) do update set downloads = opendata_public_downloads.downloads + 1, updated_at = now()`,
      [datasetId, monthOf(DateTime.now()).toISODate()!, format]
    )
}

/** The portal's counts of one body's datasets over the last MONTHS months, as the report carries them. */
export async function countsOf(originTenant: string, today: DateTime = DateTime.now()) {
  const since = monthOf(today).minus({ months: MONTHS - 1 }).toISODate()
  const rows = await tenantDb()
    .from('opendata_public_downloads as c')
    .join('opendata_public_datasets as d', 'd.id', 'c.dataset_id')
    .where('d.origin_tenant', originTenant)
    .where('c.month', '>=', since!)
    .orderBy([{ column: 'd.origin_dataset_id' }, { column: 'c.month' }, { column: 'c.format' }])
    .select('d.origin_dataset_id', 'd.identifier', tenantDb().raw(`to_char(c.month, 'YYYY-MM') as month`), 'c.format', 'c.downloads')
  return rows.map((row) => ({
    datasetId: Number(row.origin_dataset_id),
    identifier: String(row.identifier),
    month: String(row.month),
    format: row.format as Format,
    downloads: Number(row.downloads),
  }))
}

/**
 * The daily report, on a portal: each publisher that has downloads in the
 * last MONTHS months gets the counts of its own datasets only (one message
 * per body; nothing to a body with no downloads). Returns the bodies told.
 */
export async function reportDownloads(today: DateTime = DateTime.now()) {
  if (tenantScope.currentOrFail().kind !== 'portal') return { bodies: 0 }
  const publishers = await tenantDb().from('opendata_public_publishers').orderBy('origin_tenant').select('origin_tenant')
  let bodies = 0
  for (const { origin_tenant: origin } of publishers) {
    const counts = await countsOf(origin, today)
    if (!counts.length) continue
    // one body that cannot be told (gone from the registry) does not keep the others from their counts
    try {
      await tenantDb().transaction((trx) => bus.send(trx, { to: origin, type: 'opendata.downloads_reported', payload: { counts } }))
      bodies++
    } catch (error) {
      logger.warn({ origin, error: (error as Error).message }, 'could not report open data downloads')
    }
  }
  return { bodies }
}

/**
 * A report received by a body: only from a portal, and only about the
 * body's own published datasets (the id and the identifier must both be
 * its own) — else the whole report is refused and nothing changes. Each
 * (portal, dataset, month, format) count is replaced.
 */
export async function applyDownloadReport(from: string, payload: BusPayloads['opendata.downloads_reported'], trx: TransactionClientContract) {
  const sender = await tenantRegistry.findBySlug(from)
  if (!sender || sender.kind !== 'portal') throw new errors.E_NOT_FOUND(`${from} is not a portal: only a portal counts downloads`)
  const ids = [...new Set(payload.counts.map((count) => count.datasetId))]
  const own = ids.length ? await trx.from('opendata_datasets').whereIn('id', ids).whereNotNull('identifier').select('id', 'identifier') : []
  const identifiers = new Map(own.map((row) => [Number(row.id), row.identifier as string]))
  const foreign = payload.counts.find((count) => identifiers.get(count.datasetId) !== count.identifier)
  if (foreign) throw new errors.E_FORBIDDEN_TRANSITION(`Dataset ${foreign.datasetId} (${foreign.identifier}) is not a published dataset of this body`)
  const now = new Date()
  for (const count of payload.counts) {
    await trx
      .table('opendata_downloads')
      .insert({ portal: from, dataset_id: count.datasetId, month: `${count.month}-01`, format: count.format, downloads: count.downloads, reported_at: now })
      .onConflict(['dataset_id', 'month', 'portal', 'format'])
      .merge(['downloads', 'reported_at'])
  }
}

/** A body's downloads per dataset and month (every portal and format summed), over the last MONTHS months. */
export async function downloadsByMonth(today: DateTime = DateTime.now()) {
  const months = recentMonths(today)
  const rows = await tenantDb()
    .from('opendata_downloads')
    .where('month', '>=', `${months[0]}-01`)
    .groupBy('dataset_id', 'month')
    .select('dataset_id', tenantDb().raw(`to_char(month, 'YYYY-MM') as month`), tenantDb().raw('sum(downloads)::bigint as downloads'))
  const byDataset = new Map<number, Map<string, number>>()
  for (const row of rows) {
    const id = Number(row.dataset_id)
    if (!byDataset.has(id)) byDataset.set(id, new Map())
    byDataset.get(id)!.set(row.month, Number(row.downloads))
  }
  return { months, counts: (datasetId: number) => months.map((month) => byDataset.get(datasetId)?.get(month) ?? 0) }
}
