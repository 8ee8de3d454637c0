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
