import type { Readable } from 'node:stream'
import { constants, createGzip } from 'node:zlib'
import drive from '@adonisjs/drive/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantUrl } from '#tenancy/tenant_urls'
import { idPage } from '#modules/lawmaking/services/public_drafts'
import PublicDataset from '#modules/opendata/models/public_dataset'
import { FREQUENCIES, SUBJECTS } from '#modules/opendata/models/dataset'
import { loadRowsSoon } from '#modules/opendata/services/rows'
import { keptDocument, writtenDocument } from '#modules/opendata/services/data_files'
import { contentTag, fileHeaders } from '#modules/opendata/services/file_headers'
import { countDownload } from '#modules/opendata/services/downloads'
import { freshnessOf, overdueSql } from '#modules/opendata/services/freshness'
import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import type { StructureField } from '#modules/opendata/services/structure'
import { CONTENT_TYPES, dataName, listDocument, metaDocument, publicStructures, publicVersions, structureDocument, type Format } from '#modules/opendata/services/methodology'

const PAGE_SIZE = 20
const PREVIEW_ROWS = 20

function baseOf(ctx: HttpContext) {
  return new URL(tenantUrl(ctx.tenant)).origin
}

function latest(...moments: (Date | string | null | undefined)[]) {
  const times = moments.filter(Boolean).map((moment) => new Date(moment!).getTime())
  return times.length ? new Date(Math.max(...times)) : null
}

/** The stored CSV: exactly the file the body published (its size and SHA-256 are the version's). */
function storedFile(key: string): Promise<Readable> {
  return drive.use().getStream(key)
}

/** JSON or XML: the document kept beside the CSV (with its length), else written from the CSV as it is sent (see data_files.ts). */
async function documentOf(ctx: HttpContext, format: 'json' | 'xml', fields: StructureField[], version: { id: number; storage_key: string }) {
  const kept = await keptDocument(version.storage_key, format)
  if (kept) return kept
  // not kept yet (the rows job is on it, or the version was loaded before documents were kept): ask for it once
  await loadRowsSoon(ctx.tenant.slug, version.id, 'prepare').catch(() => {})
  return { body: await writtenDocument(format, fields, version.storage_key), length: null }
}

/**
 * Sends a data file: gzipped (fastest level: the files are large and the
 * CPU shared) when the client accepts it, else as it is, with its length
 * when known (the stored CSV).
 */
function sendData(ctx: HttpContext, body: Readable, length: number | null) {
  const accepted = ctx.request.header('accept-encoding') ?? ''
  if (/\bgzip\b/i.test(accepted) && !/\bgzip\s*;\s*q=0(\.0+)?\b/i.test(accepted)) {
    ctx.response.header('content-encoding', 'gzip')
    const gzip = createGzip({ level: constants.Z_BEST_SPEED })
    body.on('error', (error) => gzip.destroy(error))
    return ctx.response.stream(body.pipe(gzip))
  }
  if (length !== null) ctx.response.header('content-length', String(length))
  return ctx.response.stream(body)
}

async function datasetOr404(identifier: string) {
  const dataset = await tenantDb().from('opendata_public_datasets').where('identifier', identifier).first()
  if (!dataset) throw new errors.E_NOT_FOUND(`No open dataset ${identifier}`)
  const publisher = await tenantDb().from('opendata_public_publishers').where('id', dataset.publisher_id).first()
  return { dataset, publisher }
}

/**
 * The portal's open data: the catalogue (search, facets), each dataset's
 * page (passport, versions, structure, preview), and the files of the
 * methodological recommendations 3.0.
 */
export default class CatalogueController {
  async index(ctx: HttpContext) {
    const { request, view } = ctx
    const qs = request.qs()
    const filters = {
      q: typeof qs.q === 'string' ? qs.q.trim().slice(0, 200) : '',
      subject: (SUBJECTS as readonly string[]).includes(qs.subject) ? String(qs.subject) : '',
      frequency: (FREQUENCIES as readonly string[]).includes(qs.frequency) ? String(qs.frequency) : '',
      publisher: Number(qs.publisher) > 0 ? Math.floor(Number(qs.publisher)) : 0,
      // `overdue=1`: only datasets not updated within their frequency (services/freshness.ts)
      overdue: qs.overdue === '1' ? '1' : '',
    }
    const today = DateTime.now().setZone(REGION_ZONE).toISODate()!
    const scoped = () => {
      const query = PublicDataset.query()
      if (filters.q) {
        const pattern = `%${filters.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
        query.where((where) => where.whereILike('title_ru', pattern).orWhereILike('title_en', pattern).orWhereILike('keywords', pattern))
      }
      if (filters.subject) query.where('subject', filters.subject)
      if (filters.frequency) query.where('frequency', filters.frequency)
      if (filters.publisher) query.where('publisher_id', filters.publisher)
      if (filters.overdue) query.whereRaw(overdueSql('frequency', 'greatest(modified_at, confirmed_at)'), [today])
      return query
    }
    const cursor = keysetCursor(qs)
    const rows = await idPage(scoped(), 'opendata_public_datasets.id', cursor, true).limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const datasets = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl('/opendata').queryString(Object.fromEntries(Object.entries(filters).filter(([, value]) => value)))
    const [publishers, subjectCounts, overdueCount] = await Promise.all([
      tenantDb().from('opendata_public_publishers').orderBy('name_ru').select('id', 'name_ru', 'name_en'),
      tenantDb().from('opendata_public_datasets').groupBy('subject').select('subject').count('* as total'),
      tenantDb().from('opendata_public_datasets').whereRaw(overdueSql('frequency', 'greatest(modified_at, confirmed_at)'), [today]).count('* as total').first(),
    ])
    const now = DateTime.now()
    return view.render('pages/opendata/portal/index', {
      datasets,
      filters,
      publishers,
      subjects: SUBJECTS,
      frequencies: FREQUENCIES,
      // each subject with its count of datasets (the facet)
      subjectOptions: SUBJECTS.map((subject) => {
        const count = Number(subjectCounts.find((row: any) => row.subject === subject)?.total ?? 0)
        return { value: subject, label: `${ctx.i18n.t(`opendata.subjects.${subject}`)}${count ? ` (${count})` : ''}` }
      }),
      overdueOptions: [{ value: '1', label: ctx.i18n.t('opendata_generated.catalogue.overdue_only', { count: Number(overdueCount?.total ?? 0) }) }],
      // the «Overdue» badge of each dataset on the page
      freshness: new Map(datasets.all().map((dataset: PublicDataset) => [dataset.id, freshnessOf(dataset.frequency, dataset.currentAsOf(dataset.modifiedAt), now)])),
    })
  }

  async show(ctx: HttpContext) {
    const { dataset, publisher } = await datasetOr404(ctx.params.identifier)
    const [versions, structures] = await Promise.all([publicVersions(dataset.id), publicStructures(dataset.id)])
    const latest = versions[0]
    const structure = structures.find((candidate) => candidate.number === latest?.structure_number) ?? structures[0]
    const preview = latest?.rows_loaded_at
      ? (await tenantDb().from('opendata_public_rows').where('version_id', latest.id).orderBy('row_number').limit(PREVIEW_ROWS).select('data')).map((row) => row.data)
      : []
    const passport = await PublicDataset.findOrFail(dataset.id)
    return ctx.view.render('pages/opendata/portal/show', { dataset: passport, publisher, versions, structure, preview, dataName, freshness: freshnessOf(passport.frequency, passport.currentAsOf(passport.modifiedAt)) })
  }

  async list(ctx: HttpContext) {
    const format = ctx.request.url().split('.').pop() as Format
    const row = await tenantDb().from('opendata_public_datasets').max('updated_at as updated').first()
    const body = await listDocument(format, baseOf(ctx))
    if (fileHeaders(ctx, CONTENT_TYPES[format], contentTag(body), latest(row?.updated), `list.${format}`)) return ctx.response.notModified()
    return body
  }

  /** meta.*, structure-<stamp>.csv and data-<stamp>-structure-<stamp>.* of a dataset. */
  async file(ctx: HttpContext) {
    const { dataset, publisher } = await datasetOr404(ctx.params.identifier)
    const name: string = ctx.params.file
    const meta = name.match(/^meta\.(csv|json|xml)$/)
    if (meta) {
      const format = meta[1] as Format
      const body = await metaDocument(dataset, publisher, format, baseOf(ctx))
      if (fileHeaders(ctx, CONTENT_TYPES[format], contentTag(body), latest(dataset.updated_at, publisher.updated_at), name)) return ctx.response.notModified()
      return body
    }
    const structureMatch = name.match(/^structure-(\d{8}(?:T\d{4,6})?)\.(csv|json|xml)$/)
    if (structureMatch) {
      const structure = (await publicStructures(dataset.id)).find((candidate) => candidate.stamp === structureMatch[1])
      if (!structure) throw new errors.E_NOT_FOUND(`No structure ${structureMatch[1]} of ${dataset.identifier}`)
      const body = await structureDocument(structureMatch[2] as Format, structure.fields)
      if (fileHeaders(ctx, CONTENT_TYPES[structureMatch[2] as Format], contentTag(body), new Date(structure.created_at), name)) return ctx.response.notModified()
      return body
    }
    const data = name.match(/^(data-\d{8}(?:T\d{4,6})?-structure-\d{8}(?:T\d{4,6})?)\.(csv|json|xml)$/)
    if (!data) throw new errors.E_NOT_FOUND(`No file ${name} of ${dataset.identifier}`)
    const version = (await publicVersions(dataset.id)).find((candidate) => dataName(candidate) === data[1])
    if (!version) throw new errors.E_NOT_FOUND(`No version ${data[1]} of ${dataset.identifier}`)
    if (!version.rows_loaded_at) {
      // not loaded yet (or the job was lost): ask again and come back shortly
      await loadRowsSoon(ctx.tenant.slug, version.id).catch(() => {})
      ctx.response.header('retry-after', '30')
      return ctx.response.status(503).send('The data of this version is being prepared')
    }
    const format = data[2] as Format
    const structure = (await publicStructures(dataset.id)).find((candidate) => candidate.number === version.structure_number)!
    // one ETag per version and format whatever the encoding (the bytes decoded are the same); caches keep both by Vary
    ctx.response.header('vary', 'Accept-Encoding')
    if (fileHeaders(ctx, CONTENT_TYPES[format], `"${version.sha256}-${format}"`, new Date(version.published_at), name)) return ctx.response.notModified()
    await countDownload(dataset.id, format)
    if (format === 'csv') return sendData(ctx, await storedFile(version.storage_key), Number(version.size))
    const document = await documentOf(ctx, format, structure.fields, version)
    return sendData(ctx, document.body, document.length)
  }
}
