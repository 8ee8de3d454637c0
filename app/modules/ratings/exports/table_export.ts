import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

export type Cell = string | number | null

/** A table to export: headers with relative widths, rows streamed in batches. */
export interface ExportTable {
  title: string
  headers: { label: string; width: number }[]
  batches: AsyncIterable<Cell[][]>
}

/** Streams the table into an XLSX workbook (numbers stay numbers). */
export async function writeTableXlsx(table: ExportTable, output: Writable) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true })
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[[\]*?/\\:]/g, ' '))
  sheet.columns = table.headers.map((header) => ({ header: header.label, width: header.width }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for await (const batch of table.batches) {
    for (const row of batch) sheet.addRow(row).commit()
  }
  sheet.commit()
  await workbook.commit()
}

/** Streams the table into a landscape A4 PDF with a Cyrillic font. */
export async function writeTablePdf(table: ExportTable, output: Writable) {
  const document = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: table.title } })
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', reject)
  })
  document.pipe(output)
  document.registerFont('regular', FONT_REGULAR)
  document.registerFont('bold', FONT_BOLD)
  const usable = document.page.width - document.page.margins.left - document.page.margins.right
  const total = table.headers.reduce((sum, header) => sum + header.width, 0)
  const widths = table.headers.map((header) => (header.width / total) * usable)
  const left = document.page.margins.left

  const drawRow = (cells: Cell[], font: 'regular' | 'bold') => {
    const texts = cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))
    document.font(font).fontSize(8)
    const height = Math.max(...texts.map((text, index) => document.heightOfString(text, { width: widths[index] - 6 }))) + 6
    if (document.y + height > document.page.height - document.page.margins.bottom) document.addPage()
    const top = document.y
    let x = left
    texts.forEach((text, index) => {
      document.text(text, x + 3, top + 3, { width: widths[index] - 6 })
      x += widths[index]
    })
    document.moveTo(left, top + height).lineTo(x, top + height).strokeColor('#cccccc').stroke()
    document.x = left
    document.y = top + height
  }

  document.font('bold').fontSize(14).text(table.title)
  document.moveDown(0.5)
  drawRow(table.headers.map((header) => header.label), 'bold')
  for await (const batch of table.batches) {
    for (const row of batch) drawRow(row, 'regular')
  }
  document.end()
  await finished
}
