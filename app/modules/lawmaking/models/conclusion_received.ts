import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import type { Verdict } from '#modules/lawmaking/models/conclusion'

/** An expert's conclusion as the body received it (the file copied into the body's storage). */
export default class ReceivedConclusion extends TenantModel {
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

  @column()
  declare verdict: Verdict

  @column()
  declare summary: string

  @column()
  declare fileKey: string

  @column()
  declare fileName: string

  @column()
  declare fileMime: string

  @column()
  declare fileSize: number

  @column.dateTime()
  declare filedAt: DateTime

  @column.dateTime()
  declare receivedAt: DateTime
}
