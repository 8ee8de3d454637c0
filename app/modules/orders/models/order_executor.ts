import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'

/**
 * One executor of an order: exactly one responsible, any co-executors; each a
 * department or a person, with its own task and deadline.
 */
export default class OrderExecutor extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare role: 'responsible' | 'co_executor'

  @column()
  declare departmentId: number | null

  @column()
  declare userId: number | null

  @column()
  declare task: string | null

  @column.date(dateOnly)
  declare deadline: DateTime | null

  @column()
  declare status: 'assigned' | 'in_progress' | 'report_submitted' | 'accepted'

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  /** Whether this person acts for the executor (the person, or a member of the department). */
  isActedOnBy(user: User) {
    if (this.userId) return this.userId === user.id
    return this.departmentId !== null && user.departmentId === this.departmentId && user.hasRole('department_head', 'executor')
  }

  label(locale: string) {
    if (this.user) return this.user.fullName
    if (this.department) return this.department.name(locale)
    return '—'
  }
}
