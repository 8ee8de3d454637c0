import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'
import type { I18n } from '@adonisjs/i18n'
import type { StaffingOverview } from '#modules/staffing/services/overview'
import type { RiskReason } from '#modules/staffing/services/risk_rules'
import { fieldLabel } from '#modules/staffing/validators/staffing_messages'
import { IMPORT_COLUMNS } from '#modules/staffing/actions/import_staffing'
import type StaffingPosition from '#modules/staffing/models/staffing_position'

const require = createRequire(import.meta.url)
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

/** A risk reason as one sentence in the user's language. */
export function reasonText(reason: RiskReason, i18n: I18n) {
  const params = { ...reason.params }
  if (params.post) params.post = i18n.t(`staffing.key_posts.${params.post}`)
  return i18n.t(`staffing.risks.${reason.key}`, params)
}

const number = (value: number | null, i18n: I18n) => (value === null ? '—' : i18n.formatNumber(value, { maximumFractionDigits: 2 }))

function completenessHeaders(i18n: I18n) {
  return ['department', 'approved', 'actual', 'vacant', 'completeness', 'level', 'reasons'].map((key) => i18n.t(`staffing.table.${key}`))
}

/** The rows of the completeness table: every department, then the total. */
function completenessRows(overview: StaffingOverview, i18n: I18n, asNumbers: boolean) {
  const cell = (value: number | null) => (asNumbers ? value : number(value, i18n))
  const line = (name: string, figures: StaffingOverview['totals'], assessment: StaffingOverview['assessment']) => [
    name,
    cell(figures.approvedFte),
    cell(figures.actualFte),
    cell(figures.vacantFte),
    cell(assessment.completeness),
    assessment.level ? i18n.t(`staffing.levels.${assessment.level}`) : '—',
    assessment.reasons.map((reason) => reasonText(reason, i18n)).join('; '),
  ]
  return [
    ...overview.departments.map((row) => line(row.name, row.figures, row.assessment)),
    line(i18n.t('staffing.table.total'), overview.totals, overview.assessment),
  ]
}

/** The completeness table as an XLSX workbook, streamed. */
export async function writeCompletenessXlsx(overview: StaffingOverview, output: Writable, i18n: I18n) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true })
  const sheet = workbook.addWorksheet(i18n.t('staffing.title'))
  sheet.columns = completenessHeaders(i18n).map((header, index) => ({ header, width: [40, 12, 12, 12, 14, 14, 70][index] }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const row of completenessRows(overview, i18n, true)) sheet.addRow(row).commit()
  sheet.commit()
  await workbook.commit()
}

/** The completeness table as a PDF (landscape A4, a font with Cyrillic). */
export async function writeCompletenessPdf(overview: StaffingOverview, output: Writable, i18n: I18n, title: string) {
  const document = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: title } })
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', reject)
  })
  document.pipe(output)
  document.registerFont('regular', FONT_REGULAR)
  document.registerFont('bold', FONT_BOLD)
  const widths = [200, 60, 60, 60, 70, 70, 250]
  const left = document.page.margins.left
  const drawRow = (cells: string[], font: 'regular' | 'bold') => {
    document.font(font).fontSize(8)
    const height = Math.max(...cells.map((cell, index) => document.heightOfString(cell, { width: widths[index] - 6 }))) + 6
    if (document.y + height > document.page.height - document.page.margins.bottom) document.addPage()
    const top = document.y
    let x = left
    cells.forEach((cell, index) => {
      document.text(cell, x + 3, top + 3, { width: widths[index] - 6 })
      x += widths[index]
    })
    document.moveTo(left, top + height).lineTo(x, top + height).strokeColor('#cccccc').stroke()
    document.x = left
    document.y = top + height
  }
  document.font('bold').fontSize(14).text(title)
  document.font('regular').fontSize(9).text(i18n.t('staffing.as_of', { date: i18n.formatDate(overview.today.toJSDate()) }))
  document.moveDown(0.5)
  drawRow(completenessHeaders(i18n), 'bold')
  for (const row of completenessRows(overview, i18n, false)) drawRow(row.map(String), 'regular')
  document.end()
  await finished
}

/**
 * The establishment table in the import's own columns, streamed batch by
 * batch: export, edit, import again.
 */
export async function writePositionsXlsx(
  batches: AsyncIterable<(StaffingPosition & { $extras: { department_code: string } })[]>,
  output: Writable,
  i18n: I18n
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true })
  const sheet = workbook.addWorksheet(i18n.t('staffing.positions.title'))
  const columns = [...IMPORT_COLUMNS.positions.all, 'actualFte', 'status', 'vacantSince']
  sheet.columns = columns.map((column) => ({ header: fieldLabel(i18n, column), width: column === 'title' ? 40 : 16 }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for await (const batch of batches) {
    for (const position of batch) {
      sheet
        .addRow([
          position.$extras.department_code,
          position.title,
          position.category ?? '',
          position.approvedFte,
          position.keyPost ? i18n.t(`staffing.key_posts.${position.keyPost}`) : '',
          position.effectiveFrom.toISODate(),
          position.effectiveTo?.toISODate() ?? '',
          position.actualFte,
          i18n.t(`staffing.statuses.${position.status}`),
          position.vacantSince?.toISODate() ?? '',
        ])
        .commit()
    }
  }
  sheet.commit()
  await workbook.commit()
}
