import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A photo of a problem: the citizen's (`report`) or the department's answer (`answer`). */
export default class ProblemPhoto extends TenantModel {
  static table = 'problem_photos'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare problemId: number

  @column()
  declare source: 'report' | 'answer'

  @column()
  declare round: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare mimeType: string

  @column()
  declare width: number

  @column()
  declare height: number

  @column()
  declare size: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
