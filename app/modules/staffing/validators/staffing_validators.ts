import vine from '@vinejs/vine'
import { tableFile } from '#core/uploads/table_file'
import type { FieldContext } from '@vinejs/vine/types'
import { KEY_POSTS } from '#modules/staffing/services/risk_rules'
import { STAFF_STATUSES } from '#modules/staffing/models/staffing_staff'

const day = () => vine.date({ formats: ['YYYY-MM-DD', 'DD.MM.YYYY'] })
const fte = () => vine.number().min(0.01).max(9999)

/** The number is not above another field of the same object (amber band below green). */
const notAbove = vine.createRule((value: unknown, other: string, field: FieldContext) => {
  const limit = Number(field.parent?.[other])
  if (!field.isValid || typeof value !== 'number' || Number.isNaN(limit)) return
  if (value > limit) field.report('The {{ field }} must not exceed {{ other }}', 'staffing_not_above', field, { other })
})

const positionFields = {
  title: vine.string().trim().minLength(2).maxLength(255),
  category: vine.string().trim().maxLength(128).optional(),
  approvedFte: fte(),
  keyPost: vine.enum(KEY_POSTS).optional(),
  effectiveFrom: day(),
  effectiveTo: day().afterOrSameAs('effectiveFrom').optional(),
}

/** A position of the establishment table (web form). */
export const positionValidator = vine.create(positionFields)

const staffFields = {
  status: vine.enum(STAFF_STATUSES),
  personName: vine.string().trim().minLength(2).maxLength(255).optional().requiredWhen('status', '!=', 'vacant'),
  rate: vine.number().min(0.01).max(2).optional(),
  since: day(),
}

/** A person (or a recorded vacancy) on a position (web form). */
export const staffValidator = vine.create(staffFields)

export const endStaffValidator = vine.create({
  endedOn: day(),
})

/** Per-tenant risk thresholds. */
export const thresholdsValidator = vine.create({
  greenMin: vine.number().range([0, 100]),
  amberMin: vine.number().range([0, 100]).use(notAbove('greenMin')),
  actingHeadDays: vine.number().withoutDecimals().range([1, 3650]),
  vacancyDays: vine.number().withoutDecimals().range([1, 3650]),
  turnoverMax: vine.number().range([0, 100]),
})

/** One row of an imported establishment table (department given by its code). */
export const positionRowValidator = vine.create({ department: vine.string().trim().minLength(1).maxLength(64), ...positionFields })

/** One row of an imported staff list (position given by department code and title). */
export const staffRowValidator = vine.create({
  department: vine.string().trim().minLength(1).maxLength(64),
  position: vine.string().trim().minLength(2).maxLength(255),
  ...staffFields,
})

/** The import form: which table, the file (XLSX or CSV), whether to import only the valid rows. */
export const importValidator = vine.create({
  kind: vine.enum(['positions', 'staff'] as const),
  file: tableFile(),
  validOnly: vine.boolean().optional(),
  completeList: vine.boolean().optional(),
})
