import vine from '@vinejs/vine'
import { regionTodayIso } from '#core/region_time'
import { PROGRAMME_KINDS } from '#modules/programmes/models/programme'
import { tenantRecordExists } from '#core/validation_rules'

const day = () => vine.date({ formats: ['YYYY-MM-DD'] })

export const programmeValidator = vine.create({
  kind: vine.enum(PROGRAMME_KINDS),
  code: vine.string().trim().maxLength(64).optional(),
  title: vine.string().trim().minLength(3).maxLength(500),
  description: vine.string().trim().maxLength(5000).optional(),
  departmentId: vine.number().positive().use(tenantRecordExists('departments')).optional(),
  startsOn: day().optional(),
  endsOn: day().afterOrSameAs('startsOn').optional(),
})

export const eventValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(500),
  departmentId: vine.number().positive().use(tenantRecordExists('departments')).optional(),
  plannedStart: day().optional(),
  plannedEnd: day(),
  indicatorName: vine.string().trim().maxLength(255).optional(),
  indicatorUnit: vine.string().trim().maxLength(32).optional(),
  indicatorPlanned: vine.number().optional().requiredIfExists('indicatorName'),
})

export const eventProgressValidator = vine.create({
  completedOn: day().beforeOrEqual(regionTodayIso).optional(),
  indicators: vine
    .array(vine.object({ id: vine.number().positive(), actualValue: vine.number().optional() }))
    .optional(),
})
