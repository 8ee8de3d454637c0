import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * What both sides keep of a draft's file (the body its original, the portal
 * its copy): the draft, the Drive key (never shown), the kept name, the real
 * type and the size. Each side's model names its own table.
 */
export class StoredDraftFile extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare draftId: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare fileName: string

  @column()
  declare mimeType: string

  @column()
  declare size: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
