import { DateTime } from 'luxon'
import { openTable, type UploadedTable } from '#core/uploads/table_reader'
import { errors as vineErrors } from '@vinejs/vine'
import vine from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import { CATEGORIES, INSTANCES, OUTCOMES, PARTY_ROLES } from '#modules/lawsuits/catalog'
import { caseFields } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'
import { SaveCase, caseNumberTaken, refreshNextHearing, type CaseInput } from '#modules/lawsuits/actions/save_case'
import LawsuitEvent from '#modules/lawsuits/models/lawsuit_event'

/** Columns of an import file, in template order; headers may be these keys or their ru/en labels. */
export const IMPORT_COLUMNS = [
  'number', 'court', 'instance', 'judge', 'category', 'ourRole', 'subject', 'claimedAmount', 'awardedAmount',
  'collectedAmount', 'outcome', 'decidedOn', 'department', 'lawyer', 'plaintiff', 'defendant', 'hearingOn', 'hearingAt', 'courtroom',
] as const
type Column = (typeof IMPORT_COLUMNS)[number]

/** Lists whose values may also be written as their ru/en labels. */
const VOCABULARIES: Partial<Record<Column, { list: string; values: readonly string[] }>> = {
  instance: { list: 'instances', values: INSTANCES },
  category: { list: 'categories', values: CATEGORIES },
  ourRole: { list: 'party_roles', values: PARTY_ROLES },
  outcome: { list: 'outcomes', values: OUTCOMES },
}

const rowValidator = vine.create({
  ...caseFields,
  department: vine.string().trim().maxLength(255),
  lawyer: vine.string().trim().email().optional(),
  plaintiff: vine.string().trim().maxLength(500).optional(),
  defendant: vine.string().trim().maxLength(500).optional(),
  hearingOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  hearingAt: vine.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  courtroom: vine.string().trim().maxLength(64).optional(),
})

export interface RowProblem {
  row: number
  messages: string[]
}

export interface ImportReport {
  total: number
  valid: number
  imported: number
  problems: RowProblem[]
  /** A problem with the file itself (unreadable, no known columns). */
  fileError?: string
}

const normalize = (value: string) => value.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ')

function labelsOf(key: string) {
  return ['ru', 'en'].map((locale) => i18nManager.locale(locale).t(key))
}

/** Header text → column, by key or either language's label. */
function headerMap() {
  const map = new Map<string, Column>()
  for (const column of IMPORT_COLUMNS) {
    map.set(normalize(column), column)
    for (const label of labelsOf(`lawsuits.fields.${column}`)) map.set(normalize(label), column)
  }
  return map
}

/** A vocabulary value written as a key or a ru/en label → the key (unknown values pass through for the validator to name). */
function vocabularyValue(column: Column, value: string) {
  const vocabulary = VOCABULARIES[column]
  if (!vocabulary) return value
  const wanted = normalize(value)
  for (const key of vocabulary.values) {
    if (normalize(key) === wanted) return key
    if (labelsOf(`lawsuits.${vocabulary.list}.${key}`).some((label) => normalize(label) === wanted)) return key
  }
  return value
}

/** A cell as the text the validators expect (DD.MM.YYYY dates as YYYY-MM-DD); empty as absent. */
function cellValue(text: string): string | undefined {
  if (/^\d{2}\.\d{2}\.\d{4}$/.test(text)) return DateTime.fromFormat(text, 'dd.MM.yyyy').toISODate() ?? text
  return text === '' ? undefined : text
}

/**
 * Imports court cases from an XLSX or CSV file: every row is validated (the
 * report names the row and the field in the user's language); nothing is
 * imported while any row is invalid, unless `validOnly` asks for the valid
 * rows alone. All imported rows are written in one transaction.
 */
export class ImportCases {
  async handle(file: { path: string; extname: string }, options: { validOnly: boolean }, actor: Actor, i18n: I18n): Promise<ImportReport> {
    // an unreadable, empty or oversized file is an UploadError: the controller names it on the file field
    const table: UploadedTable = await openTable(file)
    const headers = headerMap()
    const columns = new Map<number, Column>()
    table.headers.forEach((header, index) => {
      const column = headers.get(normalize(header))
      if (column) columns.set(index, column)
    })
    const required: Column[] = ['number', 'court', 'instance', 'category', 'ourRole', 'claimedAmount', 'department']
    const missing = required.filter((column) => ![...columns.values()].includes(column))
    if (missing.length) {
      return {
        total: 0, valid: 0, imported: 0, problems: [],
        fileError: i18n.t('lawsuits.import.missing_columns', { columns: missing.map((column) => i18n.t(`lawsuits.fields.${column}`)).join(', ') }),
      }
    }

    const departments = await tenantDb().from('departments').where('is_active', true).select('id', 'code', 'name_ru', 'name_en')
    const departmentId = (value: string) =>
      departments.find((row) => [row.code, row.name_ru, row.name_en].some((name: string) => normalize(name) === normalize(value)))?.id as number | undefined
    const lawyers = new Map<string, number>()
    const users = await tenantDb().from('users').where('status', 'active').select('id', 'email')
    for (const user of users) lawyers.set(normalize(user.email), user.id)

    const messages = lawsuitMessages(i18n)
    const problems: RowProblem[] = []
    const valid: { row: number; input: CaseInput; hearing?: { on: Date; at?: string; courtroom?: string } }[] = []
    const seen = new Set<string>()
    let total = 0

    for await (const { line: index, cells } of table.rows) {
      const raw: Record<string, string> = {}
      for (const [cellIndex, column] of columns) {
        const text = cellValue(cells[cellIndex] ?? '')
        if (text !== undefined) raw[column] = vocabularyValue(column, text)
      }
      if (!Object.keys(raw).length) continue
      total++
      const rowMessages: string[] = []
      let data: Awaited<ReturnType<typeof rowValidator.validate>> | null = null
      try {
        data = await rowValidator.validate(raw, { messagesProvider: messages })
      } catch (error) {
        if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
        rowMessages.push(...(error.messages as { message: string }[]).map((item) => item.message))
      }
      // department and lawyer are looked up even when other cells are wrong: one pass reports everything
      const department = raw.department ? departmentId(raw.department) : undefined
      if (raw.department && !department) rowMessages.push(i18n.t('lawsuits.import.unknown_department', { value: raw.department.trim() }))
      const lawyerId = raw.lawyer ? lawyers.get(normalize(raw.lawyer)) : undefined
      if (raw.lawyer && !lawyerId) rowMessages.push(i18n.t('lawsuits.import.unknown_lawyer', { value: raw.lawyer.trim() }))
      if (data) {
        const identity = `${normalize(data.court)}|${normalize(data.number)}`
        if (seen.has(identity)) rowMessages.push(i18n.t('lawsuits.import.duplicate_in_file', { number: data.number }))
        else if (await caseNumberTaken(data.court, data.number)) rowMessages.push(i18n.t('lawsuits.import.exists', { number: data.number }))
        seen.add(identity)
        if (!rowMessages.length) {
          valid.push({
            row: index,
            input: {
              ...data,
              departmentId: department!,
              lawyerId,
              parties: [
                ...(data.plaintiff ? [{ role: 'plaintiff' as const, name: data.plaintiff }] : []),
                ...(data.defendant ? [{ role: 'defendant' as const, name: data.defendant }] : []),
              ],
            },
            hearing: data.hearingOn ? { on: data.hearingOn, at: data.hearingAt, courtroom: data.courtroom } : undefined,
          })
        }
      }
      if (rowMessages.length) problems.push({ row: index, messages: rowMessages })
    }

    const report: ImportReport = { total, valid: valid.length, imported: 0, problems }
    if (!valid.length || (problems.length && !options.validOnly)) return report

    await tenantDb().transaction(async (trx) => {
      for (const item of valid) {
        const lawsuit = await new SaveCase().handle(trx, item.input, actor, undefined, { audit: false })
        if (item.hearing) {
          await LawsuitEvent.create(
            {
              caseId: lawsuit.id, kind: 'hearing', scheduledOn: DateTime.fromJSDate(item.hearing.on),
              startsAt: item.hearing.at ?? null, courtroom: item.hearing.courtroom ?? null, createdBy: actor.id,
            },
            { client: trx }
          )
          await refreshNextHearing(trx, lawsuit.id)
        }
      }
      await recordAudit(actor, 'lawsuit.imported', null, { imported: valid.length, skippedRows: problems.map((problem) => problem.row) }, trx)
    })
    report.imported = valid.length
    return report
  }
}
