import vine from '@vinejs/vine'
import { moduleMessages } from '#core/module_messages'
import { tableFile } from '#core/uploads/table_file'
import { FREQUENCIES, LICENCES, SUBJECTS } from '#modules/opendata/models/dataset'
import { FIELD_TYPES } from '#modules/opendata/services/structure'
import type { I18n } from '@adonisjs/i18n'

/** The passport of a dataset as its body keeps it (the name is fixed once the dataset is published). */
export const datasetValidator = vine.create({
  name: vine.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{0,63}$/),
  titleRu: vine.string().trim().minLength(3).maxLength(500),
  titleEn: vine.string().trim().minLength(3).maxLength(500),
  descriptionRu: vine.string().trim().minLength(10).maxLength(5000),
  descriptionEn: vine.string().trim().minLength(10).maxLength(5000),
  subject: vine.enum(SUBJECTS),
  keywords: vine.string().trim().maxLength(1000).optional(),
  licence: vine.enum(LICENCES),
  frequency: vine.enum(FREQUENCIES),
  provenance: vine.string().trim().maxLength(2000).optional(),
  validUntil: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
})

/** The body as a publisher: INN of 10 (an organisation) or 12 digits, the person answering, their phone and e-mail. */
export const profileValidator = vine.create({
  inn: vine.string().trim().regex(/^\d{10}(\d{2})?$/),
  nameRu: vine.string().trim().minLength(3).maxLength(500),
  nameEn: vine.string().trim().minLength(3).maxLength(500),
  responsiblePerson: vine.string().trim().minLength(3).maxLength(255),
  phone: vine.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/),
  email: vine.string().trim().email().maxLength(255),
})

export const uploadValidator = vine.create({ file: tableFile() })

/** The confirmed structure of an upload and the version's change note. */
export const publishValidator = vine.create({
  changeNote: vine.string().trim().minLength(3).maxLength(2000),
  fields: vine
    .array(
      vine.object({
        name: vine.string().trim().maxLength(64),
        descriptionRu: vine.string().trim().maxLength(500),
        descriptionEn: vine.string().trim().maxLength(500),
        type: vine.enum(FIELD_TYPES),
        personal: vine.boolean().optional(),
        key: vine.boolean().optional(),
      })
    )
    .minLength(1)
    .maxLength(200),
})

export function opendataMessages(i18n: I18n) {
  return moduleMessages(i18n, 'opendata_office')
}
