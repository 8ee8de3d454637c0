import type { Writable } from 'node:stream'
import type { I18n } from '@adonisjs/i18n'
import { dateCell, rowBatches, writePdfTable, writeXlsxTable, type Cell } from '#core/table_export'
import type Order from '#modules/orders/models/order'

const XLSX_WIDTHS = [18, 70, 35, 35, 12, 22, 12]
const PDF_WIDTHS = [80, 240, 120, 110, 60, 80, 60]

/** The cells of one order in every export, in column order. */
function row(order: Order, i18n: I18n): Cell[] {
  const responsible = order.executors.find((executor) => executor.role === 'responsible')
  return [
    order.number,
    order.text,
    responsible ? responsible.label(i18n.locale) : '',
    order.executors
      .filter((executor) => executor.role === 'co_executor')
      .map((executor) => executor.label(i18n.locale))
      .join('; '),
    dateCell(order.deadline),
    i18n.t(`orders.statuses.${order.status}`),
    order.isOverdue() ? i18n.t('common.yes') : '',
  ]
}

function headers(i18n: I18n) {
  return ['number', 'text', 'responsible', 'co_executors', 'deadline', 'status', 'overdue'].map((key) => i18n.t(`orders.${key}`))
}

/** Streams orders into an XLSX workbook, batch after batch. */
export async function writeOrdersXlsx(batches: AsyncIterable<Order[]>, output: Writable, i18n: I18n) {
  await writeXlsxTable({
    output,
    sheetName: i18n.t('orders.title'),
    columns: headers(i18n).map((header, index) => ({ header, width: XLSX_WIDTHS[index] })),
    batches: rowBatches(batches, (order) => row(order, i18n)),
  })
}

/** Streams orders into a PDF table. */
export async function writeOrdersPdf(batches: AsyncIterable<Order[]>, output: Writable, i18n: I18n, title: string) {
  await writePdfTable({ output, title, header: headers(i18n), widths: PDF_WIDTHS, batches: rowBatches(batches, (order) => row(order, i18n)) })
}
