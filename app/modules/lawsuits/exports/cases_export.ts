import type { Writable } from 'node:stream'
import type { I18n } from '@adonisjs/i18n'
import { dateCell, rowBatches, writePdfTable, writeXlsxTable, type Cell } from '#core/table_export'
import type LawsuitCase from '#modules/lawsuits/models/lawsuit_case'

const COLUMNS = ['number', 'court', 'instance', 'category', 'ourRole', 'claimedAmount', 'awardedAmount', 'collectedAmount', 'outcome', 'lawyer', 'department', 'nextHearingOn'] as const
const XLSX_WIDTHS = [20, 36, 16, 20, 16, 16, 16, 16, 24, 28, 28, 14]
const PDF_WIDTHS = [62, 110, 52, 60, 56, 62, 62, 62, 70, 70, 70, 52]
const MONEY_COLUMNS: ReadonlySet<string> = new Set(['claimedAmount', 'awardedAmount', 'collectedAmount'])

/** Money as the user's locale writes it (1 500 000,00 ₽ / RUB 1,500,000.00). */
export function formatRubles(value: number | null, locale: string) {
  if (value === null || value === undefined) return ''
  let format = rubleFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 })
    rubleFormats.set(locale, format)
  }
  return format.format(value)
}

const rubleFormats = new Map<string, Intl.NumberFormat>()

function cells(lawsuit: LawsuitCase, i18n: I18n, forPdf: boolean): Cell[] {
  const money = (value: number | null) => (forPdf ? formatRubles(value, i18n.locale) : value)
  return [
    lawsuit.number,
    lawsuit.court,
    i18n.t(`lawsuits.instances.${lawsuit.instance}`),
    i18n.t(`lawsuits.categories.${lawsuit.category}`),
    i18n.t(`lawsuits.party_roles.${lawsuit.ourRole}`),
    money(lawsuit.claimedAmount),
    money(lawsuit.awardedAmount),
    money(lawsuit.collectedAmount),
    lawsuit.outcome ? i18n.t(`lawsuits.outcomes.${lawsuit.outcome}`) : i18n.t('lawsuits.open'),
    lawsuit.lawyer?.fullName ?? '',
    lawsuit.department ? lawsuit.department.name(i18n.locale) : '',
    dateCell(lawsuit.nextHearingOn),
  ]
}

const headers = (i18n: I18n) => COLUMNS.map((key) => i18n.t(key === 'lawyer' ? 'lawsuits.fields.lawyerId' : key === 'department' ? 'lawsuits.fields.departmentId' : `lawsuits.fields.${key}`))

/** Streams cases into an XLSX workbook batch after batch; amounts stay numbers (formatted as rubles). */
export async function writeCasesXlsx(batches: AsyncIterable<LawsuitCase[]>, output: Writable, i18n: I18n) {
  const header = headers(i18n)
  await writeXlsxTable({
    output,
    sheetName: i18n.t('lawsuits.title'),
    columns: COLUMNS.map((key, index) => ({
      header: header[index],
      width: XLSX_WIDTHS[index],
      numFmt: MONEY_COLUMNS.has(key) ? '#,##0.00 "₽"' : undefined,
    })),
    batches: rowBatches(batches, (lawsuit) => cells(lawsuit, i18n, false)),
  })
}

/** Streams cases into a PDF table, in smaller type to fit twelve columns. */
export async function writeCasesPdf(batches: AsyncIterable<LawsuitCase[]>, output: Writable, i18n: I18n, title: string) {
  await writePdfTable({
    output,
    title,
    header: headers(i18n),
    widths: PDF_WIDTHS,
    batches: rowBatches(batches, (lawsuit) => cells(lawsuit, i18n, true)),
    margin: 30,
    fontSize: 7,
    cellPadding: 2,
  })
}
