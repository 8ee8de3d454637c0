import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import { regionTodayIso } from '#core/region_time'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import Initiative from '#modules/lawmaking/models/initiative'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import { OPEN_INVITATION_STATUSES, type InvitationStatus } from '#modules/lawmaking/models/expert_invitation'

/**
 * An invitation as the portal keeps it: the expert accepts or declines it
 * here and files the conclusion. It is of a draft or of a citizens'
 * initiative (exactly one of the two ids; the table checks it).
 */
export default class PublicExpertInvitation extends TenantModel {
  static table = 'lawmaking_public_invitations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare key: string

  @column()
  declare draftId: number | null

  @column()
  declare initiativeId: number | null

  @column()
  declare expertId: number

  @column()
  declare field: string

  @column.date(dateOnly)
  declare dueOn: DateTime

  @column()
  declare status: InvitationStatus

  @column()
  declare declineReason: string | null

  @column()
  declare invitedBy: number | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column.dateTime()
  declare remindedSoonAt: DateTime | null

  @column.dateTime()
  declare remindedDueAt: DateTime | null

  /** An initiative's overdue invitation was flagged to the portal's moderators. */
  @column.dateTime()
  declare overdueFlaggedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => PublicDraft, { foreignKey: 'draftId' })
  declare draft: BelongsTo<typeof PublicDraft>

  @belongsTo(() => Initiative, { foreignKey: 'initiativeId' })
  declare initiative: BelongsTo<typeof Initiative>

  @belongsTo(() => ExpertProfile, { foreignKey: 'expertId' })
  declare expert: BelongsTo<typeof ExpertProfile>

  get isOverdue() {
    return OPEN_INVITATION_STATUSES.includes(this.status) && this.dueOn.toISODate()! < regionTodayIso()
  }
}
