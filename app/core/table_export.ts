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

/** Distinct words whose widths (and word chunks whose glyphs) a table keeps. */
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
 * starts a new page, and a light rule closes every row. The lines of a row
 * on a page are written as one text object, each word's glyphs encoded
 * once per table (pdfkit's text() measured every line twice and saved the
 * graphics state around each: more than half the time of a 20 000-remark
 * summary); the page looks the same to the pixel.
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
    return { fontSize, lines }
  }

  /** Line heights per font and size (pdfkit's currentLineHeight(true)), measured once. */
  #lineHeights = new Map<string, number>()

  #lineHeight(font: PdfFont, fontSize: number) {
    const key = `${font}\u0000${fontSize}`
    let height = this.#lineHeights.get(key)
    if (height === undefined) {
      height = this.document.font(font).fontSize(fontSize).currentLineHeight(true)
      this.#lineHeights.set(key, height)
    }
    return height
  }

  /**
   * The glyphs of each space-separated chunk of text ("word " with its
   * trailing space, as pdfkit lays text out) in each font, encoded once:
   * hex glyph ids in runs, each run followed by the kerning adjustment
   * after its last glyph. Encoding through the font also adds the glyphs
   * to the document's subset and its ToUnicode map, so text stays
   * searchable. null: a chunk with glyph offsets, which pdfkit draws itself.
   */
  #chunks = new Map<string, ChunkGlyphs | null>()

  #encoded(font: EmbeddedFont, chunk: string): ChunkGlyphs | null {
    const key = `${font.id}\u0000${chunk}`
    let glyphs = this.#chunks.get(key)
    if (glyphs === undefined) {
      if (this.#chunks.size > WORD_WIDTHS_KEPT) this.#chunks.clear()
      const [hex, positions] = font.encode(chunk)
      glyphs = { runs: [], tail: '' }
      let run = ''
      for (let index = 0; index < positions.length; index++) {
        const position = positions[index]
        if (position.xOffset || position.yOffset) {
          glyphs = null
          break
        }
        run += hex[index]
        const adjust = position.xAdvance - position.advanceWidth
        if (adjust !== 0) {
          glyphs.runs.push([run, pdfNumber(-adjust)])
          run = ''
        }
      }
      if (glyphs) glyphs.tail = run
      this.#chunks.set(key, glyphs)
    }
    return glyphs
  }

  /**
   * The PDF operators that show one line at (x, y) (top left, pdfkit's
   * coordinates) in the current font: what document.text(line, x, y,
   * { lineBreak: false }) writes, without measuring the line twice or
   * saving the graphics state around every line. null when a chunk needs
   * pdfkit's own drawing (glyph offsets).
   */
  #showLine(font: EmbeddedFont, fontSize: number, line: string, x: number, y: number): string | null {
    const parts: string[] = []
    let pending = ''
    for (const chunk of line.match(CHUNKS) ?? []) {
      const glyphs = this.#encoded(font, chunk)
      if (!glyphs) return null
      for (const [run, adjust] of glyphs.runs) {
        parts.push(`<${pending}${run}> ${adjust}`)
        pending = ''
      }
      pending += glyphs.tail
    }
    if (pending) parts.push(`<${pending}> 0`)
    const baseline = this.document.page.height - y - (font.ascender / 1000) * fontSize
    return `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm\n[${parts.join(' ')}] TJ`
  }

  drawRow(cells: Cell[], font: PdfFont = 'regular') {
    const { document, widths } = this
    const { cellPadding } = this.style
    const textWidth = (index: number) => widths[index] - 2 * cellPadding
    const layouts = cells.map((cell, index) => this.layout(cellText(cell), textWidth(index), font))
    const height = Math.max(0, ...layouts.map((cell) => cell.lines.length * this.#lineHeight(font, cell.fontSize))) + 6
    const bottom = () => document.page.height - document.page.margins.bottom
    const pageHeight = bottom() - document.page.margins.top
    // a row moves whole to the next page; one taller than a page starts where it is and goes on over the pages it needs
    if (document.y + (height > pageHeight ? TALL_ROW_START : height) > bottom()) document.addPage()
    const left = document.page.margins.left
    const next = layouts.map(() => 0)
    document.font(font)
    const embedded = (document as unknown as { _font: EmbeddedFont })._font
    for (;;) {
      const top = document.y
      const room = bottom() - top - 6
      let used = 0
      let x = left
      // every line of the row on this page in one text object: a font switch per cell, one write to the page
      const shown: string[] = []
      layouts.forEach((cell, index) => {
        const step = this.#lineHeight(font, cell.fontSize)
        let offset = 0
        let fontSet = false
        for (; next[index] < cell.lines.length && offset + step <= room; next[index]++, offset += step) {
          const line = cell.lines[next[index]]
          if (!line) continue
          const operators = this.#showLine(embedded, cell.fontSize, line, x + cellPadding, top + 3 + offset)
          if (operators === null) {
            this.#flush(shown, embedded)
            document.fontSize(cell.fontSize).text(line, x + cellPadding, top + 3 + offset, { lineBreak: false })
            fontSet = false
            continue
          }
          if (!fontSet) shown.push(`/${embedded.id} ${pdfNumber(cell.fontSize)} Tf`)
          fontSet = true
          shown.push(operators)
        }
        used = Math.max(used, offset)
        x += widths[index]
      })
      this.#flush(shown, embedded)
      const done = layouts.every((cell, index) => next[index] >= cell.lines.length)
      // (a line taller than a whole page would never fit: the row stops there)
      if (done || (!used && top <= document.page.margins.top)) {
        document.moveTo(left, top + used + 6).lineTo(x, top + used + 6).strokeColor('#cccccc').stroke()
        document.font(font).fontSize(this.style.fontSize)
        document.x = left
        document.y = top + used + 6
        return
      }
      document.addPage()
    }
  }

  /** Writes the lines gathered so far as one text object (flipped to PDF's coordinates, as pdfkit does for text). */
  #flush(shown: string[], font: EmbeddedFont) {
    if (!shown.length) return
    const { page } = this.document
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref()
    this.document.addContent(`q\n1 0 0 -1 0 ${pdfNumber(page.height)} cm\nBT\n${shown.join('\n')}\nET\nQ`)
    shown.length = 0
  }
}

/** The pieces pdfkit lays a line out in: a word with the spaces after it. */
const CHUNKS = /[^ \t]*[ \t]|[^ \t]+$/g

/** A number as pdfkit writes it into a content stream (at most six decimals). */
function pdfNumber(value: number) {
  return Math.round(value * 1e6) / 1e6
}

/** A chunk of text as glyph ids: runs of hex ids, each with the adjustment after it, then the rest. */
interface ChunkGlyphs {
  runs: [string, number][]
  tail: string
}

/** What PdfTable uses of pdfkit's embedded font (not in its public types). */
interface EmbeddedFont {
  id: string
  ascender: number
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]]
  ref(): unknown
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
