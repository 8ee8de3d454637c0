import vine from '@vinejs/vine'
import { EXPERT_FIELDS } from '#modules/lawmaking/models/expert_profile'
import { VERDICTS } from '#modules/lawmaking/models/conclusion'
import { CONCLUSION_FILE_MAX_MB } from '#modules/lawmaking/services/conclusion_files'

/** Up to this many per-clause remarks in one conclusion. */
export const MAX_CONCLUSION_REMARKS = 100

export const expertProfileValidator = vine.create({
  publicName: vine.string().trim().minLength(3).maxLength(120),
  organisation: vine.string().trim().minLength(2).maxLength(300),
  credentials: vine.string().trim().minLength(10).maxLength(5000),
  fields: vine.array(vine.enum(EXPERT_FIELDS)).minLength(1).maxLength(EXPERT_FIELDS.length),
})

export const reviewValidator = vine.create({
  reason: vine.string().trim().maxLength(1000).optional(),
})

/** Experts of one field to invite (ids of the body's copy of the registry, or of the portal's profiles). */
export const inviteValidator = vine.create({
  field: vine.enum(EXPERT_FIELDS),
  experts: vine.array(vine.number().positive().withoutDecimals()).minLength(1).maxLength(50),
})

export const declineValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

/**
 * A conclusion: the verdict, a summary, the signed file, and remarks as
 * rows of three parallel lists (clause, remark, proposed wording; an
 * empty cell arrives as null); rows without a remark are the form's empty
 * ones.
 */
export const conclusionValidator = vine.create({
  verdict: vine.enum(VERDICTS),
  summary: vine.string().trim().minLength(10).maxLength(20000),
  file: vine.file({ size: `${CONCLUSION_FILE_MAX_MB}mb` }),
  clauseKey: vine.array(vine.string().trim().maxLength(64).nullable()).maxLength(MAX_CONCLUSION_REMARKS).optional(),
  remark: vine.array(vine.string().trim().maxLength(5000).nullable()).maxLength(MAX_CONCLUSION_REMARKS).optional(),
  proposedWording: vine.array(vine.string().trim().maxLength(5000).nullable()).maxLength(MAX_CONCLUSION_REMARKS).optional(),
})

export const expertFilterValidator = vine.create({
  field: vine.enum(EXPERT_FIELDS).optional(),
})
