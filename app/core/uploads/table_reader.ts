import { Readable } from 'node:stream'
import { stat } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse'
import { UploadError } from '#core/uploads/upload_error'
import { UPLOAD_LIMITS } from '#core/uploads/limits'
import { checkZip } from '#core/uploads/zip_guard'
import { decodedText } from '#core/uploads/text_decoding'
import { loopYielder } from '#core/uploads/yield_loop'

/** One row of an uploaded table: its number in the file (the header is 1) and its cells as trimmed text. */
export interface TableRow {
  line: number
  cells: string[]
}

/** An uploaded table opened for reading: the header cells and the data rows, streamed. */
export interface UploadedTable {
  headers: string[]
  rows: AsyncIterable<TableRow>
}

/** A cell of ExcelJS as the text a person sees: dates as YYYY-MM-DD, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim()
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text).trim()
    return ''
  }
  return String(value).trim()
}

/** Records of a CSV file, decoded (UTF-8 or Windows-1251), `,` or `;` as the header line has more of. */
async function* csvRecords(path: string): AsyncGenerator<string[]> {
  const chunks = decodedText(path)
  let head = ''
  while (!/[\r\n]/.test(head)) {
    const next = await chunks.next()
    if (next.done) break
    head += next.value
  }
  const firstLine = head.split(/\r?\n|\r/, 1)[0]
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const source = Readable.from(
    (async function* () {
      yield head
      yield* chunks
    })()
  )
  const parser = source.pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: false }))
  source.on('error', (error) => parser.destroy(error))
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record
  } catch (error) {
    if (error instanceof UploadError) throw error
    throw new UploadError('unreadable')
  }
}

/** Rows of the first sheet of an XLSX file, read by ExcelJS's streaming reader. */
async function* xlsxRecords(path: string): AsyncGenerator<{ line: number; cells: string[] }> {
  await checkZip(path)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' } as any)
  try {
    for await (const sheet of reader as any as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]) ?? []
        const cells: string[] = []
        for (let index = 1; index < values.length; index++) cells.push(cellText(values[index]))
        yield { line: row.number, cells }
      }
      return
    }
  } catch (error) {
    if (error instanceof UploadError) throw error
    throw new UploadError('unreadable')
  }
}

async function* numbered(records: AsyncIterable<string[]>) {
  let line = 0
  for await (const cells of records) yield { line: ++line, cells: cells.map((cell) => cell.trim()) }
}

/**
 * Opens an uploaded CSV or XLSX file for an import: XLSX is checked against
 * zip bombs before parsing, CSV is decoded from UTF-8 or Windows-1251. The
 * header is the first row that is not blank; data rows come one at a time (blank rows skipped, their
 * numbers kept), the event loop served between them, and at most `maxRows`.
 * Refuses with an `UploadError` an empty file, a file with only headers, an
 * unreadable one and one with too many rows — the same answers in every import.
 */
export async function openTable(file: { path: string; extname: string }, options: { maxRows?: number } = {}): Promise<UploadedTable> {
  const maxRows = options.maxRows ?? UPLOAD_LIMITS.maxRows
  if ((await stat(file.path)).size === 0) throw new UploadError('empty')
  const records = file.extname.toLowerCase() === 'xlsx' ? xlsxRecords(file.path) : numbered(csvRecords(file.path))
  const blank = (row: TableRow) => row.cells.every((cell) => cell === '')
  let first = await records.next()
  while (!first.done && blank(first.value)) first = await records.next()
  if (first.done) throw new UploadError('empty')
  const headers = first.value.cells
  let pending = await records.next()
  while (!pending.done && blank(pending.value)) pending = await records.next()
  if (pending.done) throw new UploadError('headers_only')
  const yieldTurn = loopYielder(200)
  const rows = (async function* () {
    let count = 0
    for (let next: IteratorResult<TableRow> = pending; !next.done; next = await records.next()) {
      if (blank(next.value)) continue
      if (++count > maxRows) throw new UploadError('too_many_rows', { max: maxRows })
      yield next.value
      await yieldTurn()
    }
  })()
  return { headers, rows }
}

/** All the rows of a table at once (small files; imports that stream use `rows` directly). */
export async function collectRows(table: UploadedTable) {
  const rows: TableRow[] = []
  for await (const row of table.rows) rows.push(row)
  return rows
}
