import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import type { Marks } from '#modules/service_ratings/models/service_rating'

/**
 * In a body: a low rating of one of its services with the citizen's comment,
 * which the providing department answers within 30 days. No citizen's name
 * travels: the answer is published under the rating on the portal.
 */
export default class ServiceFollowUp extends TenantModel {
  static table = 'service_follow_ups'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare originTenant: string

  @column()
  declare originRatingId: number

  @column()
  declare serviceCode: string

  @column()
  declare serviceName: string

  @column()
  declare departmentCode: string

  @column()
  declare marks: Marks

  @column()
  declare comment: string

  @column.date()
  declare ratedOn: DateTime

  @column.date()
  declare respondBy: DateTime

  @column()
  declare status: 'open' | 'answered'

  @column()
  declare answerText: string | null

  @column()
  declare answeredBy: number | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column.dateTime()
  declare remindedAt: DateTime | null

  @column.dateTime()
  declare escalatedAt: DateTime | null

  @column.dateTime()
  declare receivedAt: DateTime

  get isOverdue() {
    return this.status === 'open' && this.respondBy < DateTime.now().startOf('day')
  }
}
