import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { withConclusionColumns } from '#modules/lawmaking/models/conclusion_columns'

/** An expert's conclusion as the body received it (the file copied into the body's storage). */
export default class ReceivedConclusion extends withConclusionColumns(TenantModel) {
  static table = 'lawmaking_received_conclusions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare invitationId: number

  @column()
  declare draftId: number

  @column()
  declare originConclusionId: number

  @column()
  declare versionNumber: number

  @column.dateTime()
  declare receivedAt: DateTime
}
