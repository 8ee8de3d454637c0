import ExcelJS from 'exceljs'

/**
 * A spreadsheet reduced to what imports need: the header row and the data
 * rows as trimmed strings, each with its line number in the file.
 */
export interface ImportTable {
  headers: string[]
  rows: { line: number; cells: string[] }[]
}

export class UnreadableTableError extends Error {}

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks, CRLF or
 * LF, a BOM; the delimiter (`,` or `;`, as Russian Excel writes) is guessed
 * from the header line.
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '')
  const firstLine = source.slice(0, source.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < source.length; index++) {
    const char = source[index]
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === delimiter) {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (quoted) throw new UnreadableTableError('Unclosed quote in the CSV file')
  if (field !== '' || record.length) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** A cell of ExcelJS as the text a person sees (dates as YYYY-MM-DD). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
  }
  return String(value)
}

async function xlsxRecords(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as any)
  } catch {
    throw new UnreadableTableError('The file is not a readable XLSX workbook')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return []
  const records: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = []
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value))
    records[rowNumber - 1] = cells
  })
  return Array.from(records, (record) => record ?? [])
}

/**
 * Reads an uploaded CSV or XLSX file. Blank lines are skipped but keep the
 * numbering, so a report's "line 7" is line 7 of the file.
 */
export async function readTable(bytes: Buffer, extname: string): Promise<ImportTable> {
  const records = extname.toLowerCase() === 'xlsx' ? await xlsxRecords(bytes) : parseCsv(bytes.toString('utf8'))
  const [header = [], ...data] = records
  return {
    headers: header.map((cell) => cell.trim()),
    rows: data
      .map((cells, index) => ({ line: index + 2, cells: cells.map((cell) => cell.trim()) }))
      .filter((row) => row.cells.some((cell) => cell !== '')),
  }
}

const normalise = (header: string) => header.toLowerCase().replace(/ё/g, 'е').replace(/[\s_]+/g, ' ').trim()

/**
 * Maps the header cells to field names by their accepted spellings
 * (English keys or Russian column titles); unknown columns are ignored.
 */
export function mapColumns<Field extends string>(headers: string[], aliases: Record<Field, string[]>) {
  const positions = new Map<Field, number>()
  headers.forEach((header, index) => {
    for (const [field, names] of Object.entries(aliases) as [Field, string[]][]) {
      if (!positions.has(field) && names.map(normalise).includes(normalise(header))) positions.set(field, index)
    }
  })
  return positions
}

/** One data row as an object of the mapped fields (missing cells are absent). */
export function rowObject<Field extends string>(cells: string[], positions: Map<Field, number>) {
  const object: Partial<Record<Field, string>> = {}
  for (const [field, index] of positions) {
    if (cells[index] !== undefined && cells[index] !== '') object[field] = cells[index]
  }
  return object
}
