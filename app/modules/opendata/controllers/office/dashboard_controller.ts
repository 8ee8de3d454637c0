import type { HttpContext } from '@adonisjs/core/http'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantUrl } from '#tenancy/tenant_urls'
import { idPage } from '#modules/lawmaking/services/public_drafts'
import { portalSlugs } from '#modules/lawmaking/services/portals'
import Dataset from '#modules/opendata/models/dataset'
import OpendataPolicy from '#modules/opendata/policies/opendata_policy'
import { freshnessOf } from '#modules/opendata/services/freshness'
import { downloadsByMonth } from '#modules/opendata/services/downloads'

const PAGE_SIZE = 25

/**
 * The publisher's dashboard in a body: each dataset with its current
 * version, last publication, freshness (due date, overdue) and downloads
 * per month on the portal over the last 12 months (as the portal reported
 * them), with links to the dataset and its public page.
 */
export default class DashboardController {
  async show(ctx: HttpContext) {
    await ctx.bouncer.with(OpendataPolicy).authorize('manage')
    const cursor = keysetCursor(ctx.request.qs())
    const rows = await idPage(Dataset.query(), 'id', cursor, false).limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const datasets = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl(ctx.request.url())
    const ids = datasets.all().map((dataset) => dataset.id)
    const published = ids.length
      ? await tenantDb().from('opendata_versions').whereIn('dataset_id', ids).groupBy('dataset_id').select('dataset_id').max('published_at as last')
      : []
    const lastOf = new Map(published.map((row) => [Number(row.dataset_id), row.last ? new Date(row.last) : null]))
    const downloads = await downloadsByMonth()
    const [portal] = await portalSlugs()
    const portalBase = portal ? tenantUrl({ slug: portal }) : null
    const entries = datasets.all().map((dataset) => {
      const last = lastOf.get(dataset.id) ?? null
      const counts = downloads.counts(dataset.id)
      return {
        dataset,
        last,
        freshness: freshnessOf(dataset.frequency, dataset.currentAsOf(last)),
        downloads: counts,
        total: counts.reduce((sum, count) => sum + count, 0),
        publicUrl: dataset.identifier && portalBase ? `${portalBase}/opendata/${dataset.identifier}` : null,
      }
    })
    return ctx.view.render('pages/opendata/office/dashboard', { datasets, entries, months: downloads.months })
  }
}
