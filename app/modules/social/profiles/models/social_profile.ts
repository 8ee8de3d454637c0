import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export const AUDIENCES = ['everyone', 'following', 'nobody'] as const
export type Audience = (typeof AUDIENCES)[number]

/**
 * A portal user's public profile in the social network. Created on the first
 * edit (or by the bus for an official account); a user without one shows the
 * defaults (name from the citizen profile, everyone may message, municipality
 * visible, digest on).
 */
export default class SocialProfile extends TenantModel {
  static table = 'social_profiles'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare userId: number

  @column()
  declare displayName: string

  @column()
  declare about: string | null

  @column()
  declare avatarKey: string | null

  @column()
  declare municipalityCode: string | null

  @column()
  declare interests: string[]

  @column()
  declare messagePolicy: Audience

  @column()
  declare municipalityVisibility: Audience

  @column()
  declare emailDigest: boolean

  @column.dateTime()
  declare hiddenAt: DateTime | null

  @column.dateTime()
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
