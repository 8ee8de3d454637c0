import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'
import { formatDate, formatDateTime, XLSX_DATE_FORMAT, XLSX_DATE_TIME_FORMAT, xlsxDate, type DateInput } from '#core/dates'

const require = createRequire(import.meta.url)
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

/** A date in an exported table: a real date cell in XLSX, ДД.ММ.ГГГГ (with ЧЧ:ММ, Moscow, for a moment) in PDF. */
export interface DateCell {
  date: DateInput
  withTime?: boolean
}

/** One cell of an exported table: numbers stay numbers and dates dates in XLSX; null and undefined are empty. */
export type Cell = string | number | DateCell | null | undefined

/** A calendar day (or with `withTime` a moment) as a cell; empty when there is no date. */
export function dateCell(date: DateInput, withTime = false): DateCell | null {
  return date === null || date === undefined || date === '' ? null : { date, withTime }
}

const isDateCell = (cell: Cell): cell is DateCell => typeof cell === 'object' && cell !== null && 'date' in cell

/** A cell as text for a person (PDF). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (isDateCell(cell)) return cell.withTime ? formatDateTime(cell.date) : formatDate(cell.date)
  return String(cell)
}

/** Appends a row to a sheet: date cells become Excel dates shown as ДД.ММ.ГГГГ (ЧЧ:ММ). Returns the row (to commit when streaming). */
export function addTableRow(sheet: ExcelJS.Worksheet, cells: Cell[]) {
  const row = sheet.addRow(cells.map((cell) => (isDateCell(cell) ? xlsxDate(cell.date, cell.withTime) : cell)))
  cells.forEach((cell, index) => {
    if (isDateCell(cell)) row.getCell(index + 1).numFmt = cell.withTime ? XLSX_DATE_TIME_FORMAT : XLSX_DATE_FORMAT
  })
  return row
}

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
    for (const row of batch) addTableRow(sheet, row).commit()
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

/** Where a cell may wrap: ordinary spaces only; no-break spaces (digit groups of «1 500 000,25 ₽») hold. */
const BREAKABLE_SPACE = /[ \t\r\n\f\v]+/

/** The smallest type a cell shrinks to so that its longest word fits its column. */
const MIN_FONT_SIZE = 4.5

/** Room (in points) a row taller than a page needs at the foot of a page to start there. */
const TALL_ROW_START = 60

/** Distinct words whose widths a table keeps. */
const WORD_WIDTHS_KEPT = 50_000

/** A cell laid out: its font size and its lines. */
interface CellLayout {
  fontSize: number
  lines: string[]
}

/**
 * Draws the rows of a table with fixed column widths (in points): cells wrap
 * their text at spaces only, never inside a word or an identifier (a case
 * number like А32-41877/2026 stays whole, so a search of the PDF finds it);
 * a cell whose longest word is wider than its column is set in smaller type
 * (a header like «Просрочено» in a narrow column). A row that does not fit
 * starts a new page, and a light rule closes every row.
 */
export class PdfTable {
  constructor(
    private document: PDFKit.PDFDocument,
    private widths: number[],
    private style = { fontSize: 8, cellPadding: 3 }
  ) {}

  /**
   * Widths of words at 1 pt in each font, measured once: a long table
   * repeats its words, and measuring every candidate line again through the
   * font's layout cost most of the time of a 20 000-row PDF. A line is as
   * wide as its words and the spaces between them (what pdfkit's own line
   * wrapper assumes too). Cleared when it grows large (many distinct words).
   */
  #wordWidths = new Map<string, number>()

  #widthOf(word: string, font: PdfFont, fontSize: number) {
    const key = `${font}\u0000${word}`
    let width = this.#wordWidths.get(key)
    if (width === undefined) {
      if (this.#wordWidths.size > WORD_WIDTHS_KEPT) this.#wordWidths.clear()
      width = this.document.font(font).fontSize(1).widthOfString(word)
      this.#wordWidths.set(key, width)
    }
    return width * fontSize
  }

  /** Breaks a text into lines at spaces (and at its own line breaks), each at most `width` wide where words allow. */
  #lines(text: string, width: number, font: PdfFont, fontSize: number): string[] {
    const lines: string[] = []
    const space = this.#widthOf(' ', font, fontSize)
    for (const paragraph of text.split(/\r?\n/)) {
      let line = ''
      let lineWidth = 0
      for (const word of paragraph.split(BREAKABLE_SPACE).filter(Boolean)) {
        const wordWidth = this.#widthOf(word, font, fontSize)
        if (line && lineWidth + space + wordWidth > width) {
          lines.push(line)
          line = word
          lineWidth = wordWidth
        } else {
          lineWidth = line ? lineWidth + space + wordWidth : wordWidth
          line = line ? `${line} ${word}` : word
        }
      }
      lines.push(line)
    }
    return lines
  }

  /** The type size at which the widest word of the text fits the width (never above the table's size). */
  #fittingSize(text: string, width: number, font: PdfFont): number {
    const { fontSize } = this.style
    const widest = Math.max(0, ...text.split(BREAKABLE_SPACE).map((word) => this.#widthOf(word, font, fontSize)))
    if (widest <= width) return fontSize
    return Math.max(MIN_FONT_SIZE, Math.floor(((fontSize * width) / widest) * 10) / 10)
  }

  layout(text: string, width: number, font: PdfFont = 'regular'): CellLayout {
    const fontSize = this.#fittingSize(text, width, font)
    const lines = text ? this.#lines(text, width, font, fontSize) : []
    this.document.font(font).fontSize(fontSize)
    return { fontSize, lines }
  }

  drawRow(cells: Cell[], font: PdfFont = 'regular') {
    const { document, widths } = this
    const { cellPadding } = this.style
    const textWidth = (index: number) => widths[index] - 2 * cellPadding
    const layouts = cells.map((cell, index) => this.layout(cellText(cell), textWidth(index), font))
    const lineHeight = (size: number) => document.font(font).fontSize(size).currentLineHeight(true)
    const height = Math.max(0, ...layouts.map((cell) => cell.lines.length * lineHeight(cell.fontSize))) + 6
    const bottom = () => document.page.height - document.page.margins.bottom
    const pageHeight = bottom() - document.page.margins.top
    // a row moves whole to the next page; one taller than a page starts where it is and goes on over the pages it needs
    if (document.y + (height > pageHeight ? TALL_ROW_START : height) > bottom()) document.addPage()
    const left = document.page.margins.left
    const next = layouts.map(() => 0)
    for (;;) {
      const top = document.y
      const room = bottom() - top - 6
      let used = 0
      let x = left
      layouts.forEach((cell, index) => {
        const step = lineHeight(cell.fontSize)
        let offset = 0
        for (; next[index] < cell.lines.length && offset + step <= room; next[index]++, offset += step) {
          const line = cell.lines[next[index]]
          if (line) document.text(line, x + cellPadding, top + 3 + offset, { lineBreak: false })
        }
        used = Math.max(used, offset)
        x += widths[index]
      })
      const done = layouts.every((cell, index) => next[index] >= cell.lines.length)
      // (a line taller than a whole page would never fit: the row stops there)
      if (done || (!used && top <= document.page.margins.top)) {
        document.moveTo(left, top + used + 6).lineTo(x, top + used + 6).strokeColor('#cccccc').stroke()
        document.x = left
        document.y = top + used + 6
        return
      }
      document.addPage()
    }
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
