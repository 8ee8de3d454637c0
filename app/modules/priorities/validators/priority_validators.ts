import vine from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { PRIORITY_LEVELS } from '#modules/priorities/models/priority'
import { photoMaxMb, sniffPhoto } from '#modules/problems/services/photos'

/** The bytes must be a JPEG, PNG or WebP image that decodes to the end, whatever the name or the browser claims (the problems' reader). */
const realPhoto = vine.createRule(async (value, _options, field) => {
  if (!field.isValid) return
  const file = value as MultipartFile
  if (!file.tmpPath || !(await sniffPhoto(file.tmpPath))) field.report('The file is not a photo', 'file.photo', field)
})

const quarter = () => vine.string().trim().regex(/^\d{4}-Q[1-4]$/)

export const priorityValidator = vine.create({
  level: vine.enum(PRIORITY_LEVELS),
  municipalityCode: vine.string().trim().maxLength(64).optional().requiredWhen('level', '=', 'municipal'),
  title: vine.string().trim().minLength(3).maxLength(300),
  description: vine.string().trim().minLength(10).maxLength(5000),
  category: vine.string().trim().minLength(2).maxLength(100),
  responsibleBody: vine.string().trim().maxLength(300).optional(),
  opensQuarter: quarter(),
  closesQuarter: quarter().optional(),
  photo: vine.file({ size: `${photoMaxMb()}mb` }).use(realPhoto()).optional(),
  // the edit form's checkbox: drop the photo (a new file, if any, wins)
  removePhoto: vine.boolean().optional(),
})

export const voteValidator = vine.create({
  priorityId: vine.number().positive().withoutDecimals(),
  quarter: vine.string().trim().maxLength(7).optional(),
})

export const settingsValidator = vine.create({
  votesPerQuarter: vine.number().withoutDecimals().range([1, 50]),
  weighting: vine.enum(['population', 'none'] as const),
  populations: vine.record(vine.number().withoutDecimals().range([0, 100_000_000])).optional(),
})

export const residenceValidator = vine.create({
  residenceMunicipalityCode: vine.string().trim().maxLength(64),
})

export const suggestionValidator = vine.create({
  level: vine.enum(PRIORITY_LEVELS),
  municipalityCode: vine.string().trim().maxLength(64).optional().requiredWhen('level', '=', 'municipal'),
  title: vine.string().trim().minLength(3).maxLength(300),
  description: vine.string().trim().minLength(10).maxLength(5000),
  category: vine.string().trim().minLength(2).maxLength(100),
})
