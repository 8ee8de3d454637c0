import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { ApiRequest } from '@japa/api-client'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** Downloads (XLSX, PDF) arrive in response.body() as one Buffer. */
const collectBinary = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}
ApiRequest.addParser('application/pdf', collectBinary as any)
ApiRequest.addParser('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', collectBinary as any)

/** Every row of the first sheet of an XLSX file, as arrays of cell texts. */
export async function xlsxRows(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as any)
  const rows: string[][] = []
  workbook.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value))))
  })
  return rows
}

/** The text of every page of a PDF, joined. */
export async function pdfText(buffer: Buffer) {
  const document = await getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise
  const pages: string[] = []
  for (let index = 1; index <= document.numPages; index++) {
    const content = await (await document.getPage(index)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
  }
  return pages.join('\n')
}

const execFileAsync = promisify(execFile)

/** Runs a command on a document written to a temporary file; the file is removed afterwards. */
async function withTempFile<T>(buffer: Buffer, extension: string, run: (path: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'krai-document-'))
  const path = join(directory, `document.${extension}`)
  try {
    await writeFile(path, buffer)
    return await run(path)
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

/**
 * The text of a PDF as poppler's pdftotext extracts it (what a person's
 * search in a viewer finds): a word broken across lines would come out in
 * pieces here.
 */
export async function popplerText(buffer: Buffer) {
  return withTempFile(buffer, 'pdf', async (path) => (await execFileAsync('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout)
}

/** One cell as openpyxl (an independent reader) sees it. */
export interface OpenpyxlCell {
  /** openpyxl's data type: 'd' a date, 'n' a number, 's' a string. */
  type: string
  /** Dates as ISO (naive, as stored), others as they are. */
  value: string | number | boolean | null
  format: string
}

let pythonWithOpenpyxl: Promise<string> | undefined

/**
 * The Python that has openpyxl: `$PYTHON`, the one on PATH, or Debian's own
 * (where python3-openpyxl installs it when PATH leads to another Python).
 */
export function openpyxlPython() {
  pythonWithOpenpyxl ??= (async () => {
    const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((candidate): candidate is string => !!candidate)
    for (const candidate of candidates) {
      const works = await execFileAsync(candidate, ['-c', 'import openpyxl']).then(() => true, () => false)
      if (works) return candidate
    }
    throw new Error('openpyxl is missing: apt-get install -y python3-openpyxl (or pip install openpyxl)')
  })()
  return pythonWithOpenpyxl
}

/** Every row of one sheet of an XLSX file, read by openpyxl (python3). */
export async function openpyxlRows(buffer: Buffer, sheet = 0): Promise<OpenpyxlCell[][]> {
  const script = [
    'import json, sys, datetime, openpyxl',
    'book = openpyxl.load_workbook(sys.argv[1])',
    'sheet = book.worksheets[int(sys.argv[2])]',
    'value = lambda v: v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v',
    'print(json.dumps([[{"type": c.data_type, "value": value(c.value), "format": c.number_format} for c in row] for row in sheet.iter_rows()]))',
  ].join('\n')
  return withTempFile(buffer, 'xlsx', async (path) => JSON.parse((await execFileAsync(await openpyxlPython(), ['-c', script, path, String(sheet)])).stdout))
}

/** Runs a writer that streams a document into its output, and collects what it wrote. */
export async function collectStream(write: (output: PassThrough) => Promise<void>) {
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  await write(output)
  return Buffer.concat(chunks)
}

/** Text as a search in a viewer sees it: lines joined by spaces. */
export const searchable = (text: string) => text.replace(/\s+/g, ' ')
