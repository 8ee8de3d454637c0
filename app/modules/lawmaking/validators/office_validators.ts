import vine from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { tenantDb } from '#tenancy/tenant_model'
import { moduleMessages } from '#core/module_messages'
import { DRAFT_KINDS, DRAFT_LEVELS } from '#modules/lawmaking/models/draft'
import { SUBJECT_AREAS } from '#modules/lawmaking/services/subjects'
import { REMARK_DECISIONS } from '#modules/lawmaking/models/received_remark'
import { DRAFT_FILE_MAX_MB } from '#modules/lawmaking/services/draft_files'

/** A text as long as a regional code of several hundred articles (the parser caps the clauses). */
const MAX_TEXT_LENGTH = 1_000_000

/** A municipality of the region's catalog (the tenant's municipalities table), by code. */
const knownMunicipality = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'string') return
  if (!(await tenantDb().from('municipalities').where('code', value).first())) field.report('The selected {{ field }} does not exist', 'exists', field)
})

/** An active person of the developer department chosen in the same form. */
const memberOfDepartment = vine.createRule(async (value: unknown, _options, field) => {
  if (!field.isValid || typeof value !== 'number') return
  const departmentId = Number(field.parent?.departmentId)
  const person = await tenantDb().from('users').where('id', value).where('status', 'active').where('department_id', departmentId).first()
  if (!person) field.report('The person does not work in the department', 'lawmaking_responsible', field)
})

/** The draft form: facts and the text of the next version. */
export const draftValidator = vine.create({
  title: vine.string().trim().minLength(5).maxLength(500),
  kind: vine.enum(DRAFT_KINDS),
  level: vine.enum(DRAFT_LEVELS),
  municipalityCode: vine.string().trim().maxLength(64).use(knownMunicipality()).optional().requiredWhen('level', '=', 'municipal'),
  subjectArea: vine.enum(SUBJECT_AREAS),
  departmentId: vine.number().positive().withoutDecimals(),
  responsibleId: vine.number().positive().withoutDecimals().use(memberOfDepartment()),
  explanatoryNote: vine.string().trim().minLength(10).maxLength(20_000),
  text: vine.string().trim().minLength(1).maxLength(MAX_TEXT_LENGTH),
})

/** Publishing the prepared text: a change summary and, for a discussion, both days of the period. */
export const publicationValidator = vine.create({
  changeSummary: vine.string().trim().maxLength(5000).optional(),
  consultationStartsOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredIfExists('consultationEndsOn'),
  consultationEndsOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredIfExists('consultationStartsOn'),
})

/** The developer's decision on one remark (a reason for a rejection is checked by DecideRemark). */
export const decisionValidator = vine.create({
  decision: vine.enum(REMARK_DECISIONS),
  reason: vine.string().trim().maxLength(5000).optional(),
  // an order given with the decision: the executor department and the deadline go together
  orderDepartmentId: vine.number().positive().withoutDecimals().optional().requiredIfExists('orderDueOn'),
  orderDueOn: vine.date({ formats: ['YYYY-MM-DD'] }).optional().requiredIfExists('orderDepartmentId'),
  orderText: vine.string().trim().maxLength(5000).optional(),
})

/** A file of a draft: its size here, its kind by content in AttachDraftFile. */
export const draftFileValidator = vine.create({
  file: vine.file({ size: `${DRAFT_FILE_MAX_MB}mb` }),
})

/**
 * Validation messages in the user's language: the platform's with this
 * module's field names (`lawmaking_office.fields.<name>`), and its own
 * sentences for its own rules (`lawmaking_office.validator.<rule>`).
 */
export function officeMessages(i18n: I18n): MessagesProviderContact {
  const shared = moduleMessages(i18n, 'lawmaking_office')
  return {
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: Record<string, any>) {
      const own = i18n.resolveIdentifier(`lawmaking_office.validator.${rule}`)
      return own ? i18n.formatRawMessage(own.message, meta) : shared.getMessage(defaultMessage, rule, field, meta)
    },
  }
}
