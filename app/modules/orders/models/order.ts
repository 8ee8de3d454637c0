import { DateTime } from 'luxon'
import { column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import OrderExecutor from '#modules/orders/models/order_executor'
import OrderActivity from '#modules/orders/models/order_activity'
import OrderReport from '#modules/orders/models/order_report'
import OrderExtensionRequest from '#modules/orders/models/order_extension_request'
import OrderAttachment from '#modules/orders/models/order_attachment'
import OrderVoiceNote from '#modules/orders/models/order_voice_note'
import type { OrderStatus } from '#modules/orders/lifecycle'
import type { DeadlineKeyword } from '#modules/orders/calendar/deadline_rules'

export const ORDER_TYPES = ['order', 'protocol', 'resolution', 'meeting'] as const
export type OrderType = (typeof ORDER_TYPES)[number]


/**
 * An order (поручение). Overdue is never stored: it is derived from the
 * deadline and the status.
 */
export default class Order extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: string

  @column()
  declare type: OrderType

  @column()
  declare basis: string | null

  @column()
  declare issuerId: number

  @column()
  declare departmentId: number | null

  @column()
  declare text: string

  /** A voice draft's placeholder text, not yet confirmed or written: it cannot be issued. */
  @column()
  declare textPending: boolean

  @column()
  declare category: string | null

  @column()
  declare privacy: 'normal' | 'restricted'

  @column()
  declare specialControl: boolean

  @column()
  declare parentId: number | null

  @column()
  declare ancestorIds: number[]

  @column()
  declare delegatedFromExecutorId: number | null

  @column()
  declare status: OrderStatus

  @column()
  declare deadlineKeyword: DeadlineKeyword

  @column.date(dateOnly)
  declare deadline: DateTime | null

  /** Set on a tenant's copy of an order issued by another tenant (the Department of Control). */
  @column()
  declare originTenant: string | null

  @column()
  declare originOrderId: number | null

  @column()
  declare originExecutorId: number | null

  @column()
  declare originNumber: string | null

  @column()
  declare controllerId: number | null

  @column()
  declare curatorId: number | null

  @column.dateTime()
  declare issuedAt: DateTime | null

  @column.date(dateOnly)
  declare completedOn: DateTime | null

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime()
  declare removedAt: DateTime | null

  @column()
  declare summary: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User, { foreignKey: 'issuerId' })
  declare issuer: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'controllerId' })
  declare controller: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'curatorId' })
  declare curator: BelongsTo<typeof User>

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @belongsTo(() => Order, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Order>

  @hasMany(() => Order, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Order>

  @hasMany(() => OrderExecutor)
  declare executors: HasMany<typeof OrderExecutor>

  @hasMany(() => OrderActivity)
  declare activities: HasMany<typeof OrderActivity>

  @hasMany(() => OrderReport)
  declare reports: HasMany<typeof OrderReport>

  @hasMany(() => OrderExtensionRequest)
  declare extensionRequests: HasMany<typeof OrderExtensionRequest>

  @hasMany(() => OrderAttachment)
  declare attachments: HasMany<typeof OrderAttachment>

  @hasMany(() => OrderVoiceNote)
  declare voiceNotes: HasMany<typeof OrderVoiceNote>

  /** Past its deadline and not yet accepted: derived, never stored. */
  isOverdue(today: DateTime = DateTime.now()) {
    if (!this.deadline || ['draft', 'accepted', 'removed'].includes(this.status)) return false
    return this.deadline.startOf('day') < today.startOf('day')
  }
}
