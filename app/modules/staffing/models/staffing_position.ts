import { DateTime } from 'luxon'
import { column, belongsTo, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import StaffingStaff from '#modules/staffing/models/staffing_staff'
import type { KeyPost, PositionStatus } from '#modules/staffing/services/risk_rules'

const decimal = { consume: (value: string | number) => Number(value) }

/**
 * A line of a department's establishment table (штатное расписание): a
 * position with its approved FTE, in force from `effectiveFrom` to
 * `effectiveTo` (inclusive; open-ended when null). Its occupancy columns are
 * derived from its staff (see services/occupancy.ts).
 */
export default class StaffingPosition extends TenantModel {
  static table = 'staffing_positions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare departmentId: number

  @column()
  declare title: string

  @column()
  declare category: string | null

  @column(decimal)
  declare approvedFte: number

  @column()
  declare keyPost: KeyPost | null

  @column.date(dateOnly)
  declare effectiveFrom: DateTime

  @column.date(dateOnly)
  declare effectiveTo: DateTime | null

  @column(decimal)
  declare actualFte: number

  @column()
  declare status: PositionStatus

  @column.date(dateOnly)
  declare vacantSince: DateTime | null

  @column.date(dateOnly)
  declare actingSince: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @hasMany(() => StaffingStaff, { foreignKey: 'positionId' })
  declare staff: HasMany<typeof StaffingStaff>

  /** Positions in force on `day` (today by default). */
  static inForce = scope((query, day: string = DateTime.now().toISODate()!) => {
    query.where('effective_from', '<=', day).where((open) => open.whereNull('effective_to').orWhere('effective_to', '>=', day))
  })

  /** Vacant FTE: approved minus filled, never negative. */
  get vacantFte() {
    return Math.max(0, Math.round((this.approvedFte - this.actualFte) * 100) / 100)
  }
}
