import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import type { RemarkDecision } from '#modules/lawmaking/models/received_remark'

/** An expert's remark on a clause (with proposed wording), part of a conclusion; the developer decides on it. */
export default class ConclusionRemark extends TenantModel {
  static table = 'lawmaking_conclusion_remarks'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare conclusionId: number

  @column()
  declare clauseKey: string

  @column()
  declare text: string

  @column()
  declare proposedWording: string | null

  @column()
  declare decision: RemarkDecision | null

  @column()
  declare decisionReason: string | null

  @column.dateTime()
  declare decidedAt: DateTime | null
}
