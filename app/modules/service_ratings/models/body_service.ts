import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { ServiceBase } from '#modules/service_ratings/models/service_base'

export { SERVICE_CHANNELS, type ServiceChannel } from '#modules/service_ratings/models/service_base'

/** A service a body (block or municipality) provides, as the body keeps it; published to the portal over the bus. */
export default class BodyService extends ServiceBase {
  static table = 'service_catalogue'

  @column()
  declare isActive: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
