import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { photoMaxMb, sniffPhoto } from '#modules/problems/services/photos'
import { SERVICE_CHANNELS } from '#modules/service_ratings/models/body_service'

/** The bytes must be a JPEG, PNG or WebP image, whatever the name or the browser claims (the problems' reader). */
const realPhoto = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (!file.tmpPath || !(await sniffPhoto(file.tmpPath))) field.report('The file is not a photo', 'file.photo', field)
})

/** A department of this body, by code. */
const ownDepartment = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!(await tenantDb().from('departments').where('code', value).first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

const mark = () => vine.number().withoutDecimals().range([1, 5])

/** A citizen's rating: the five criteria 1–5, an optional comment and photo. */
export const ratingValidator = vine.create({
  time: mark(),
  waiting: mark(),
  staff: mark(),
  premises: mark(),
  information: mark(),
  comment: vine.string().trim().maxLength(3000).optional(),
  photo: vine.file({ size: `${photoMaxMb()}mb` }).use(realPhoto()).optional(),
})

/** A body's service, as its admin adds or changes it. */
export const bodyServiceValidator = vine.create({
  code: vine.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/),
  nameRu: vine.string().trim().minLength(3).maxLength(500),
  nameEn: vine.string().trim().minLength(3).maxLength(500),
  departmentCode: vine.string().trim().use(ownDepartment()),
  channel: vine.enum(SERVICE_CHANNELS),
  isActive: vine.boolean().optional(),
})

/** The department's answer to a follow-up. */
export const followUpAnswerValidator = vine.create({
  answer: vine.string().trim().minLength(10).maxLength(5000),
})

/** The citizen's word on an answer. */
export const helpfulValidator = vine.create({
  helpful: vine.boolean(),
})

/** The portal's admins hide a service from rating or show it again. */
export const portalServiceValidator = vine.create({
  hidden: vine.boolean(),
})

/** A portal admin's correction of a service's names and channel. */
export const serviceCorrectionValidator = vine.create({
  nameRu: vine.string().trim().minLength(3).maxLength(500),
  nameEn: vine.string().trim().minLength(3).maxLength(500),
  channel: vine.enum(SERVICE_CHANNELS),
})

/** Filters of the public list. */
export const listFiltersValidator = vine.create({
  channel: vine.enum(SERVICE_CHANNELS).optional(),
  body: vine.string().trim().maxLength(64).optional(),
})
