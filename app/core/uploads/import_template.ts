import type { HttpContext } from '@adonisjs/core/http'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { addTableSheet, safeSheetName } from '#core/table_export'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A sample value: text, a number, or a day (written as a real date cell). */
export type TemplateValue = string | number | DateTime | null | undefined

export interface TemplateColumn {
  /** The header exactly as the import recognises it. */
  header: string
  sample: TemplateValue
  width?: number
}

/**
 * An import's template: one sheet whose first row holds the headers the
 * import expects and whose second row is a sample that imports as it is.
 * Days are date cells shown as DD.MM.YYYY (the importers read them back as
 * dates whatever the display format).
 */
export async function importTemplateXlsx(sheetName: string, columns: TemplateColumn[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.title = sheetName
  const sheet = addTableSheet(
    workbook,
    safeSheetName(sheetName),
    columns.map((column) => ({ header: column.header, width: column.width ?? Math.min(40, Math.max(12, column.header.length + 4)) }))
  )
  const row = sheet.addRow(
    columns.map(({ sample }) => (sample instanceof DateTime ? new Date(Date.UTC(sample.year, sample.month - 1, sample.day)) : (sample ?? null)))
  )
  columns.forEach(({ sample }, index) => {
    if (sample instanceof DateTime) row.getCell(index + 1).numFmt = 'dd.mm.yyyy'
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Sends a template as an XLSX download named `<name>.xlsx`. */
export function sendImportTemplate(response: HttpContext['response'], name: string, workbook: Buffer) {
  response.header('content-type', XLSX)
  response.attachment(`${name}.xlsx`)
  return response.send(workbook)
}
