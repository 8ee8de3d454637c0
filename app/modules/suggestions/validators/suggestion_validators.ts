import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { ANSWER_KINDS, LINK_TYPES, SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from '#modules/suggestions/services/catalog'
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_MB, attachmentKind } from '#modules/suggestions/services/attachments'

/** A municipality of the portal's catalogue, by its code. */
const knownMunicipality = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!(await tenantDb().from('municipalities').where('code', value).first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

/** A body of the portal's directory (published by the body over the bus), never typed. */
const knownBody = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!(await tenantDb().from('known_bodies').where('slug', value).first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

/** An image (JPEG, PNG, WebP) or a PDF without active content, by its bytes. */
const realAttachment = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (!file.tmpPath || !(await attachmentKind(file.tmpPath))) field.report('The file is neither an image nor a PDF', 'file.attachment', field)
})

export const submitValidator = vine.create({
  category: vine.enum(SUGGESTION_CATEGORIES),
  title: vine.string().trim().minLength(5).maxLength(200),
  content: vine.string().trim().minLength(20).maxLength(5000),
  route: vine.string().trim().maxLength(60_000).optional(),
  lat: vine.number().range([-90, 90]).optional(),
  lng: vine.number().range([-180, 180]).optional(),
  municipalityCode: vine.string().trim().maxLength(64).use(knownMunicipality()),
  bodySlug: vine.string().trim().maxLength(64).use(knownBody()),
  linkType: vine.enum(LINK_TYPES).optional(),
  linkId: vine.number().positive().withoutDecimals().optional().requiredIfExists('linkType'),
  attachments: vine
    .array(vine.file({ size: `${MAX_ATTACHMENT_MB}mb` }).use(realAttachment()))
    .maxLength(MAX_ATTACHMENTS)
    .optional(),
})

export const filtersValidator = vine.create({
  category: vine.enum(SUGGESTION_CATEGORIES).optional(),
  status: vine.enum(SUGGESTION_STATUSES).optional(),
  municipality: vine.string().trim().maxLength(64).optional(),
  body: vine.string().trim().maxLength(64).optional(),
  bbox: vine.string().trim().maxLength(100).optional(),
})

export const similarValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  category: vine.enum(SUGGESTION_CATEGORIES).optional(),
  municipalityCode: vine.string().trim().maxLength(64).optional(),
})

export const reasonValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

export const readdressValidator = vine.create({
  bodySlug: vine.string().trim().maxLength(64).use(knownBody()),
})

export const thresholdsValidator = vine.create({
  thresholds: vine.object(Object.fromEntries(SUGGESTION_CATEGORIES.map((code) => [code, vine.number().withoutDecimals().range([1, 1_000_000])]))),
})

export const answerValidator = vine.create({
  kind: vine.enum(ANSWER_KINDS),
  answer: vine.string().trim().minLength(10).maxLength(5000),
  plannedOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredWhen('kind', '=', 'planned'),
  departmentId: vine.number().positive().withoutDecimals().optional(),
  initiativeTitle: vine.string().trim().minLength(5).maxLength(300).optional(),
})
