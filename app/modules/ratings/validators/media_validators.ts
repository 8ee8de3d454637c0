import vine from '@vinejs/vine'
import { tableFile } from '#core/uploads/table_file'
import { MEDIA_TONES } from '#modules/ratings/models/media_item'
import { tenantRecordExists } from '#core/validation_rules'

const webAddress = () => vine.string().trim().maxLength(2000).url({ protocols: ['http', 'https'], require_protocol: true })

/** A publication from the form or a row of a CSV file. */
export const mediaItemFields = {
  outlet: vine.string().trim().minLength(2).maxLength(255),
  publishedOn: vine.date({ formats: ['YYYY-MM-DD', 'DD.MM.YYYY', 'YYYY-MM-DDTHH:mm', 'YYYY-MM-DD HH:mm'] }),
  title: vine.string().trim().minLength(3).maxLength(1000),
  url: webAddress(),
  topic: vine.string().trim().maxLength(120).optional(),
  tone: vine.enum(MEDIA_TONES),
}

export const mediaItemValidator = vine.create({
  ...mediaItemFields,
  departmentIds: vine.array(vine.number().positive().use(tenantRecordExists('departments'))).distinct().optional(),
})

export const mediaRowValidator = vine.create({
  ...mediaItemFields,
  departments: vine.string().trim().maxLength(2000).optional(),
})

export const mediaFeedValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(255),
  url: webAddress(),
  outlet: vine.string().trim().minLength(2).maxLength(255),
  topic: vine.string().trim().maxLength(120).optional(),
})

export const mediaFiltersValidator = vine.create({
  topic: vine.string().trim().maxLength(120).optional(),
  department: vine.number().positive().optional(),
  months: vine.number().withoutDecimals().range([1, 60]).optional(),
})

export const mediaImportValidator = vine.create({
  file: tableFile(),
  validOnly: vine.boolean().optional(),
})
