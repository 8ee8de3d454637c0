import type { HttpContext } from '@adonisjs/core/http'
import { REGION_ZONE } from '#core/region_time'
import { PassThrough } from 'node:stream'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { actorFromContext, recordAudit } from '#core/audit'
import { queueService } from '#queue/queue_service'
import Department from '#modules/identity/models/department'
import MediaFeed from '#modules/ratings/models/media_feed'
import { MEDIA_TONES } from '#modules/ratings/models/media_item'
import MediaPolicy from '#modules/ratings/policies/media_policy'
import { moduleMessages } from '#core/module_messages'
import { mediaFeedValidator, mediaFiltersValidator, mediaImportValidator, mediaItemValidator } from '#modules/ratings/validators/media_validators'
import { mediaTrends, type MediaFilters } from '#modules/ratings/services/media_figures'
import { insertMediaItems } from '#modules/ratings/actions/store_media_items'
import { ImportMediaItems } from '#modules/ratings/actions/import_media_items'
import { importTemplateXlsx, sendImportTemplate } from '#core/uploads/import_template'
import { regionToday } from '#core/region_time'
import { readTable } from '#modules/ratings/imports/table_reader'
import { UploadError } from '#core/uploads/upload_error'
import { uploadFieldError } from '#core/uploads/upload_messages'
import { tableSource } from '#core/uploads/table_file'
import { writeTablePdf, writeTableXlsx, type Cell } from '#modules/ratings/exports/table_export'
import { dateCell } from '#core/table_export'
import { fieldError } from '#modules/ratings/controllers/ratings_controller'
import PullMediaFeedsJob from '#modules/ratings/jobs/pull_media_feeds_job'
import { clockDate } from '#core/clock'

const EXPORT_BATCH = 1000

/** A filter form sends empty fields for "all"; they mean no filter. */
function withoutBlanks(query: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== null && value !== undefined))
}

/** Publications matching the filters, newest first, in keyset batches. */
async function* mediaBatches(filters: MediaFilters, since: Date, locale: string): AsyncIterable<Cell[][]> {
  const name = locale === 'en' ? 'd.name_en' : 'd.name_ru'
  let last: { at: Date; id: number } | null = null
  for (;;) {
    const query = tenantDb()
      .from('media_items as m')
      .where('m.published_at', '>=', since)
      .select('m.id', 'm.published_at', 'm.outlet', 'm.title', 'm.url', 'm.topic', 'm.tone')
      .select(tenantDb().raw(`(select string_agg(${name}, '; ' order by ${name}) from media_item_departments md join departments d on d.id = md.department_id where md.media_item_id = m.id) as departments`))
      .orderBy('m.published_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(EXPORT_BATCH)
    if (filters.topic) query.where('m.topic', filters.topic)
    if (filters.department) query.whereExists((sub) => sub.from('media_item_departments as x').whereRaw('x.media_item_id = m.id').where('x.department_id', filters.department!))
    if (last) query.whereRaw('(m.published_at, m.id) < (?, ?)', [last.at, last.id])
    const rows = await query
    if (!rows.length) return
    last = { at: rows[rows.length - 1].published_at, id: rows[rows.length - 1].id }
    yield rows.map((row: any) => [dateCell(DateTime.fromJSDate(row.published_at).setZone(REGION_ZONE).toISODate()), row.outlet, row.title, row.url, row.topic, row.tone, row.departments])
  }
}

/**
 * Mass media: the dashboard of tone and volume trends with filters, entry
 * by hand and by CSV/XLSX, exports, and the RSS/Atom feeds.
 */
export default class MediaController {
  async index({ request, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(MediaPolicy).authorize('view')
    const filters = await mediaFiltersValidator.validate(withoutBlanks(request.qs()))
    const [trends, departments] = await Promise.all([mediaTrends(filters, i18n.locale), Department.query().where('is_active', true).orderBy('name_ru')])
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)])).toString()
    return view.render('pages/media/index', { trends, filters, departments, tones: MEDIA_TONES, exportQuery: query ? `?${query}` : '' })
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with(MediaPolicy).authorize('manage')
    const data = await request.validateUsing(mediaItemValidator, { messagesProvider: moduleMessages(i18n, 'media') })
    const added = await tenantDb().transaction((trx) =>
      insertMediaItems(trx, [{ ...data, publishedAt: data.publishedOn, departmentIds: data.departmentIds ?? [] }], { source: 'manual', createdBy: auth.getUserOrFail().id })
    )
    if (!added) throw fieldError('url', i18n.t('media.errors.url_taken'), 'unique')
    await recordAudit(actorFromContext(ctx), 'media.item_created', { type: 'media_item', id: data.url.slice(0, 200) })
    session.flash('notice', i18n.t('media.flash.created'))
    return response.redirect('/media')
  }

  async import(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with(MediaPolicy).authorize('manage')
    const data = await request.validateUsing(mediaImportValidator, { messagesProvider: moduleMessages(i18n, 'media') })
    let table
    try {
      table = await readTable(tableSource(data.file))
    } catch (error) {
      if (error instanceof UploadError) throw uploadFieldError(i18n, 'file', data.file.clientName, error)
      throw error
    }
    const report = await new ImportMediaItems().handle(table, { validOnly: !!data.validOnly, userId: auth.getUserOrFail().id }, i18n)
    if (report.applied) {
      await recordAudit(actorFromContext(ctx), 'media.items_imported', null, { file: data.file.clientName, imported: report.imported, skipped: report.skipped, duplicates: report.duplicates })
    }
    session.flash('importReport', report)
    return response.redirect('/media/entry#import')
  }

  /**
   * The import template: headers the import reads (Russian titles, or English
   * keys for English users) and a sample publication that imports as it is.
   */
  async template({ response, bouncer, i18n }: HttpContext) {
    await bouncer.with(MediaPolicy).authorize('manage')
    const department = await Department.query().where('is_active', true).orderBy('code').first()
    const english = i18n.locale.startsWith('en')
    const day = regionToday().startOf('month')
    const sample = (key: string) => i18n.t(`uploads.template.samples.${key}`)
    const columns = [
      { header: english ? 'Outlet' : 'Издание', sample: sample('outlet') },
      { header: english ? 'Date' : 'Дата', sample: day },
      { header: english ? 'Title' : 'Заголовок', sample: sample('media_title'), width: 40 },
      { header: english ? 'URL' : 'Ссылка', sample: `https://news.example.ru/${day.toFormat('yyyy/MM')}/clinic`, width: 40 },
      { header: english ? 'Topic' : 'Тема', sample: sample('media_topic') },
      { header: english ? 'Tone' : 'Тональность', sample: english ? 'neutral' : 'нейтральная' },
      { header: english ? 'Departments' : 'Подразделения', sample: department?.code ?? '' },
    ]
    return sendImportTemplate(response, 'media-template', await importTemplateXlsx(i18n.t('media.import'), columns))
  }

  /** Forms to enter and import publications, with the last import's report. */
  async entry({ view, bouncer, session }: HttpContext) {
    await bouncer.with(MediaPolicy).authorize('manage')
    return view.render('pages/media/entry', {
      departments: await Department.query().where('is_active', true).orderBy('name_ru'),
      tones: MEDIA_TONES,
      importReport: session.flashMessages.get('importReport') ?? null,
    })
  }

  async export({ request, params, response, bouncer, i18n }: HttpContext) {
    await bouncer.with(MediaPolicy).authorize('view')
    const filters = await mediaFiltersValidator.validate(withoutBlanks(request.qs()))
    const since = DateTime.now().setZone(REGION_ZONE).startOf('month').minus({ months: (filters.months ?? 12) - 1 }).toJSDate()
    const headers = ([['date', 11], ['outlet', 20], ['title', 50], ['url', 35], ['topic', 15], ['tone', 10], ['departments', 25]] as const).map(([key, width]) => ({
      label: i18n.t(`media.fields.${key === 'date' ? 'publishedOn' : key}`),
      width,
    }))
    const toneLabel = (tone: string) => i18n.t(`media.tones.${tone}`)
    const batches = (async function* () {
      for await (const batch of mediaBatches(filters, since, i18n.locale)) yield batch.map((row) => row.map((cell, index) => (index === 5 ? toneLabel(String(cell)) : cell)))
    })()
    const table = { title: i18n.t('media.title'), headers, batches }
    const stream = new PassThrough()
    const stamp = clockDate().toISOString().slice(0, 10)
    if (params.format === 'xlsx') {
      response.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      response.attachment(`media-${stamp}.xlsx`)
      writeTableXlsx(table, stream).catch((error) => stream.destroy(error))
    } else {
      response.header('content-type', 'application/pdf')
      response.attachment(`media-${stamp}.pdf`)
      writeTablePdf(table, stream).catch((error) => stream.destroy(error))
    }
    return response.stream(stream)
  }

  async feeds({ view, bouncer }: HttpContext) {
    await bouncer.with(MediaPolicy).authorize('manageFeeds')
    return view.render('pages/media/feeds', { feeds: await MediaFeed.query().orderBy('title') })
  }

  async storeFeed(ctx: HttpContext) {
    const { request, response, bouncer, session, i18n } = ctx
    await bouncer.with(MediaPolicy).authorize('manageFeeds')
    const data = await request.validateUsing(mediaFeedValidator, { messagesProvider: moduleMessages(i18n, 'media') })
    if (await MediaFeed.findBy('url', data.url)) throw fieldError('url', i18n.t('media.errors.feed_taken'), 'unique')
    const feed = await MediaFeed.create({ ...data, topic: data.topic ?? null, isActive: true, lastAdded: 0 })
    await recordAudit(actorFromContext(ctx), 'media.feed_created', { type: 'media_feed', id: feed.id }, { url: feed.url })
    await this.#queuePull(feed.id)
    session.flash('notice', i18n.t('media.flash.feed_created'))
    return response.redirect('/media/feeds')
  }

  async pullFeed(ctx: HttpContext) {
    const { params, response, bouncer, session, i18n } = ctx
    await bouncer.with(MediaPolicy).authorize('manageFeeds')
    const feed = await MediaFeed.findOrFail(params.id)
    await this.#queuePull(feed.id)
    session.flash('notice', i18n.t('media.flash.feed_queued'))
    return response.redirect('/media/feeds')
  }

  async toggleFeed(ctx: HttpContext) {
    const { params, response, bouncer, session, i18n } = ctx
    await bouncer.with(MediaPolicy).authorize('manageFeeds')
    const feed = await MediaFeed.findOrFail(params.id)
    feed.isActive = !feed.isActive
    await feed.save()
    await recordAudit(actorFromContext(ctx), feed.isActive ? 'media.feed_resumed' : 'media.feed_paused', { type: 'media_feed', id: feed.id })
    session.flash('notice', i18n.t(feed.isActive ? 'media.flash.feed_resumed' : 'media.flash.feed_paused'))
    return response.redirect('/media/feeds')
  }

  async #queuePull(feedId: number) {
    const slug = tenantScope.currentOrFail().slug
    await queueService.dispatch(PullMediaFeedsJob.jobName, { feedId }, { tenant: slug, jobId: `${PullMediaFeedsJob.jobName}.${slug}.${feedId}.${Date.now()}` })
  }
}
