import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

/** One cell of an exported table: numbers stay numbers in XLSX; null and undefined are empty. */
export type Cell = string | number | null | undefined

/**
 * The rows of a table in batches: pages of a query streamed one after the
 * other, or a short table given whole as a single batch (`[rows]`).
 */
export type RowBatches = AsyncIterable<Cell[][]> | Iterable<Cell[][]>

/** Turns batches of records into batches of table rows, still one batch at a time. */
export async function* rowBatches<T>(batches: AsyncIterable<T[]>, toRow: (record: T) => Cell[]): AsyncIterable<Cell[][]> {
  for await (const batch of batches) yield batch.map(toRow)
}

export interface XlsxColumn {
  header: string
  width: number
  /** An Excel number format, e.g. for amounts of money. */
  numFmt?: string
}

/** A sheet name Excel accepts: 31 characters at most, none of [ ] * ? / \ : */
export function safeSheetName(title: string) {
  return title.slice(0, 31).replace(/[[\]*?/\\:]/g, ' ')
}

/** Adds a sheet with these columns; the first row holds their headers in bold. */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: XlsxColumn[]) {
  const sheet = workbook.addWorksheet(name)
  sheet.columns = columns.map(({ header, width }) => ({ header, width }))
  columns.forEach((column, index) => {
    if (column.numFmt) sheet.getColumn(index + 1).numFmt = column.numFmt
  })
  sheet.getRow(1).font = { bold: true }
  return sheet
}

/**
 * Streams a one-sheet workbook into the output, committing every row as it
 * is written so memory stays flat whatever the length of the table.
 */
export async function writeXlsxTable(table: { output: Writable; sheetName: string; columns: XlsxColumn[]; batches: RowBatches }) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: table.output, useStyles: true })
  const sheet = addTableSheet(workbook, table.sheetName, table.columns)
  sheet.getRow(1).commit()
  for await (const batch of table.batches) {
    for (const row of batch) sheet.addRow(row).commit()
  }
  sheet.commit()
  await workbook.commit()
}

export type PdfFont = 'regular' | 'bold'

/** A landscape A4 document with DejaVu (it has Cyrillic) registered as the 'regular' and 'bold' fonts. */
export function createPdfDocument(title: string, margin = 36) {
  const document = new PDFDocument({ size: 'A4', layout: 'landscape', margin, info: { Title: title } })
  document.registerFont('regular', FONT_REGULAR)
  document.registerFont('bold', FONT_BOLD)
  return document
}

/** The document's title in large bold type, with an optional line under it (e.g. the date of the figures). */
export function drawPdfTitle(document: PDFKit.PDFDocument, title: string, subtitle?: string) {
  document.font('bold').fontSize(14).text(title)
  if (subtitle !== undefined) document.font('regular').fontSize(9).text(subtitle)
}

/**
 * Draws the rows of a table with fixed column widths (in points): cells wrap
 * their text, a row that does not fit starts a new page, and a light rule
 * closes every row.
 */
export class PdfTable {
  constructor(
    private document: PDFKit.PDFDocument,
    private widths: number[],
    private style = { fontSize: 8, cellPadding: 3 }
  ) {}

  drawRow(cells: Cell[], font: PdfFont = 'regular') {
    const { document, widths } = this
    const { fontSize, cellPadding } = this.style
    const texts = cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))
    const textWidth = (index: number) => widths[index] - 2 * cellPadding
    document.font(font).fontSize(fontSize)
    const height = Math.max(...texts.map((text, index) => document.heightOfString(text, { width: textWidth(index) }))) + 6
    if (document.y + height > document.page.height - document.page.margins.bottom) document.addPage()
    const left = document.page.margins.left
    const top = document.y
    let x = left
    texts.forEach((text, index) => {
      document.text(text, x + cellPadding, top + 3, { width: textWidth(index) })
      x += widths[index]
    })
    document.moveTo(left, top + height).lineTo(x, top + height).strokeColor('#cccccc').stroke()
    document.x = left
    document.y = top + height
  }
}

export interface PdfTableExport {
  output: Writable
  title: string
  subtitle?: string
  header: string[]
  /** Column widths in points, or proportions when `fitToPage` is set. */
  widths: number[]
  /** Stretches the widths, keeping their proportions, to fill the page between its margins. */
  fitToPage?: boolean
  batches: RowBatches
  margin?: number
  fontSize?: number
  cellPadding?: number
}

/** Streams one titled table into the output as a PDF, batch after batch. */
export async function writePdfTable(table: PdfTableExport) {
  const { output, margin = 36, fontSize = 8, cellPadding = 3 } = table
  const document = createPdfDocument(table.title, margin)
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', reject)
  })
  document.pipe(output)
  let widths = table.widths
  if (table.fitToPage) {
    const usable = document.page.width - document.page.margins.left - document.page.margins.right
    const total = widths.reduce((sum, width) => sum + width, 0)
    widths = widths.map((width) => (width / total) * usable)
  }
  const rows = new PdfTable(document, widths, { fontSize, cellPadding })

  drawPdfTitle(document, table.title, table.subtitle)
  document.moveDown(0.5)
  rows.drawRow(table.header, 'bold')
  for await (const batch of table.batches) {
    for (const row of batch) rows.drawRow(row)
  }
  document.end()
  await finished
}
