import ExcelJS from 'exceljs'
import type { I18n } from '@adonisjs/i18n'
import { formatDate, formatDateTime } from '#core/dates'
import { addTableRow, addTableSheet, createPdfDocument, dateCell, drawPdfTitle, PdfTable, safeSheetName, type Cell } from '#core/table_export'
import type { ReportContent, ReportRow } from '#modules/reports/services/report_content'
import type { EffectivenessRow } from '#modules/effectiveness/services/effectiveness_query'

/** The title of a report, e.g. "Weekly control report, 16.11.2026 — 22.11.2026". */
export function reportTitle(content: Pick<ReportContent, 'kind' | 'period'>, i18n: I18n) {
  return i18n.t(`reports.title_${content.kind}`, { from: formatDate(content.period.from, i18n.locale), to: formatDate(content.period.to, i18n.locale) })
}

const name = (ru: string | null, en: string | null, i18n: I18n) => (i18n.locale === 'en' ? en : ru) ?? ''
const pctCell = (value: number | null) => (value === null ? '—' : value)

function figureHeaders(i18n: I18n) {
  return ['open', 'overdue', 'executed', 'on_time_pct', 'special_control'].map((key) => i18n.t(`reports.columns.${key}`))
}
function figureCells(row: Pick<ReportRow, 'open' | 'overdue' | 'executed' | 'on_time_pct' | 'special_control'>): Cell[] {
  return [row.open, row.overdue, row.executed, pctCell(row.on_time_pct), row.special_control]
}

/** Every table of a report, in order: the PDF and the workbook show the same cells. */
function tables(content: ReportContent, i18n: I18n) {
  const department = (row: ReportRow) => name(row.department_ru, row.department_en, i18n) || i18n.t('effectiveness.no_department')
  const ranking = (rows: (EffectivenessRow & { block_name_ru: string; block_name_en: string })[]) =>
    rows.map((row): Cell[] => [
      name(row.block_name_ru, row.block_name_en, i18n),
      name(row.department_ru, row.department_en, i18n) || i18n.t('effectiveness.no_department'),
      row.executed,
      pctCell(row.on_time_pct),
      row.avg_days ?? '—',
      pctCell(row.returned_pct),
      row.overdue,
    ])
  const rankingHeaders = [
    i18n.t('reports.columns.block'),
    i18n.t('reports.columns.department'),
    ...['executed', 'on_time_pct', 'avg_days', 'returned_pct', 'overdue'].map((key) => i18n.t(`effectiveness.columns.${key}`)),
  ]
  return [
    {
      title: i18n.t('reports.sections.blocks'),
      widths: [250, 90, 90, 90, 90, 90],
      headers: [i18n.t('reports.columns.block'), ...figureHeaders(i18n)],
      rows: [
        ...content.blocks.map((row): Cell[] => [name(row.block_name_ru, row.block_name_en, i18n), ...figureCells(row)]),
        [i18n.t('reports.total'), ...figureCells(content.totals)],
      ],
    },
    {
      title: i18n.t('reports.sections.departments'),
      widths: [170, 190, 70, 70, 70, 70, 70],
      headers: [i18n.t('reports.columns.block'), i18n.t('reports.columns.department'), ...figureHeaders(i18n)],
      rows: content.departments.map((row): Cell[] => [name(row.block_name_ru, row.block_name_en, i18n), department(row), ...figureCells(row)]),
    },
    {
      title: i18n.t('reports.sections.overdue', { count: content.overdueTotal, shown: content.overdue.length }),
      widths: [150, 90, 260, 160, 70],
      headers: ['block', 'number', 'text', 'responsible', 'deadline'].map((key) => i18n.t(`reports.columns.${key}`)),
      rows: content.overdue.map((row): Cell[] => [
        row.block,
        row.number,
        row.text ?? i18n.t('reports.restricted'),
        name(row.responsible_ru, row.responsible_en, i18n),
        dateCell(row.deadline),
      ]),
    },
    { title: i18n.t('reports.sections.top'), widths: [150, 200, 70, 70, 90, 90, 60], headers: rankingHeaders, rows: ranking(content.top) },
    { title: i18n.t('reports.sections.bottom'), widths: [150, 200, 70, 70, 90, 90, 60], headers: rankingHeaders, rows: ranking(content.bottom) },
  ]
}

function asOfLine(content: ReportContent, i18n: I18n) {
  return content.asOf
    ? i18n.t('reports.as_of', { time: formatDateTime(content.asOf, i18n.locale) })
    : i18n.t('control.not_refreshed')
}

/** The report as a PDF (landscape A4, DejaVu for Cyrillic), in memory: it is stored, not streamed. */
export async function reportPdf(content: ReportContent, i18n: I18n): Promise<Buffer> {
  const title = reportTitle(content, i18n)
  const document = createPdfDocument(title)
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk))
    document.on('end', () => resolve(Buffer.concat(chunks)))
    document.on('error', reject)
  })
  const left = document.page.margins.left
  const bottom = () => document.page.height - document.page.margins.bottom

  drawPdfTitle(document, title, asOfLine(content, i18n))
  for (const table of tables(content, i18n)) {
    // a section title never stays alone at the foot of a page
    if (document.y + 60 > bottom()) document.addPage()
    document.moveDown(1)
    document.font('bold').fontSize(11).text(table.title, left)
    document.moveDown(0.3)
    const rows = new PdfTable(document, table.widths)
    rows.drawRow(table.headers, 'bold')
    if (!table.rows.length) document.font('regular').fontSize(8).text(i18n.t('reports.nothing'), left)
    for (const row of table.rows) rows.drawRow(row)
  }
  document.end()
  return done
}

/** The report as a workbook: one sheet per table, the region figures first. */
export async function reportXlsx(content: ReportContent, i18n: I18n): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.title = reportTitle(content, i18n)
  tables(content, i18n).forEach((table, index) => {
    const columns = table.headers.map((header, column) => ({ header, width: Math.round(table.widths[column] / 6) }))
    const sheet = addTableSheet(workbook, safeSheetName(`${index + 1}. ${table.title}`), columns)
    for (const row of table.rows) addTableRow(sheet, row)
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
