import { DateTime } from 'luxon'
import { createHash } from 'node:crypto'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** An Open311 API key of a client application; only its SHA-256 is stored. */
export default class ApiKey extends TenantModel {
  static table = 'problem_api_keys'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare keyHash: string

  @column()
  declare keyPrefix: string

  /** The service account the key's reports are filed under (public name = the application's name). */
  @column()
  declare userId: number

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  static hash(key: string) {
    return createHash('sha256').update(key).digest('hex')
  }

  /** The active key matching a presented secret, if any. */
  static async active(key: string) {
    if (!key) return null
    return ApiKey.query().where('key_hash', ApiKey.hash(key)).whereNull('revoked_at').first()
  }
}
