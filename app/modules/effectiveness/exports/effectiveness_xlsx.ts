import ExcelJS from 'exceljs'
import type { I18n } from '@adonisjs/i18n'
import { addTableSheet } from '#core/table_export'
import type { EffectivenessRow } from '#modules/effectiveness/services/effectiveness_query'

/** One named row of figures: a block, a department or a person. */
export interface LabelledRow {
  label: string
  kind: string
  row: EffectivenessRow
}

export const FIGURE_KEYS = ['executed', 'on_time_pct', 'avg_days', 'returned_pct', 'overdue_open', 'executed_late', 'overdue'] as const

/** The header cells of the figures, in column order. */
export function figureHeaders(i18n: I18n) {
  return FIGURE_KEYS.map((key) => i18n.t(`effectiveness.columns.${key}`))
}

/** The cells of one row's figures (numbers stay numbers; missing figures are empty). */
export function figureCells(row: EffectivenessRow) {
  return FIGURE_KEYS.map((key) => row[key] ?? '')
}

/** Adds a sheet of labelled figures to a workbook (the export and the periodic reports share it). */
export function addEffectivenessSheet(workbook: ExcelJS.Workbook, title: string, rows: LabelledRow[], i18n: I18n) {
  const headers = [i18n.t('effectiveness.columns.kind'), i18n.t('effectiveness.columns.name'), ...figureHeaders(i18n)]
  const sheet = addTableSheet(workbook, title.slice(0, 31), headers.map((header, index) => ({ header, width: index === 1 ? 45 : 16 })))
  for (const { label, kind, row } of rows) sheet.addRow([kind, label, ...figureCells(row)])
  return sheet
}

/** The whole export: one sheet, returned as a buffer (a few hundred rows at most). */
export async function effectivenessXlsx(title: string, rows: LabelledRow[], i18n: I18n) {
  const workbook = new ExcelJS.Workbook()
  addEffectivenessSheet(workbook, title, rows, i18n)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
