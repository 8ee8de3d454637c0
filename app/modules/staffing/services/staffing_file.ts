import { openTable, type TableRow } from '#core/uploads/table_reader'

/** A data row of an uploaded file: its row number in the file and its cells by column key. */
export interface FileRow {
  number: number
  cells: Record<string, string>
}

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').replace(/[«»"*]/g, '').trim()

/**
 * Opens the first sheet of an XLSX file or a CSV file through the shared
 * upload reader (zip-bomb checks, encodings, row limit): the header row names
 * the columns, matched against `aliases` (normalized header → column key).
 * Returns the columns the header lacked and the data rows, streamed.
 */
export async function openStaffingFile(file: { path: string; extname: string }, aliases: Map<string, string>, required: string[]) {
  const table = await openTable(file)
  const columns = new Map<number, string>()
  table.headers.forEach((header, index) => {
    const key = aliases.get(normalize(header))
    if (key && ![...columns.values()].includes(key)) columns.set(index, key)
  })
  const present = new Set(columns.values())
  const rows = (async function* (): AsyncGenerator<FileRow> {
    for await (const row of table.rows as AsyncIterable<TableRow>) {
      const cells: Record<string, string> = {}
      for (const [index, key] of columns) if (row.cells[index]) cells[key] = row.cells[index]
      if (Object.keys(cells).length) yield { number: row.line, cells }
    }
  })()
  return { rows, missing: required.filter((column) => !present.has(column)) }
}

export function headerAlias(text: string) {
  return normalize(text)
}
