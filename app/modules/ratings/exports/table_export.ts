import type { Writable } from 'node:stream'
import { safeSheetName, writePdfTable, writeXlsxTable, type Cell } from '#core/table_export'

export type { Cell }

/** A table to export: headers with relative widths, rows streamed in batches. */
export interface ExportTable {
  title: string
  headers: { label: string; width: number }[]
  batches: AsyncIterable<Cell[][]>
}

/** Streams the table into an XLSX workbook (numbers stay numbers). */
export async function writeTableXlsx(table: ExportTable, output: Writable) {
  await writeXlsxTable({
    output,
    sheetName: safeSheetName(table.title),
    columns: table.headers.map((header) => ({ header: header.label, width: header.width })),
    batches: table.batches,
  })
}

/** Streams the table into a PDF, its columns stretched to the page's width. */
export async function writeTablePdf(table: ExportTable, output: Writable) {
  await writePdfTable({
    output,
    title: table.title,
    header: table.headers.map((header) => header.label),
    widths: table.headers.map((header) => header.width),
    fitToPage: true,
    batches: table.batches,
  })
}
