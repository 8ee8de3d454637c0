import { collectRows, openTable } from '#core/uploads/table_reader'

/**
 * A spreadsheet reduced to what imports need: the header row and the data
 * rows as trimmed strings, each with its line number in the file.
 */
export interface ImportTable {
  headers: string[]
  rows: { line: number; cells: string[] }[]
}

/**
 * Reads an uploaded CSV or XLSX file through the shared upload reader
 * (zip-bomb checks, UTF-8 or Windows-1251, row limit); the tables of these
 * imports are small, so the rows are collected. Blank lines are skipped but
 * keep the numbering, so a report's "line 7" is line 7 of the file. Throws
 * an `UploadError` for a file that cannot be used.
 */
export async function readTable(file: { path: string; extname: string }): Promise<ImportTable> {
  const table = await openTable(file)
  return { headers: table.headers, rows: await collectRows(table) }
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
