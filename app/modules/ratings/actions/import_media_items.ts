import type { I18n } from '@adonisjs/i18n'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { mapColumns, rowObject, type ImportTable } from '#modules/ratings/imports/table_reader'
import { mediaRowValidator } from '#modules/ratings/validators/media_validators'
import { moduleMessages } from '#core/module_messages'
import { insertMediaItems, type MediaItemInput } from '#modules/ratings/actions/store_media_items'
import type { ImportReport } from '#modules/ratings/actions/import_observations'

export const MEDIA_COLUMNS = {
  outlet: ['outlet', 'издание', 'сми'],
  publishedOn: ['date', 'published_on', 'дата'],
  title: ['title', 'заголовок'],
  url: ['url', 'link', 'ссылка'],
  topic: ['topic', 'тема'],
  tone: ['tone', 'тональность'],
  departments: ['departments', 'подразделения', 'ведомства'],
}

const TONE_WORDS: Record<string, string> = {
  позитивная: 'positive', позитив: 'positive', положительная: 'positive', '+': 'positive',
  нейтральная: 'neutral', нейтрально: 'neutral', '0': 'neutral',
  негативная: 'negative', негатив: 'negative', отрицательная: 'negative', '-': 'negative',
}

export interface MediaImportReport extends ImportReport {
  duplicates: number
}

/**
 * Imports publications from CSV/XLSX like the observation import: all rows
 * checked first, nothing written while one is bad unless `validOnly`, one
 * transaction. A known URL is a duplicate, not an error: it is skipped.
 */
export class ImportMediaItems {
  async handle(table: ImportTable, options: { validOnly: boolean; userId: number }, i18n: I18n): Promise<MediaImportReport> {
    const report: MediaImportReport = { total: table.rows.length, imported: 0, skipped: 0, duplicates: 0, problems: [], fileError: null, applied: false }
    const columns = mapColumns(table.headers, MEDIA_COLUMNS)
    const missing = (['outlet', 'publishedOn', 'title', 'url'] as const).filter((field) => !columns.has(field))
    if (missing.length) {
      report.fileError = i18n.t('ratings.import.missing_columns', { columns: missing.map((field) => i18n.t(`media.fields.${field}`)).join(', ') })
      return report
    }
    if (!table.rows.length) {
      report.fileError = i18n.t('ratings.import.no_rows')
      return report
    }
    const departments = await tenantDb().from('departments').where('is_active', true).select('id', 'code')
    const departmentByCode = new Map(departments.map((row: any) => [String(row.code).toLowerCase(), row.id as number]))
    const messagesProvider = moduleMessages(i18n, 'media')
    const valid: MediaItemInput[] = []

    for (const row of table.rows) {
      const messages: string[] = []
      const raw: Record<string, unknown> = rowObject(row.cells, columns)
      if (typeof raw.tone === 'string') raw.tone = TONE_WORDS[raw.tone.toLowerCase()] ?? raw.tone.toLowerCase()
      else raw.tone = 'neutral'
      // department codes are checked even when other cells are wrong: one pass reports every problem of the row
      const codes = (typeof raw.departments === 'string' ? raw.departments : '').split(/[;,]/).map((code) => code.trim()).filter(Boolean)
      const departmentIds: number[] = []
      for (const code of codes) {
        const id = departmentByCode.get(code.toLowerCase())
        if (id) departmentIds.push(id)
        else messages.push(i18n.t('media.import.unknown_department', { code }))
      }
      try {
        const data = await mediaRowValidator.validate(raw, { messagesProvider })
        if (!messages.length) valid.push({ ...data, publishedAt: data.publishedOn, departmentIds: [...new Set(departmentIds)] })
      } catch (error) {
        if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
        messages.unshift(...error.messages.map((entry: { message: string }) => entry.message))
      }
      if (messages.length) report.problems.push({ line: row.line, messages })
    }

    if (report.problems.length && !options.validOnly) return report
    const added = await tenantDb().transaction((trx) => insertMediaItems(trx, valid, { source: 'csv', createdBy: options.userId }))
    report.imported = added
    report.duplicates = valid.length - added
    report.skipped = report.problems.length
    report.applied = added > 0
    return report
  }
}
