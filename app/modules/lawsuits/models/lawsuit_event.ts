import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'

/**
 * A hearing (or another dated court event) of a case. Pending while it has
 * no result; the earliest pending one is the case's next hearing.
 */
export default class LawsuitEvent extends TenantModel {
  static table = 'lawsuit_events'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare caseId: number

  @column()
  declare kind: 'hearing' | 'other'

  @column.date(dateOnly)
  declare scheduledOn: DateTime

  /** Local court time, HH:MM. */
  @column()
  declare startsAt: string | null

  @column()
  declare courtroom: string | null

  @column()
  declare result: string | null

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
