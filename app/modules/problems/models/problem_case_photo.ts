import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A photo of a block's case: copied from the citizen's report, or attached to the answer. */
export default class ProblemCasePhoto extends TenantModel {
  static table = 'problem_case_photos'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare caseId: number

  @column()
  declare source: 'report' | 'answer' | 'done'

  @column()
  declare round: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare mimeType: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
