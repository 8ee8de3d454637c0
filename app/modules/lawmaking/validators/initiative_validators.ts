import vine from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { INITIATIVE_ANSWERS, PUBLIC_INITIATIVE_STATUSES } from '#modules/lawmaking/models/initiative'
import { SUBJECT_AREAS } from '#modules/lawmaking/services/subjects'

/** The code of one of the region's municipalities (the portal's catalog). */
const municipalityCode = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!(await tenantDb().from('municipalities').where('code', value).first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

const LEVELS = ['regional', 'municipal'] as const

export const initiativeValidator = vine.create({
  title: vine.string().trim().minLength(5).maxLength(300),
  problem: vine.string().trim().minLength(20).maxLength(5000),
  goal: vine.string().trim().minLength(10).maxLength(3000),
  proposal: vine.string().trim().minLength(20).maxLength(20000),
  level: vine.enum(LEVELS),
  municipalityCode: vine
    .string()
    .trim()
    .maxLength(64)
    .use(municipalityCode())
    .optional()
    .requiredWhen('level', '=', 'municipal'),
  subjectArea: vine.enum(SUBJECT_AREAS),
})

export const initiativeFiltersValidator = vine.create({
  status: vine.enum(PUBLIC_INITIATIVE_STATUSES).optional(),
  level: vine.enum(LEVELS).optional(),
  municipality: vine.string().trim().maxLength(64).optional(),
  subject: vine.enum(SUBJECT_AREAS).optional(),
  page: vine.number().positive().withoutDecimals().optional(),
})

export const moderationReasonValidator = vine.create({
  reason: vine.string().trim().minLength(5).maxLength(2000),
})

export const forwardValidator = vine.create({
  target: vine.string().trim().maxLength(200),
})

export const initiativeAnswerValidator = vine.create({
  answer: vine.enum(INITIATIVE_ANSWERS),
  reason: vine.string().trim().maxLength(5000).optional(),
  plannedOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  orderDepartmentId: vine.number().positive().withoutDecimals().optional(),
  orderDueOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredIfExists('orderDepartmentId'),
  orderText: vine.string().trim().maxLength(5000).optional(),
})
