import { referenceOf } from '#modules/orders/services/executor_references'
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

  /** A department of another tenant (the Department of Control names bodies in any block). */
  @column()
  declare remoteTenant: string | null

  @column()
  declare remoteDepartmentCode: string | null

  @column()
  declare remoteDepartmentName: string | null

  /** The other tenant's copy of the order, once it has answered. */
  @column()
  declare remoteOrderId: number | null

  @column()
  declare remoteNumber: string | null

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

  /** "department:12" or "user:5", as forms and the API name executors. */
  get reference() {
    return referenceOf(this)
  }

  label(locale: string) {
    if (this.user) return this.user.fullName
    if (this.department) return this.department.name(locale)
    if (this.remoteTenant) return this.remoteDepartmentName ?? this.remoteDepartmentCode ?? this.remoteTenant
    return '—'
  }
}
