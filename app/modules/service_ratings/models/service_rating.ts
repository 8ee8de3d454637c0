import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import RatedService from '#modules/service_ratings/models/rated_service'

/** The five criteria of Government Decree No. 1284 (12.12.2012), each marked 1–5. */
export const CRITERIA = ['time', 'waiting', 'staff', 'premises', 'information'] as const
export type Criterion = (typeof CRITERIA)[number]
export type Marks = Record<Criterion, number>

/** A follow-up opens when the mean of the marks is below this and the citizen wrote a comment. */
export const FOLLOW_UP_BELOW = 3

export type FollowUpState = 'none' | 'sent' | 'received' | 'answered'

/** A citizen's rating of a service for one month (one per service, person and month). */
export default class ServiceRating extends TenantModel {
  static table = 'service_ratings'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare serviceId: number

  @column({ serializeAs: null })
  declare userId: number

  @column.date()
  declare month: DateTime

  @column()
  declare markTime: number

  @column()
  declare markWaiting: number

  @column()
  declare markStaff: number

  @column()
  declare markPremises: number

  @column()
  declare markInformation: number

  @column()
  declare comment: string | null

  @column()
  declare photoKey: string | null

  @column()
  declare photoMime: string | null

  @column()
  declare followUp: FollowUpState

  @column.date()
  declare respondBy: DateTime | null

  @column()
  declare answerText: string | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column()
  declare answerHelpful: boolean | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => RatedService, { foreignKey: 'serviceId' })
  declare service: BelongsTo<typeof RatedService>

  get marks(): Marks {
    return { time: this.markTime, waiting: this.markWaiting, staff: this.markStaff, premises: this.markPremises, information: this.markInformation }
  }

  /** The mean of the five marks. */
  get overall() {
    const marks = Object.values(this.marks)
    return marks.reduce((sum, mark) => sum + mark, 0) / marks.length
  }
}
