import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import { regionTodayIso } from '#core/region_time'

export type InvitationStatus = 'invited' | 'accepted' | 'declined' | 'concluded'
/** Statuses in which a conclusion is still owed. */
export const OPEN_INVITATION_STATUSES: InvitationStatus[] = ['invited', 'accepted']

/**
 * An expert invited to review one of the body's drafts (by its developer,
 * or by a portal moderator — the body learns of it), with the day the
 * conclusion is due and how the expert answered.
 */
export default class ExpertInvitation extends TenantModel {
  static table = 'lawmaking_expert_invitations'

  @column({ isPrimary: true })
  declare id: number

  /** Names the invitation in the body and in the portal alike. */
  @column()
  declare key: string

  @column()
  declare draftId: number

  @column()
  declare portalSlug: string

  @column()
  declare expertId: number

  @column()
  declare expertName: string

  @column()
  declare expertOrganisation: string

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
  declare overdueFlaggedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** Past its due day (region time) with no conclusion: derived, never stored. */
  get isOverdue() {
    return OPEN_INVITATION_STATUSES.includes(this.status) && this.dueOn.toISODate()! < regionTodayIso()
  }
}
