import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import type { RemarkDecision } from '#modules/lawmaking/models/received_remark'

/** A citizen's remark on a clause of a draft (or a reply to one), in the portal. */
export default class Remark extends TenantModel {
  static table = 'lawmaking_remarks'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare draftId: number

  @column()
  declare versionNumber: number

  @column()
  declare clauseKey: string

  @column()
  declare parentId: number | null

  @column()
  declare authorId: number

  @column()
  declare fragment: string | null

  @column()
  declare text: string

  @column()
  declare proposedWording: string | null

  @column()
  declare reason: string | null

  @column()
  declare supportCount: number

  /** Citizens' flags the moderators have not dealt with yet. */
  @column()
  declare flagsCount: number

  @column()
  declare decision: RemarkDecision | null

  @column()
  declare decisionReason: string | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime()
  declare hiddenAt: DateTime | null

  @column()
  declare hiddenReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
