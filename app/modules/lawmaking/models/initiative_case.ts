import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import type { DraftLevel } from '#modules/lawmaking/models/draft'
import type { InitiativeAnswer } from '#modules/lawmaking/models/initiative'

/**
 * A citizens' initiative as the portal forwarded it to one of the body's
 * departments, waiting for its answer by `dueOn`: accepted for drafting
 * (the draft act it led to), included in a plan (by a date) or rejected
 * with reasons; it may also have led to an order.
 */
export default class InitiativeCase extends TenantModel {
  static table = 'lawmaking_initiative_cases'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare originTenant: string

  @column()
  declare originInitiativeId: number

  @column()
  declare departmentId: number

  @column()
  declare title: string

  @column()
  declare problem: string

  @column()
  declare goal: string

  @column()
  declare proposal: string

  @column()
  declare level: DraftLevel

  @column()
  declare municipalityCode: string | null

  @column()
  declare subjectArea: string

  @column()
  declare supportCount: number

  @column()
  declare authorName: string

  @column.dateTime()
  declare forwardedAt: DateTime

  @column.date(dateOnly)
  declare dueOn: DateTime

  @column.dateTime()
  declare receivedAt: DateTime

  @column.dateTime()
  declare remindedAt: DateTime | null

  @column.dateTime()
  declare escalatedAt: DateTime | null

  @column()
  declare answer: InitiativeAnswer | null

  @column()
  declare answerText: string | null

  @column.date(dateOnly)
  declare plannedOn: DateTime | null

  @column()
  declare answeredBy: number | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column()
  declare draftId: number | null

  @column()
  declare orderId: number | null

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  /** Not answered after its due day (in the region's calendar). */
  isOverdue(todayIso: string) {
    return !this.answer && this.dueOn.toISODate()! < todayIso
  }
}
