import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'
import type { I18n } from '@adonisjs/i18n'
import type LawsuitCase from '#modules/lawsuits/models/lawsuit_case'

const require = createRequire(import.meta.url)
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

const COLUMNS = ['number', 'court', 'instance', 'category', 'ourRole', 'claimedAmount', 'awardedAmount', 'collectedAmount', 'outcome', 'lawyer', 'department', 'nextHearingOn'] as const
const XLSX_WIDTHS = [20, 36, 16, 20, 16, 16, 16, 16, 24, 28, 28, 14]
const PDF_WIDTHS = [62, 110, 52, 60, 56, 62, 62, 62, 70, 70, 70, 52]

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

function cells(lawsuit: LawsuitCase, i18n: I18n, forPdf: boolean) {
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
    lawsuit.nextHearingOn?.toISODate() ?? '',
  ]
}

const headers = (i18n: I18n) => COLUMNS.map((key) => i18n.t(key === 'lawyer' ? 'lawsuits.fields.lawyerId' : key === 'department' ? 'lawsuits.fields.departmentId' : `lawsuits.fields.${key}`))

/** Streams cases into an XLSX workbook batch after batch; amounts stay numbers (formatted as rubles). */
export async function writeCasesXlsx(batches: AsyncIterable<LawsuitCase[]>, output: Writable, i18n: I18n) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true })
  const sheet = workbook.addWorksheet(i18n.t('lawsuits.title'))
  sheet.columns = headers(i18n).map((header, index) => ({ header, width: XLSX_WIDTHS[index] }))
  for (const index of [6, 7, 8]) sheet.getColumn(index).numFmt = '#,##0.00 "₽"'
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for await (const batch of batches) {
    for (const lawsuit of batch) sheet.addRow(cells(lawsuit, i18n, false)).commit()
  }
  sheet.commit()
  await workbook.commit()
}

/** Streams cases into a PDF table (landscape A4, DejaVu for Cyrillic). */
export async function writeCasesPdf(batches: AsyncIterable<LawsuitCase[]>, output: Writable, i18n: I18n, title: string) {
  const document = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 30, info: { Title: title } })
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', reject)
  })
  document.pipe(output)
  document.registerFont('regular', FONT_REGULAR)
  document.registerFont('bold', FONT_BOLD)
  const left = document.page.margins.left

  const drawRow = (row: (string | number | null)[], font: 'regular' | 'bold') => {
    const texts = row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))
    document.font(font).fontSize(7)
    const height = Math.max(...texts.map((text, index) => document.heightOfString(text, { width: PDF_WIDTHS[index] - 4 }))) + 6
    if (document.y + height > document.page.height - document.page.margins.bottom) document.addPage()
    const top = document.y
    let x = left
    texts.forEach((text, index) => {
      document.text(text, x + 2, top + 3, { width: PDF_WIDTHS[index] - 4 })
      x += PDF_WIDTHS[index]
    })
    document.moveTo(left, top + height).lineTo(x, top + height).strokeColor('#cccccc').stroke()
    document.x = left
    document.y = top + height
  }

  document.font('bold').fontSize(14).text(title)
  document.moveDown(0.5)
  drawRow(headers(i18n), 'bold')
  for await (const batch of batches) {
    for (const lawsuit of batch) drawRow(cells(lawsuit, i18n, true), 'regular')
  }
  document.end()
  await finished
}
