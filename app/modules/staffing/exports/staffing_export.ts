import type { Writable } from 'node:stream'
import type { I18n } from '@adonisjs/i18n'
import { dateCell, rowBatches, writePdfTable, writeXlsxTable } from '#core/table_export'
import { formatDate } from '#core/dates'
import type { StaffingOverview } from '#modules/staffing/services/overview'
import type { RiskReason } from '#modules/staffing/services/risk_rules'
import { fieldLabel } from '#modules/staffing/validators/staffing_messages'
import { IMPORT_COLUMNS } from '#modules/staffing/actions/import_staffing'
import type StaffingPosition from '#modules/staffing/models/staffing_position'

/** A risk reason as one sentence in the user's language. */
export function reasonText(reason: RiskReason, i18n: I18n) {
  const params = { ...reason.params }
  if (params.post) params.post = i18n.t(`staffing.key_posts.${params.post}`)
  return i18n.t(`staffing.risks.${reason.key}`, params)
}

const number = (value: number | null, i18n: I18n) => (value === null ? '—' : i18n.formatNumber(value, { maximumFractionDigits: 2 }))

function completenessHeaders(i18n: I18n) {
  return ['department', 'approved', 'actual', 'vacant', 'completeness', 'level', 'reasons'].map((key) => i18n.t(`staffing.table.${key}`))
}

/** The rows of the completeness table: every department, then the total. */
function completenessRows(overview: StaffingOverview, i18n: I18n, asNumbers: boolean) {
  const cell = (value: number | null) => (asNumbers ? value : number(value, i18n))
  const line = (name: string, figures: StaffingOverview['totals'], assessment: StaffingOverview['assessment']) => [
    name,
    cell(figures.approvedFte),
    cell(figures.actualFte),
    cell(figures.vacantFte),
    cell(assessment.completeness),
    assessment.level ? i18n.t(`staffing.levels.${assessment.level}`) : '—',
    assessment.reasons.map((reason) => reasonText(reason, i18n)).join('; '),
  ]
  return [
    ...overview.departments.map((row) => line(row.name, row.figures, row.assessment)),
    line(i18n.t('staffing.table.total'), overview.totals, overview.assessment),
  ]
}

/** The completeness table as an XLSX workbook, streamed. */
export async function writeCompletenessXlsx(overview: StaffingOverview, output: Writable, i18n: I18n) {
  await writeXlsxTable({
    output,
    sheetName: i18n.t('staffing.title'),
    columns: completenessHeaders(i18n).map((header, index) => ({ header, width: [40, 12, 12, 12, 14, 14, 70][index] })),
    batches: [completenessRows(overview, i18n, true)],
  })
}

/** The completeness table as a PDF, dated. */
export async function writeCompletenessPdf(overview: StaffingOverview, output: Writable, i18n: I18n, title: string) {
  await writePdfTable({
    output,
    title,
    subtitle: i18n.t('staffing.as_of', { date: formatDate(overview.today, i18n.locale) }),
    header: completenessHeaders(i18n),
    widths: [200, 60, 60, 60, 70, 70, 250],
    batches: [completenessRows(overview, i18n, false)],
  })
}

/**
 * The establishment table in the import's own columns, streamed batch by
 * batch: export, edit, import again.
 */
export async function writePositionsXlsx(
  batches: AsyncIterable<(StaffingPosition & { $extras: { department_code: string } })[]>,
  output: Writable,
  i18n: I18n
) {
  const columns = [...IMPORT_COLUMNS.positions.all, 'actualFte', 'status', 'vacantSince']
  await writeXlsxTable({
    output,
    sheetName: i18n.t('staffing.positions.title'),
    columns: columns.map((column) => ({ header: fieldLabel(i18n, column), width: column === 'title' ? 40 : 16 })),
    batches: rowBatches(batches, (position) => [
      position.$extras.department_code,
      position.title,
      position.category ?? '',
      position.approvedFte,
      position.keyPost ? i18n.t(`staffing.key_posts.${position.keyPost}`) : '',
      dateCell(position.effectiveFrom),
      dateCell(position.effectiveTo),
      position.actualFte,
      i18n.t(`staffing.statuses.${position.status}`),
      dateCell(position.vacantSince),
    ]),
  })
}
