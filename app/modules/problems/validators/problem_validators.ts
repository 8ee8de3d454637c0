import vine from '@vinejs/vine'
import { regionTodayIso } from '#core/region_time'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import KnownDepartment from '#modules/identity/models/known_department'
import { MAX_PHOTOS, photoMaxMb, sniffPhoto } from '#modules/problems/services/photos'
import { PROBLEM_STATUSES } from '#modules/problems/models/problem'

/** The value is the id of a row of a portal catalog table (themes, municipalities). */
const catalogRowExists = vine.createRule(async (value: unknown, table: 'problem_themes' | 'municipalities', field) => {
  if (!field.isValid || typeof value !== 'number') return
  const query = tenantDb().from(table).where('id', value)
  if (table === 'problem_themes') query.where('is_active', true)
  if (!(await query.first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

/** The bytes must be a JPEG, PNG or WebP image, whatever the name or the browser claims. */
const realPhoto = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (!file.tmpPath || !(await sniffPhoto(file.tmpPath))) field.report('The file is not a photo', 'file.photo', field)
})

/**
 * `<body slug>/<department code>` of a department the portal's directory
 * knows (published by the body over the bus), active and staffed: a rule or
 * a manual routing never names a department nobody works in.
 */
const directoryTarget = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  const [slug, code] = value.split('/')
  const department = slug && code ? await KnownDepartment.query().where('body_slug', slug).where('code', code).first() : null
  if (!department || !department.isActive) return field.report('The selected {{ field }} does not exist', 'exists', field)
  if (!department.staffed) field.report('Nobody works in the selected {{ field }}', 'directory.unstaffed', field)
})

const photoFiles = () =>
  vine
    .array(vine.file({ size: `${photoMaxMb()}mb` }).use(realPhoto()))
    .maxLength(MAX_PHOTOS)
    .optional()

export const reportValidator = vine.create({
  themeId: vine.number().positive().withoutDecimals().use(catalogRowExists('problem_themes')),
  municipalityId: vine.number().positive().withoutDecimals().use(catalogRowExists('municipalities')),
  lat: vine.number().range([-90, 90]),
  lng: vine.number().range([-180, 180]),
  address: vine.string().trim().minLength(3).maxLength(500),
  description: vine.string().trim().minLength(10).maxLength(5000),
  shareContact: vine.boolean().optional(),
  photos: photoFiles(),
})

/** What the report form keeps as a draft: anything typed so far, unchecked. */
export const draftValidator = vine.create({
  themeId: vine.string().trim().maxLength(20).optional(),
  municipalityId: vine.string().trim().maxLength(20).optional(),
  lat: vine.string().trim().maxLength(20).optional(),
  lng: vine.string().trim().maxLength(20).optional(),
  address: vine.string().trim().maxLength(500).optional(),
  description: vine.string().trim().maxLength(5000).optional(),
})

export const filtersValidator = vine.create({
  theme: vine.number().positive().withoutDecimals().optional(),
  municipality: vine.number().positive().withoutDecimals().optional(),
  status: vine.enum(PROBLEM_STATUSES).optional(),
  overdue: vine.boolean().optional(),
  page: vine.number().positive().withoutDecimals().optional(),
  bbox: vine.string().maxLength(100).optional(),
})

export const nearbyValidator = vine.create({
  themeId: vine.number().positive().withoutDecimals(),
  lat: vine.number().range([-90, 90]),
  lng: vine.number().range([-180, 180]),
})

export const registerValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  displayName: vine.string().trim().minLength(2).maxLength(80),
  password: vine.string().minLength(8).maxLength(200).confirmed({ confirmationField: 'passwordConfirmation' }),
})

export const profileValidator = vine.create({
  displayName: vine.string().trim().minLength(2).maxLength(80),
})

export const reasonValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(1000),
})

export const contestValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

/** A department chosen from the directory's list: `<body slug>/<department code>`. */
const target = {
  target: vine.string().trim().regex(/^[a-z][a-z0-9_]{1,62}\/[a-z0-9][a-z0-9_-]{0,63}$/).use(directoryTarget()),
}

export const ruleValidator = vine.create({
  themeId: vine.number().positive().withoutDecimals().use(catalogRowExists('problem_themes')),
  municipalityId: vine.number().positive().withoutDecimals().use(catalogRowExists('municipalities')).optional(),
  ...target,
})

export const manualRouteValidator = vine.create(target)

export const themeValidator = vine.create({
  reactionDays: vine.number().withoutDecimals().range([1, 90]),
})

/** A body reports that the planned work is done (photos of the result, as with answers). */
export const planDoneValidator = vine.create({
  report: vine.string().trim().minLength(3).maxLength(5000),
  photos: photoFiles(),
})

export const answerValidator = vine.create({
  kind: vine.enum(['resolved', 'planned', 'not_ours'] as const),
  answer: vine.string().trim().minLength(3).maxLength(5000),
  plannedOn: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual(regionTodayIso).optional().requiredWhen('kind', '=', 'planned'),
  needs: vine.string().trim().maxLength(2000).optional(),
  photos: photoFiles(),
})

/** The body's head hands a case to another department of the body. */
export const reassignValidator = vine.create({
  departmentId: vine.number().withoutDecimals().positive(),
})
