import { DateTime } from 'luxon'
import { column, belongsTo, beforeSave } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { isoDay } from '#core/date_column'
import User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import ProgrammeEvent from '#modules/programmes/models/programme_event'
import { nextReminderAt, REMINDER_GRACE_MINUTES } from '#modules/planner/services/reminder_schedule'

export const PLANNER_KINDS = ['event', 'task'] as const
export type PlannerKind = (typeof PLANNER_KINDS)[number]

/**
 * A personal task (due at starts_at) or event (starts_at → ends_at) of one
 * user, possibly recurring (RRULE in the Moscow wall clock) and linked to an
 * order or a programme event. Only its owner reads or changes it.
 */
export default class PlannerItem extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare kind: PlannerKind

  @column()
  declare title: string

  @column()
  declare notes: string | null

  @column()
  declare allDay: boolean

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime | null

  /** End of the last occurrence; null for an endless series ('infinity'). */
  @column.dateTime({
    prepare: (value: DateTime | null) => (value ? value.toISO() : 'infinity'),
    // pg reads 'infinity' as the number Infinity
    consume: (value: Date | string | number | null) =>
      value === null || typeof value === 'number' || value === 'infinity'
        ? null
        : DateTime.fromJSDate(value instanceof Date ? value : new Date(value)),
  })
  declare seriesEndsAt: DateTime | null

  @column()
  declare location: string | null

  @column()
  declare rrule: string | null

  /** Dates (YYYY-MM-DD, Moscow) whose occurrence is cancelled. */
  @column({ consume: (value: (Date | string)[] | null) => (value ?? []).map((day) => isoDay(day)) })
  declare exdates: string[]

  /** Minutes before the start at which a reminder is sent. */
  @column()
  declare reminders: number[]

  /** When the reminder job next has something to send for this item (null: nothing ahead). */
  @column.dateTime()
  declare nextReminderAt: DateTime | null

  @column()
  declare orderId: number | null

  @column()
  declare programmeEventId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /**
   * A new or re-timed item is rescheduled from its current times: a moved
   * item's old reminder moment is simply forgotten.
   */
  @beforeSave()
  static scheduleReminders(item: PlannerItem) {
    const timing = ['startsAt', 'endsAt', 'rrule', 'exdates', 'reminders', 'allDay']
    if (!item.$isPersisted || timing.some((field) => field in item.$dirty)) {
      item.nextReminderAt = item.reminders?.length
        ? nextReminderAt(item, DateTime.now().minus({ minutes: REMINDER_GRACE_MINUTES }))
        : null
    }
  }

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Order)
  declare order: BelongsTo<typeof Order>

  @belongsTo(() => ProgrammeEvent)
  declare programmeEvent: BelongsTo<typeof ProgrammeEvent>
}
