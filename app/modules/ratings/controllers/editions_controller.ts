import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import { actorFromContext, recordAudit } from '#core/audit'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import RatingPolicy from '#modules/ratings/policies/rating_policy'
import { moduleMessages } from '#core/module_messages'
import { importValidator, observationValidator } from '#modules/ratings/validators/rating_validators'
import { editionFacts, type ObservationFact } from '#modules/ratings/services/rating_figures'
import { RankAboveRegionsError, SaveObservation } from '#modules/ratings/actions/save_observation'
import { ImportObservations } from '#modules/ratings/actions/import_observations'
import { readTable } from '#modules/ratings/imports/table_reader'
import { UploadError } from '#core/uploads/upload_error'
import { uploadFieldError } from '#core/uploads/upload_messages'
import { tableSource } from '#core/uploads/table_file'
import { writeTablePdf, writeTableXlsx, type Cell } from '#modules/ratings/exports/table_export'
import { fieldError } from '#modules/ratings/controllers/ratings_controller'
import { importTemplateXlsx, sendImportTemplate } from '#core/uploads/import_template'

async function findEdition(ratingId: unknown, editionId: unknown) {
  const rating = await Rating.findOrFail(ratingId)
  const edition = await RatingEdition.query().where('id', String(editionId)).where('rating_id', rating.id).firstOrFail()
  return { rating, edition }
}

/** "5" or "5=" for a shared place; "+3", "−2", "0" or "—" for Δ. */
export function formatRank(fact: Pick<ObservationFact, 'rank' | 'rank_shared'>) {
  return `${fact.rank}${fact.rank_shared ? '=' : ''}`
}

export function formatDelta(delta: number | null) {
  if (delta === null || delta === undefined) return '—'
  return delta > 0 ? `+${delta}` : delta < 0 ? `−${Math.abs(delta)}` : '0'
}

/**
 * One edition of a rating: the region's figures with Δrank, entry by form,
 * import from CSV/XLSX with a row-by-row report, and exports.
 */
export default class EditionsController {
  async show({ params, view, bouncer, i18n, session }: HttpContext) {
    await bouncer.with(RatingPolicy).authorize('view')
    const { rating, edition } = await findEdition(params.id, params.editionId)
    const [facts, indicators] = await Promise.all([
      editionFacts(edition.id, i18n.locale),
      RatingIndicator.query().where('rating_id', rating.id).orderBy('position').orderBy('code'),
    ])
    return view.render('pages/ratings/edition', {
      rating,
      edition,
      facts,
      indicators,
      formatRank,
      formatDelta,
      importReport: session.flashMessages.get('importReport') ?? null,
    })
  }

  async storeObservation(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('manage')
    const { rating, edition } = await findEdition(params.id, params.editionId)
    const data = await request.validateUsing(observationValidator, { messagesProvider: moduleMessages(i18n, 'ratings') })
    try {
      await new SaveObservation().handle(edition, { ...data, rankShared: data.rankShared ?? false })
    } catch (error) {
      if (error instanceof RankAboveRegionsError) {
        throw fieldError(data.rank > edition.regionsCount ? 'rank' : 'districtRank', i18n.t('ratings.import.rank_above_regions', { regions: edition.regionsCount }), 'range')
      }
      throw error
    }
    await recordAudit(actorFromContext(ctx), 'rating.observation_saved', { type: 'rating_edition', id: edition.id }, { indicatorId: data.indicatorId, rank: data.rank })
    session.flash('notice', i18n.t('ratings.flash.observation_saved'))
    return response.redirect(`/ratings/${rating.id}/editions/${edition.id}`)
  }

  async import(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('manage')
    const { rating, edition } = await findEdition(params.id, params.editionId)
    const data = await request.validateUsing(importValidator, { messagesProvider: moduleMessages(i18n, 'ratings') })
    let table
    try {
      table = await readTable(tableSource(data.file))
    } catch (error) {
      if (error instanceof UploadError) throw uploadFieldError(i18n, 'file', data.file.clientName, error)
      throw error
    }
    const report = await new ImportObservations().handle(edition, table, { validOnly: !!data.validOnly }, i18n)
    if (report.applied) {
      await recordAudit(actorFromContext(ctx), 'rating.observations_imported', { type: 'rating_edition', id: edition.id }, {
        file: data.file.clientName, imported: report.imported, skipped: report.skipped,
      })
    }
    session.flash('importReport', report)
    return response.redirect(`/ratings/${rating.id}/editions/${edition.id}#import`)
  }

  /**
   * The import template of an edition: headers the import reads (Russian
   * titles, or English keys for English users) and a sample row with the
   * rating's first indicator and a place within the regions ranked.
   */
  async template({ params, response, bouncer, i18n }: HttpContext) {
    await bouncer.with(RatingPolicy).authorize('manage')
    const { edition } = await findEdition(params.id, params.editionId)
    const indicator = await RatingIndicator.query().where('rating_id', edition.ratingId).orderBy('id').first()
    const english = i18n.locale.startsWith('en')
    const place = (wanted: number) => Math.max(1, Math.min(wanted, edition.regionsCount))
    const columns = [
      { header: english ? 'Indicator code' : 'Код показателя', sample: indicator?.code ?? 'I1' },
      { header: english ? 'Value' : 'Значение', sample: 75.5 },
      { header: english ? 'Score' : 'Балл', sample: 3 },
      { header: english ? 'Rank' : 'Место', sample: place(10) },
      { header: english ? 'Shared rank' : 'Место разделено', sample: english ? 'no' : 'нет' },
      { header: english ? 'District rank' : 'Место в округе', sample: place(2) },
    ]
    return sendImportTemplate(response, `rating-${edition.id}-template`, await importTemplateXlsx(i18n.t('ratings.import'), columns))
  }

  async export({ params, response, bouncer, i18n }: HttpContext) {
    await bouncer.with(RatingPolicy).authorize('view')
    const { rating, edition } = await findEdition(params.id, params.editionId)
    const facts = await editionFacts(edition.id, i18n.locale)
    const numeric = (value: string | null) => (value === null ? null : Number(value))
    const rows: Cell[][] = facts.map((fact) => [
      fact.indicator_code,
      fact.indicator_name,
      fact.department_name,
      numeric(fact.value),
      numeric(fact.score),
      formatRank(fact),
      fact.previous_rank,
      formatDelta(fact.rank_delta),
      fact.district_rank,
      fact.bottom_quartile ? i18n.t('common.yes') : '',
    ])
    const headers = (
      [['indicator_code', 12], ['indicator', 40], ['department', 28], ['value', 12], ['score', 10], ['rank', 8], ['previous_rank', 10], ['delta', 8], ['district_rank', 10], ['bottom_quartile', 12]] as const
    ).map(([key, width]) => ({ label: i18n.t(`ratings.columns.${key}`), width }))
    const title = `${rating.title} — ${edition.period}`
    const stream = new PassThrough()
    const table = { title, headers, batches: (async function* () { yield rows })() }
    const name = `rating-${rating.code}-${edition.period}`.replace(/[^\w.-]+/g, '_')
    if (params.format === 'xlsx') {
      response.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      response.attachment(`${name}.xlsx`)
      writeTableXlsx(table, stream).catch((error) => stream.destroy(error))
    } else {
      response.header('content-type', 'application/pdf')
      response.attachment(`${name}.pdf`)
      writeTablePdf(table, stream).catch((error) => stream.destroy(error))
    }
    return response.stream(stream)
  }
}
