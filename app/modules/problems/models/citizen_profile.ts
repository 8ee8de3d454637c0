import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * A self-registered citizen's public name and e-mail confirmation. People
 * created by admins (and demo accounts) have none: their address was
 * confirmed by the invitation.
 */
export default class CitizenProfile extends TenantModel {
  static table = 'problem_citizens'

  @column({ isPrimary: true })
  declare userId: number

  @column()
  declare displayName: string

  @column.dateTime()
  declare emailConfirmedAt: DateTime | null

  /** The municipality of residence (priority votes count by it); a change waits for the next quarter (priorities module). */
  @column()
  declare residenceMunicipalityCode: string | null

  @column()
  declare pendingResidenceMunicipalityCode: string | null

  @column()
  declare pendingResidenceQuarter: string | null

  @column({ serializeAs: null })
  declare confirmTokenHash: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
