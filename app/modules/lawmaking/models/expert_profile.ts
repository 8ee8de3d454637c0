import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import { SUBJECT_AREAS, type SubjectArea } from '#modules/lawmaking/services/subjects'

/** The fields an expert may be competent in: the drafts' subject areas (named `lawmaking.subjects.<code>`). */
export const EXPERT_FIELDS = SUBJECT_AREAS
export type ExpertField = SubjectArea

export type ExpertProfileStatus = 'pending' | 'verified' | 'rejected'

/** A jsonb list of codes. */
export const jsonList = {
  prepare: (value: string[]) => JSON.stringify(value ?? []),
  consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as string[],
}

/**
 * A portal user's application to act as an independent expert: fields of
 * competence, organisation and credentials. Only a moderator's verification
 * makes them an expert developers can invite.
 */
export default class ExpertProfile extends TenantModel {
  static table = 'lawmaking_expert_profiles'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare publicName: string

  @column()
  declare organisation: string

  @column()
  declare credentials: string

  @column(jsonList)
  declare fields: ExpertField[]

  @column()
  declare status: ExpertProfileStatus

  @column()
  declare reviewReason: string | null

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}


