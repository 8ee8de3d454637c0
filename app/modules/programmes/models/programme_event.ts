import { DateTime } from 'luxon'
import { column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import Order from '#modules/orders/models/order'
import ProgrammeIndicator from '#modules/programmes/models/programme_indicator'

/**
 * An event (мероприятие) of a programme: who does it, by when, whether it is
 * done; lagging is derived (planned end passed, not completed).
 */
export default class ProgrammeEvent extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare programmeId: number

  @column()
  declare title: string

  @column()
  declare departmentId: number | null

  @column.date(dateOnly)
  declare plannedStart: DateTime | null

  @column.date(dateOnly)
  declare plannedEnd: DateTime

  @column.date(dateOnly)
  declare completedOn: DateTime | null

  @column()
  declare orderId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @belongsTo(() => Order)
  declare order: BelongsTo<typeof Order>

  @hasMany(() => ProgrammeIndicator, { foreignKey: 'eventId' })
  declare indicators: HasMany<typeof ProgrammeIndicator>

  isLagging(today: DateTime = DateTime.now()) {
    return !this.completedOn && this.plannedEnd.startOf('day') < today.startOf('day')
  }
}
