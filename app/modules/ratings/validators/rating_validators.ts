import vine from '@vinejs/vine'
import { tableFile } from '#core/uploads/table_file'
import { RATING_PERIODICITIES } from '#modules/ratings/models/rating'
import { tenantRecordExists } from '#core/validation_rules'

const day = () => vine.date({ formats: ['YYYY-MM-DD'] })
const place = () => vine.number().withoutDecimals().positive()

export const ratingValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(64).regex(/^[\p{L}\p{N}_.-]+$/u),
  title: vine.string().trim().minLength(3).maxLength(500),
  publisher: vine.string().trim().maxLength(255).optional(),
  periodicity: vine.enum(RATING_PERIODICITIES),
  alertDropPlaces: vine.number().withoutDecimals().range([1, 100]),
})

export const editionValidator = vine.create({
  period: vine.string().trim().minLength(1).maxLength(32),
  publishedOn: day(),
  methodologyVersion: vine.string().trim().maxLength(64).optional(),
  regionsCount: vine.number().withoutDecimals().range([1, 200]),
})

export const indicatorValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(64).regex(/^[\p{L}\p{N}_.-]+$/u),
  name: vine.string().trim().minLength(2).maxLength(500),
  parentId: vine.number().positive().optional(),
  departmentId: vine.number().positive().use(tenantRecordExists('departments')).optional(),
  position: vine.number().withoutDecimals().min(0).max(100000).optional(),
})

/** One observation, from the form or from a row of an import file. */
export const observationFields = {
  value: vine.number().optional(),
  score: vine.number().optional(),
  rank: place(),
  rankShared: vine.boolean().optional(),
  districtRank: place().optional(),
}

export const observationValidator = vine.create({
  indicatorId: vine.number().positive(),
  ...observationFields,
})

export const observationRowValidator = vine.create({
  indicatorCode: vine.string().trim().minLength(1).maxLength(64),
  ...observationFields,
})

export const importValidator = vine.create({
  file: tableFile(),
  validOnly: vine.boolean().optional(),
})
