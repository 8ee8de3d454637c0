import vine from '@vinejs/vine'
import { tableFile } from '#core/uploads/table_file'
import { regionTodayIso } from '#core/region_time'
import type { FieldContext } from '@vinejs/vine/types'
import { tenantRecordExists } from '#core/validation_rules'
import { ACT_KINDS, CATEGORIES, INSTANCES, OUTCOMES, PARTY_ROLES } from '#modules/lawsuits/catalog'

const day = () => vine.date({ formats: ['YYYY-MM-DD'] })
/** Largest amount numeric(18,2) holds, in rubles (16 digits before the kopecks). */
export const MAX_AMOUNT = 9_999_999_999_999_999

const parseRubles = (value: string) => Number(value.replace(/[\s\u00a0]/g, '').replace(',', '.'))

const amountInRange = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!field.isValid || typeof value !== 'string') return
  if (parseRubles(value) > MAX_AMOUNT) field.report('The {{ field }} is too large', 'amount.max', field)
})

/**
 * Rubles as people type them: "1 500 000", "1500000,50" or "1500000.50".
 */
export const amount = () =>
  vine
    .string()
    .trim()
    .regex(/^\d[\d\s\u00a0]*([.,]\d{1,2})?$/)
    .use(amountInRange())
    .transform(parseRubles)

export const caseFields = {
  number: vine.string().trim().minLength(1).maxLength(64),
  court: vine.string().trim().minLength(2).maxLength(255),
  instance: vine.enum(INSTANCES),
  judge: vine.string().trim().maxLength(255).optional(),
  category: vine.enum(CATEGORIES),
  ourRole: vine.enum(PARTY_ROLES),
  subject: vine.string().trim().maxLength(5000).optional(),
  claimedAmount: amount(),
  awardedAmount: amount().optional(),
  collectedAmount: amount().optional(),
  outcome: vine.enum(OUTCOMES).optional(),
  decidedOn: day().beforeOrEqual(regionTodayIso).optional().requiredIfExists('outcome'),
}

export const caseValidator = vine.create({
  ...caseFields,
  lawyerId: vine.number().positive().use(tenantRecordExists('users')).optional(),
  departmentId: vine.number().positive().use(tenantRecordExists('departments')),
  parties: vine
    .array(vine.object({ role: vine.enum(PARTY_ROLES), name: vine.string().trim().maxLength(500).optional() }))
    .maxLength(20)
    .optional(),
})

export const hearingValidator = vine.create({
  scheduledOn: day(),
  startsAt: vine.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  courtroom: vine.string().trim().maxLength(64).optional(),
  result: vine.string().trim().maxLength(2000).optional(),
})

export const ACT_MAX_SIZE = '15mb'
export const ACT_EXTENSIONS = ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'sig']

export const actValidator = vine.create({
  kind: vine.enum(ACT_KINDS),
  issuedOn: day().beforeOrEqual(regionTodayIso).optional(),
  file: vine.file({ size: ACT_MAX_SIZE, extnames: ACT_EXTENSIONS }),
})

export const appealValidator = vine.create({
  number: vine.string().trim().minLength(1).maxLength(64),
  court: vine.string().trim().minLength(2).maxLength(255),
  judge: vine.string().trim().maxLength(255).optional(),
})

export const importValidator = vine.create({
  file: tableFile(),
  validOnly: vine.boolean().optional(),
})

export const caseFiltersValidator = vine.create({
  q: vine.string().trim().maxLength(200).optional(),
  instance: vine.enum(INSTANCES).optional(),
  category: vine.enum(CATEGORIES).optional(),
  state: vine.enum(['open', 'closed', 'all']).optional(),
  page: vine.number().positive().optional(),
})

export const upcomingValidator = vine.create({
  days: vine.number().withoutDecimals().range([1, 180]).optional(),
})
