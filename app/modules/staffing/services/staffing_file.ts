import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'

/** A data row of an uploaded file: its row number in the file and its cells by header. */
export interface FileRow {
  number: number
  cells: Record<string, string>
}

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').replace(/[«»"*]/g, '').trim()

/** A cell as text: dates as YYYY-MM-DD, rich text and formulas by their text or result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()!
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value).trim()
}

/** CSV from Russian spreadsheets is often separated by semicolons. */
function delimiterOf(text: string) {
  const header = text.split(/\r?\n/, 1)[0]
  return header.split(';').length > header.split(',').length ? ';' : ','
}

/**
 * Reads the first sheet of an XLSX file or a CSV file (exceljs for both):
 * the header row names the columns, matched against `aliases` (lower-case
 * header → column key); empty rows are skipped. Returns the rows and the
 * columns the header lacked.
 */
export async function readStaffingFile(buffer: Buffer, extname: string, aliases: Map<string, string>, required: string[]) {
  const workbook = new ExcelJS.Workbook()
  let sheet: ExcelJS.Worksheet
  if (extname === 'csv') {
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '')
    sheet = await workbook.csv.read(Readable.from([text]), {
      parserOptions: { delimiter: delimiterOf(text) },
      // keep every value as typed: no guessing of numbers and dates
      map: (value: unknown) => value,
    } as any)
  } else {
    await workbook.xlsx.load(buffer as any)
    sheet = workbook.worksheets[0]
  }
  const columns = new Map<number, string>()
  const rows: FileRow[] = []
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText)
    if (!columns.size && number === 1) {
      values.forEach((header, index) => {
        const key = aliases.get(normalize(header))
        if (key) columns.set(index, key)
      })
      return
    }
    const cells: Record<string, string> = {}
    for (const [index, key] of columns) if (values[index]) cells[key] = values[index]
    if (Object.keys(cells).length) rows.push({ number, cells })
  })
  const present = new Set(columns.values())
  return { rows, missing: required.filter((column) => !present.has(column)) }
}

export function headerAlias(text: string) {
  return normalize(text)
}
