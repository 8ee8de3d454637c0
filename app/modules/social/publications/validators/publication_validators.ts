import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { MAX_ROW_ID } from '#core/row_ids'
import { photoMaxMb, sniffPhoto } from '#modules/problems/services/photos'
import { subjectCodes } from '#modules/social/subjects'
import { LINK_TYPES } from '#modules/social/publications/models/publication'
import { MAX_GALLERY_UPLOAD, MAX_PUBLICATION_PHOTOS } from '#modules/social/publications/services/photos'
import { tenantDb } from '#tenancy/tenant_model'

/** The bytes must be a JPEG, PNG or WebP image, whatever the name or the browser claims. */
const realPhoto = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (!file.tmpPath || !(await sniffPhoto(file.tmpPath))) field.report('The file is not a photo', 'file.photo', field)
})

/** A municipality of the portal's catalogue, by code. */
const municipalityCode = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!(await tenantDb().from('municipalities').where('code', value).first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

const photos = (max: number) =>
  vine
    .array(vine.file({ size: `${photoMaxMb()}mb` }).use(realPhoto()))
    .maxLength(max)
    .optional()

/** Tags as typed: comma-separated words, each trimmed, lower-cased, ≤ 40 characters; at most 10. */
const tags = vine
  .string()
  .trim()
  .maxLength(500)
  .transform((value) => [...new Set(value.split(',').map((tag) => tag.trim().toLowerCase().replace(/^#/, '')).filter(Boolean))])
  .optional()

export const publicationValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  body: vine.string().trim().minLength(1).maxLength(20000),
  subjectCode: vine.enum(subjectCodes),
  municipalityCode: vine.string().trim().maxLength(20).use(municipalityCode()).optional(),
  tags,
  linkType: vine.enum(LINK_TYPES).optional().requiredIfExists('linkId'),
  linkId: vine.number().positive().withoutDecimals().max(MAX_ROW_ID).optional().requiredIfExists('linkType'),
  communityId: vine.number().positive().withoutDecimals().max(MAX_ROW_ID).optional(),
  photos: photos(MAX_PUBLICATION_PHOTOS),
  // photos of an edited publication the author removes
  removePhotos: vine.array(vine.number().positive().withoutDecimals()).maxLength(MAX_PUBLICATION_PHOTOS).optional(),
})

export const commentValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(5000),
  parentId: vine.number().positive().withoutDecimals().max(MAX_ROW_ID).optional(),
})

export const voteValidator = vine.create({
  value: vine.enum(['up', 'down', 'none'] as const),
})

export const catalogueValidator = vine.create({
  subject: vine.enum(subjectCodes).optional(),
  municipality: vine.string().trim().maxLength(20).optional(),
  tag: vine.string().trim().maxLength(40).optional(),
})

export const galleryValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  description: vine.string().trim().maxLength(5000).optional(),
  subjectCode: vine.enum(subjectCodes).optional(),
  municipalityCode: vine.string().trim().maxLength(20).use(municipalityCode()).optional(),
})

export const galleryPhotosValidator = vine.create({
  photos: vine
    .array(vine.file({ size: `${photoMaxMb()}mb` }).use(realPhoto()))
    .minLength(1)
    .maxLength(MAX_GALLERY_UPLOAD),
  caption: vine.string().trim().maxLength(500).optional(),
  lat: vine.number().range([-90, 90]).optional().requiredIfExists('lon'),
  lon: vine.number().range([-180, 180]).optional().requiredIfExists('lat'),
})

export const communityValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  subjectCode: vine.enum(subjectCodes),
  description: vine.string().trim().minLength(10).maxLength(5000),
  // e-mails of experts who moderate it, comma-separated
  moderators: vine.string().trim().maxLength(2000).optional(),
})

export const hidePostValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(500),
})
