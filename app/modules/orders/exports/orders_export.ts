import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'
import type { I18n } from '@adonisjs/i18n'
import type Order from '#modules/orders/models/order'

const require = createRequire(import.meta.url)
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

/** The cells of one order in every export, in column order. */
function row(order: Order, i18n: I18n) {
  const responsible = order.executors.find((executor) => executor.role === 'responsible')
  return [
    order.number,
    order.text,
    responsible ? responsible.label(i18n.locale) : '',
    order.executors
      .filter((executor) => executor.role === 'co_executor')
      .map((executor) => executor.label(i18n.locale))
      .join('; '),
    order.deadline?.toISODate() ?? '',
    i18n.t(`orders.statuses.${order.status}`),
    order.isOverdue() ? i18n.t('common.yes') : '',
  ]
}

function headers(i18n: I18n) {
  return ['number', 'text', 'responsible', 'co_executors', 'deadline', 'status', 'overdue'].map((key) => i18n.t(`orders.${key}`))
}

/**
 * Streams orders into an XLSX workbook, batch after batch, so memory stays
 * flat whatever the length of the list.
 */
export async function writeOrdersXlsx(batches: AsyncIterable<Order[]>, output: Writable, i18n: I18n) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true })
  const sheet = workbook.addWorksheet(i18n.t('orders.title'))
  sheet.columns = headers(i18n).map((header, index) => ({ header, width: [18, 70, 35, 35, 12, 22, 12][index] }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for await (const batch of batches) {
    for (const order of batch) sheet.addRow(row(order, i18n)).commit()
  }
  sheet.commit()
  await workbook.commit()
}

/**
 * Streams orders into a PDF table (landscape A4, a font with Cyrillic).
 */
export async function writeOrdersPdf(batches: AsyncIterable<Order[]>, output: Writable, i18n: I18n, title: string) {
  const document = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: title } })
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve)
    output.on('error', reject)
  })
  document.pipe(output)
  document.registerFont('regular', FONT_REGULAR)
  document.registerFont('bold', FONT_BOLD)
  const widths = [80, 240, 120, 110, 60, 80, 60]
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
  document.moveDown(0.5)
  drawRow(headers(i18n), 'bold')
  for await (const batch of batches) {
    for (const order of batch) drawRow(row(order, i18n), 'regular')
  }
  document.end()
  await finished
}
