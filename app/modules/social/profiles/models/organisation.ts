import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export type OrganisationStatus = 'pending' | 'verified' | 'rejected'
export const MEMBER_ROLES = ['owner', 'editor', 'member'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

/**
 * A public organisation or union registered by a portal user. Only a
 * moderator's verification puts it on the portal (its page, its members'
 * badges, follows).
 */
export default class Organisation extends TenantModel {
  static table = 'social_organisations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare inn: string | null

  @column()
  declare ogrn: string | null

  @column()
  declare description: string

  @column()
  declare site: string | null

  @column()
  declare subjects: string[]

  @column()
  declare status: OrganisationStatus

  @column()
  declare reviewReason: string | null

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare applicantId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isVerified() {
    return this.status === 'verified'
  }
}
