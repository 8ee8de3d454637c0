import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { withConclusionColumns } from '#modules/lawmaking/models/conclusion_columns'

/**
 * An expert's conclusion on a citizens' initiative as the body that holds
 * the initiative's case received it from the portal (the file copied into
 * the body's storage).
 */
export default class CaseConclusion extends withConclusionColumns(TenantModel) {
  static table = 'lawmaking_case_conclusions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare caseId: number

  @column()
  declare originConclusionId: number

  @column()
  declare invitationKey: string

  @column()
  declare expertName: string

  @column()
  declare expertOrganisation: string

  @column.dateTime()
  declare receivedAt: DateTime
}
