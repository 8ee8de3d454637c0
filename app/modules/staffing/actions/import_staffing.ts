import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { regionToday } from '#core/region_time'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import StaffingStaff, { STAFF_STATUSES } from '#modules/staffing/models/staffing_staff'
import { KEY_POSTS } from '#modules/staffing/services/risk_rules'
import { changedFields, historyText, recordStaffingChange } from '#modules/staffing/services/history'
import { recomputeOccupancy } from '#modules/staffing/services/occupancy'
import { endAppointment } from '#modules/staffing/actions/end_staff'
import { staffingChanged } from '#modules/staffing/services/figures_cache'
import { headerAlias, openStaffingFile, type FileRow } from '#modules/staffing/services/staffing_file'
import { positionRowValidator, staffRowValidator } from '#modules/staffing/validators/staffing_validators'
import { fieldLabel, staffingMessages } from '#modules/staffing/validators/staffing_messages'
import { clockDate } from '#core/clock'

export const IMPORT_KINDS = ['positions', 'staff'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** The columns of each file, in order; the first ones are required. */
export const IMPORT_COLUMNS: Record<ImportKind, { all: string[]; required: string[] }> = {
  positions: {
    all: ['department', 'title', 'category', 'approvedFte', 'keyPost', 'effectiveFrom', 'effectiveTo'],
    required: ['department', 'title', 'approvedFte', 'effectiveFrom'],
  },
  staff: { all: ['department', 'position', 'personName', 'status', 'rate', 'since'], required: ['department', 'position', 'status', 'since'] },
}

export interface ImportProblem {
  row: number
  column: string
  message: string
}

export interface ImportReport {
  kind: ImportKind
  rows: number
  valid: number
  imported: number
  applied: boolean
  problems: ImportProblem[]
  /** A complete staff list: people of its departments missing from it, whose appointments ended today. */
  ended: number
  /** A complete list was asked for but the file had errors, so nobody was taken off. */
  completeListSkipped: boolean
}

/** Where a long import stands: rows checked so far, rows written so far. */
export type ImportProgress = (progress: { checked: number; written: number; writing: boolean }) => Promise<void> | void

const PROGRESS_EVERY = 500
/** Rows written per statement (well under PostgreSQL's 65 535 bound parameters). */
const WRITE_BATCH = 500

const NUMERIC = new Set(['approvedFte', 'rate'])

/** Header texts (keys, snake_case, Russian and English labels) → column keys. */
function headerAliases(kind: ImportKind) {
  const aliases = new Map<string, string>()
  for (const column of IMPORT_COLUMNS[kind].all) {
    aliases.set(headerAlias(column), column)
    aliases.set(headerAlias(column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)), column)
    for (const locale of ['ru', 'en']) aliases.set(headerAlias(fieldLabel(i18nManager.locale(locale), column)), column)
  }
  return aliases
}

/** Values as codes, whether the file says `head`, «Руководитель» or “Head”. */
function valueAliases(prefix: string, codes: readonly string[]) {
  const aliases = new Map<string, string>()
  for (const code of codes) {
    aliases.set(code, code)
    for (const locale of ['ru', 'en']) aliases.set(headerAlias(i18nManager.locale(locale).t(`${prefix}.${code}`)), code)
  }
  return aliases
}

interface ValidRow<T> {
  number: number
  data: T
}

type PositionRow = Awaited<ReturnType<typeof positionRowValidator.validate>> & { departmentId: number }
type StaffRow = Awaited<ReturnType<typeof staffRowValidator.validate>> & { departmentId: number; positionId: number }

/**
 * Imports a department establishment table or a staff list from XLSX or CSV.
 * Every row is validated first; the report names each problem by row number,
 * column and message in the user's language. Nothing is written unless the
 * whole file is valid, or — when asked — only the valid rows are; either way
 * in one transaction, with every change in the history.
 *
 * Positions are matched by department, title and start date (changed when
 * found, added otherwise); staff by position and person (or the position's
 * recorded vacancy), so importing the same file twice changes nothing.
 *
 * A staff list may be declared complete for the departments it names: then
 * everyone still holding or acting in a position there who is not in the file
 * leaves today. Only an error-free file may take people off: a row skipped
 * for an error must not make its person look gone.
 */
export class ImportStaffing {
  async handle(
    kind: ImportKind,
    file: { path: string; extname: string },
    actor: User,
    options: {
      validOnly: boolean
      completeList?: boolean
      i18n: I18n
      manageable: (departmentId: number) => boolean
      onProgress?: ImportProgress
    }
  ): Promise<ImportReport> {
    const { i18n } = options
    const columns = IMPORT_COLUMNS[kind]
    const { rows, missing } = await openStaffingFile(file, headerAliases(kind), columns.required)
    const problems: ImportProblem[] = missing.map((column) => ({
      row: 1,
      column: fieldLabel(i18n, column),
      message: i18n.t('staffing.import.missing_column'),
    }))
    if (missing.length) return { kind, rows: 0, valid: 0, imported: 0, applied: false, problems, ended: 0, completeListSkipped: false }

    const departments = new Map((await Department.query().where('is_active', true)).map((department) => [department.code.toLowerCase(), department]))
    const messagesProvider = staffingMessages(i18n)
    const enums = { keyPost: valueAliases('staffing.key_posts', KEY_POSTS), status: valueAliases('staffing.staff_statuses', STAFF_STATUSES) }
    const problem = (row: FileRow, column: string, message: string) => problems.push({ row: row.number, column: fieldLabel(i18n, column), message })

    const validated: ValidRow<any>[] = []
    let checked = 0
    for await (const row of rows) {
      if (++checked % PROGRESS_EVERY === 0) await options.onProgress?.({ checked, written: 0, writing: false })
      // the department is checked even when other cells are wrong: one pass reports every problem of the row
      const code = row.cells.department?.trim().toLowerCase()
      const department = code ? departments.get(code) : undefined
      if (code && !department) problem(row, 'department', i18n.t('staffing.import.unknown_department', { code: row.cells.department.trim() }))
      else if (department && !options.manageable(department.id)) problem(row, 'department', i18n.t('staffing.import.foreign_department', { code: row.cells.department.trim() }))
      const input: Record<string, string> = {}
      for (const [column, value] of Object.entries(row.cells)) {
        let cell = value
        if (NUMERIC.has(column)) cell = cell.replace(',', '.').replace(/\s/g, '')
        if (column === 'keyPost' || column === 'status') cell = enums[column].get(headerAlias(cell)) ?? cell
        input[column] = cell
      }
      try {
        const validator = kind === 'positions' ? positionRowValidator : staffRowValidator
        const data: any = await validator.validate(input, { messagesProvider })
        if (!department || !options.manageable(department.id)) continue
        validated.push({ number: row.number, data: { ...data, departmentId: department.id } })
      } catch (error) {
        if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
        for (const message of error.messages as { field: string; message: string }[]) problem(row, message.field, message.message)
      }
    }

    await options.onProgress?.({ checked, written: 0, writing: false })
    if (!checked) problems.push({ row: 1, column: '', message: i18n.t('uploads.errors.headers_only') })
    if (!checked) return { kind, rows: 0, valid: 0, imported: 0, applied: false, problems, ended: 0, completeListSkipped: false }
    const valid: ValidRow<any>[] = kind === 'positions' ? this.#checkPositions(validated, problem, i18n) : await this.#checkStaff(validated, problem, i18n)
    problems.sort((a, b) => a.row - b.row)
    const completeList = kind === 'staff' && !!options.completeList
    const report = { kind, rows: checked, valid: valid.length, imported: 0, applied: false, problems, ended: 0, completeListSkipped: completeList && problems.length > 0 }
    if ((problems.length && !options.validOnly) || !valid.length) return report

    await tenantDb().transaction(async (trx) => {
      const written = (count: number) => options.onProgress?.({ checked, written: count, writing: true })
      if (kind === 'positions') {
        report.imported = await this.#applyPositions(trx, valid, actor, written)
        return
      }
      const { changed, listed } = await this.#applyStaff(trx, valid, actor, written)
      report.imported = changed
      if (completeList && !problems.length) report.ended = await this.#endUnlisted(trx, valid, listed, actor)
    })
    report.applied = true
    await options.onProgress?.({ checked, written: report.imported, writing: true })
    await staffingChanged()
    return report
  }

  /** The same position twice in one file is a mistake in the file. */
  #checkPositions(rows: ValidRow<PositionRow>[], problem: (row: FileRow, column: string, message: string) => void, i18n: I18n) {
    const seen = new Map<string, number>()
    return rows.filter((row) => {
      const key = `${row.data.departmentId}:${row.data.title.toLowerCase()}:${DateTime.fromJSDate(row.data.effectiveFrom).toISODate()}`
      if (seen.has(key)) {
        problem({ number: row.number, cells: {} }, 'title', i18n.t('staffing.import.duplicate_row', { row: seen.get(key)! }))
        return false
      }
      seen.set(key, row.number)
      return true
    })
  }

  /** Each staff row names exactly one position in force in its department. */
  async #checkStaff(rows: ValidRow<StaffRow>[], problem: (row: FileRow, column: string, message: string) => void, i18n: I18n) {
    const departmentIds = [...new Set(rows.map((row) => row.data.departmentId))]
    const positions = departmentIds.length ? await StaffingPosition.query().withScopes((scopes) => scopes.inForce()).whereIn('department_id', departmentIds) : []
    const byTitle = new Map<string, StaffingPosition[]>()
    for (const position of positions) {
      const key = `${position.departmentId}:${position.title.toLowerCase()}`
      byTitle.set(key, [...(byTitle.get(key) ?? []), position])
    }
    return rows.filter((row) => {
      const found = byTitle.get(`${row.data.departmentId}:${row.data.position.toLowerCase()}`) ?? []
      if (found.length !== 1) {
        problem({ number: row.number, cells: {} }, 'position', i18n.t(found.length ? 'staffing.import.ambiguous_position' : 'staffing.import.unknown_position', { title: row.data.position }))
        return false
      }
      row.data.positionId = found[0].id
      return true
    })
  }

  /**
   * Positions in batches: one query finds the batch's existing positions,
   * one multi-row insert creates the new ones and one the history (a 50 000-row
   * file is hundreds of statements, not 150 000). Changed positions are
   * saved one by one, as an edit would be.
   */
  async #applyPositions(trx: TransactionClientContract, rows: ValidRow<PositionRow>[], actor: User, written: (count: number) => unknown) {
    const touched: number[] = []
    let done = 0
    for (let start = 0; start < rows.length; start += WRITE_BATCH) {
      const batch = rows.slice(start, start + WRITE_BATCH).map(({ data }) => ({
        departmentId: data.departmentId as number,
        values: {
          title: data.title as string,
          category: data.category ?? null,
          approvedFte: data.approvedFte,
          keyPost: data.keyPost ?? null,
          effectiveFrom: DateTime.fromJSDate(data.effectiveFrom).startOf('day'),
          effectiveTo: data.effectiveTo ? DateTime.fromJSDate(data.effectiveTo).startOf('day') : null,
        },
      }))
      const keyOf = (departmentId: number, title: string, effectiveFrom: string) => `${departmentId}\u0000${title.toLowerCase()}\u0000${effectiveFrom}`
      const existing = new Map<string, StaffingPosition>()
      const found = await StaffingPosition.query({ client: trx })
        .whereIn('department_id', [...new Set(batch.map((row) => row.departmentId))])
        .whereRaw('lower(title) = any(?)', [[...new Set(batch.map((row) => row.values.title.toLowerCase()))]])
        .whereIn('effective_from', [...new Set(batch.map((row) => row.values.effectiveFrom.toISODate()!))])
      for (const position of found) existing.set(keyOf(position.departmentId, position.title, position.effectiveFrom.toISODate()!), position)

      const now = DateTime.now()
      const inserts: { key: string; row: (typeof batch)[number] }[] = []
      const history: Record<string, unknown>[] = []
      const change = (departmentId: number, positionId: number, action: string, changes: ReturnType<typeof changedFields>) => {
        const base = { department_id: departmentId, position_id: positionId, staff_id: null, actor_id: actor.id, action, created_at: now.toJSDate() }
        if (!changes.length) history.push({ ...base, field: null, old_value: null, new_value: null })
        for (const item of changes) history.push({ ...base, field: item.field, old_value: historyText(item.from), new_value: historyText(item.to) })
      }
      for (const row of batch) {
        const key = keyOf(row.departmentId, row.values.title, row.values.effectiveFrom.toISODate()!)
        const known = existing.get(key)
        if (!known) {
          // a second row of the file for a position this batch creates: the later row wins
          const pending = inserts.find((insert) => insert.key === key)
          if (pending) pending.row = row
          else inserts.push({ key, row })
          continue
        }
        const before: Record<string, unknown> = Object.fromEntries(Object.keys(row.values).map((field) => [field, known[field as keyof typeof row.values]]))
        const changes = changedFields(before, row.values)
        if (!changes.length) continue
        known.useTransaction(trx).merge(row.values)
        await known.save()
        touched.push(known.id)
        change(row.departmentId, known.id, 'position.imported', changes)
      }
      if (inserts.length) {
        const created: { id: number }[] = await trx
          .insertQuery()
          .table(StaffingPosition.table)
          .multiInsert(
            inserts.map(({ row }) => ({
              department_id: row.departmentId,
              title: row.values.title,
              category: row.values.category,
              approved_fte: row.values.approvedFte,
              key_post: row.values.keyPost,
              effective_from: row.values.effectiveFrom.toISODate(),
              effective_to: row.values.effectiveTo?.toISODate() ?? null,
              created_at: now.toJSDate(),
              updated_at: now.toJSDate(),
            }))
          )
          .returning('id')
        created.forEach(({ id }, index) => {
          const { row } = inserts[index]
          touched.push(id)
          change(row.departmentId, id, 'position.created', changedFields({}, row.values))
        })
      }
      for (let offset = 0; offset < history.length; offset += WRITE_BATCH) {
        await trx.insertQuery().table('staffing_history').multiInsert(history.slice(offset, offset + WRITE_BATCH))
      }
      done += batch.length
      await written(done)
    }
    await recomputeOccupancy(trx, touched)
    return touched.length
  }

  async #applyStaff(trx: TransactionClientContract, rows: ValidRow<StaffRow>[], actor: User, written: (count: number) => unknown) {
    const touched = new Set<number>()
    const listed = new Set<number>()
    let changed = 0
    let done = 0
    for (const { data } of rows) {
      if (++done % PROGRESS_EVERY === 0) await written(done)
      const since = DateTime.fromJSDate(data.since).startOf('day')
      const values = { status: data.status, personName: data.status === 'vacant' ? null : (data.personName ?? null), rate: data.rate ?? 1, since }
      const match = StaffingStaff.query({ client: trx }).where('position_id', data.positionId).whereNull('ended_on')
      const existing = await (values.personName
        ? match.whereIn('status', ['filled', 'acting']).where('person_name', values.personName)
        : match.where('status', 'vacant')
      ).first()
      if (existing) listed.add(existing.id)
      const changes = changedFields(existing ? { status: existing.status, personName: existing.personName, rate: existing.rate, since: existing.since } : {}, values)
      if (existing && !changes.length) continue
      if (values.status === 'filled') {
        await StaffingStaff.query({ client: trx })
          .where('position_id', data.positionId)
          .where('status', 'vacant')
          .whereNull('ended_on')
          .update({ endedOn: since.toISODate(), updatedAt: clockDate() })
      }
      const staff = existing ?? new StaffingStaff()
      staff.useTransaction(trx).merge({ ...values, positionId: data.positionId, departmentId: data.departmentId })
      await staff.save()
      listed.add(staff.id)
      touched.add(data.positionId)
      changed++
      await recordStaffingChange(trx, { departmentId: data.departmentId, positionId: data.positionId, staffId: staff.id }, actor.id, existing ? 'staff.imported' : `staff.${values.status}`, changes)
    }
    await recomputeOccupancy(trx, [...touched])
    return { changed, listed }
  }

  /** Everyone holding or acting in the file's departments whom the file does not list leaves today. */
  async #endUnlisted(trx: TransactionClientContract, rows: ValidRow<StaffRow>[], listed: Set<number>, actor: User) {
    const departmentIds = [...new Set(rows.map((row) => row.data.departmentId))]
    const today = regionToday()
    const gone = await StaffingStaff.query({ client: trx })
      .whereIn('department_id', departmentIds)
      .whereIn('status', ['filled', 'acting'])
      .whereNull('ended_on')
      .whereNotIn('id', [...listed])
    for (const staff of gone) await endAppointment(trx, staff, today, actor.id)
    await recomputeOccupancy(trx, [...new Set(gone.map((staff) => staff.positionId))])
    return gone.length
  }
}
