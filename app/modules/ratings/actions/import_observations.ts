import type { I18n } from '@adonisjs/i18n'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import type RatingEdition from '#modules/ratings/models/rating_edition'
import { mapColumns, rowObject, type ImportTable } from '#modules/ratings/imports/table_reader'
import { observationRowValidator } from '#modules/ratings/validators/rating_validators'
import { moduleMessages } from '#core/module_messages'
import { upsertObservations, type ObservationInput } from '#modules/ratings/actions/save_observation'
import { refreshAlerts } from '#modules/ratings/services/rating_alerts'

export interface RowProblem {
  line: number
  messages: string[]
}

export interface ImportReport {
  total: number
  imported: number
  /** Rows left out because they had errors (only with `validOnly`). */
  skipped: number
  problems: RowProblem[]
  /** The file's problem as a whole (missing columns, no rows). */
  fileError: string | null
  applied: boolean
}

/** Accepted column titles: English keys and the Russian titles of our template. */
export const OBSERVATION_COLUMNS = {
  indicatorCode: ['indicator_code', 'indicator', 'code', 'код показателя', 'код', 'показатель'],
  value: ['value', 'значение'],
  score: ['score', 'балл', 'баллы'],
  rank: ['rank', 'place', 'место'],
  rankShared: ['shared', 'rank_shared', 'shared rank', 'место разделено', 'разделённое место'],
  districtRank: ['district_rank', 'district rank', 'место в округе', 'место в федеральном округе'],
}

const YES = ['да', 'yes', 'true', '1', 'y', 'д', '+']
const NO = ['нет', 'no', 'false', '0', 'n', 'н', '-']

/** Cells as the validator expects them: decimal commas, yes/no words. */
function normaliseRow(row: Record<string, string | undefined>) {
  const out: Record<string, unknown> = { ...row }
  for (const key of ['value', 'score', 'rank', 'districtRank']) {
    if (typeof row[key] === 'string') out[key] = row[key]!.replace(/\s/g, '').replace(',', '.')
  }
  if (typeof row.rankShared === 'string') {
    const word = row.rankShared.toLowerCase()
    out.rankShared = YES.includes(word) ? true : NO.includes(word) ? false : row.rankShared
  }
  return out
}

/**
 * Imports an edition's observations from a CSV/XLSX table. Every row is
 * checked first (field rules, a known indicator code, a place within the
 * regions ranked, no code twice); nothing is written when a row is bad,
 * unless `validOnly` asks for the good rows. All writes and the alert
 * refresh happen in one transaction: an import never half-applies.
 */
export class ImportObservations {
  async handle(edition: RatingEdition, table: ImportTable, options: { validOnly: boolean }, i18n: I18n): Promise<ImportReport> {
    const report: ImportReport = { total: table.rows.length, imported: 0, skipped: 0, problems: [], fileError: null, applied: false }
    const columns = mapColumns(table.headers, OBSERVATION_COLUMNS)
    const missing = (['indicatorCode', 'rank'] as const).filter((field) => !columns.has(field))
    if (missing.length) {
      report.fileError = i18n.t('ratings.import.missing_columns', { columns: missing.map((field) => i18n.t(`ratings.fields.${field}`)).join(', ') })
      return report
    }
    if (!table.rows.length) {
      report.fileError = i18n.t('ratings.import.no_rows')
      return report
    }

    const indicators = await tenantDb().from('rating_indicators').where('rating_id', edition.ratingId).select('id', 'code')
    const indicatorByCode = new Map(indicators.map((row: any) => [String(row.code).toLowerCase(), row.id as number]))
    const seen = new Map<number, number>()
    const valid: ObservationInput[] = []
    const messagesProvider = moduleMessages(i18n, 'ratings')

    for (const row of table.rows) {
      const messages: string[] = []
      const cells = rowObject(row.cells, columns)
      let data: Awaited<ReturnType<typeof observationRowValidator.validate>> | null = null
      try {
        data = await observationRowValidator.validate(normaliseRow(cells), { messagesProvider })
      } catch (error) {
        if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
        messages.push(...error.messages.map((entry: { message: string }) => entry.message))
      }
      // the indicator is looked up even when other cells are wrong: one pass reports every problem of the row
      const code = cells.indicatorCode?.trim()
      const indicatorId = code ? indicatorByCode.get(code.toLowerCase()) : undefined
      if (code && !indicatorId) messages.push(i18n.t('ratings.import.unknown_indicator', { code }))
      if (data) {
        if (data.rank > edition.regionsCount || (data.districtRank ?? 0) > edition.regionsCount) {
          messages.push(i18n.t('ratings.import.rank_above_regions', { regions: edition.regionsCount }))
        }
        if (indicatorId && seen.has(indicatorId)) {
          messages.push(i18n.t('ratings.import.duplicate_indicator', { code: data.indicatorCode, line: seen.get(indicatorId)! }))
        }
        if (indicatorId && !seen.has(indicatorId)) seen.set(indicatorId, row.line)
        if (!messages.length) valid.push({ indicatorId: indicatorId!, value: data.value, score: data.score, rank: data.rank, rankShared: data.rankShared, districtRank: data.districtRank })
      }
      if (messages.length) report.problems.push({ line: row.line, messages })
    }

    if (report.problems.length && !options.validOnly) return report
    await tenantDb().transaction(async (trx) => {
      await upsertObservations(trx, edition.id, valid)
      await refreshAlerts(edition.ratingId, trx)
    })
    report.imported = valid.length
    report.skipped = report.problems.length
    report.applied = valid.length > 0
    return report
  }
}
