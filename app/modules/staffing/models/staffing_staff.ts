import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'

export const STAFF_STATUSES = ['filled', 'acting', 'vacant'] as const
export type StaffStatus = (typeof STAFF_STATUSES)[number]

/**
 * Who actually stands on a position: a person holding it (filled, at a
 * part-time rate), a person acting in it, or a recorded vacancy with the day
 * it opened. The name is for the office only: it never leaves the tenant
 * (not in the public dataset, not in the control rollup).
 */
export default class StaffingStaff extends TenantModel {
  static table = 'staffing_staff'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare positionId: number

  @column()
  declare departmentId: number

  @column()
  declare personName: string | null

  @column()
  declare status: StaffStatus

  @column({ consume: (value: string | number) => Number(value) })
  declare rate: number

  @column.date(dateOnly)
  declare since: DateTime

  @column.date(dateOnly)
  declare endedOn: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
