import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export type RemarkDecision = 'accepted' | 'partly_accepted' | 'rejected' | 'out_of_scope'
export const REMARK_DECISIONS: RemarkDecision[] = ['accepted', 'partly_accepted', 'rejected', 'out_of_scope']

/** A citizen's remark as the portal forwarded it (public name only), and the developer's decision. */
export default class ReceivedRemark extends TenantModel {
  static table = 'lawmaking_received_remarks'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare draftId: number

  @column()
  declare originTenant: string

  @column()
  declare originRemarkId: number

  @column()
  declare versionNumber: number

  @column()
  declare clauseKey: string

  @column()
  declare fragment: string | null

  @column()
  declare text: string

  @column()
  declare proposedWording: string | null

  @column()
  declare reason: string | null

  @column()
  declare authorName: string

  @column.dateTime()
  declare submittedAt: DateTime

  @column.dateTime()
  declare receivedAt: DateTime

  @column()
  declare decision: RemarkDecision | null

  @column()
  declare decisionReason: string | null

  @column()
  declare decidedClauseKey: string | null

  @column()
  declare decidedBy: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  /** A citizen's remark, or an expert's (part of a conclusion: lawmaking_received_conclusions). */
  @column()
  declare source: 'citizen' | 'expert'

  @column()
  declare conclusionId: number | null

  /** The order given with the decision, if any (kept when the decision is revised). */
  @column()
  declare orderId: number | null
}
