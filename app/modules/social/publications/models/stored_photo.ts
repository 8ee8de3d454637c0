import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/**
 * A photo as the social module stores it, in a publication or a gallery: the
 * re-encoded image (no metadata) and its thumbnail in Drive, their type and
 * size. Not a table of its own: each subclass names its table and adds its
 * columns (Lucid copies these definitions into every subclass).
 */
export class StoredPhoto extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column({ serializeAs: null })
  declare thumbKey: string

  @column()
  declare mimeType: string

  @column()
  declare width: number

  @column()
  declare height: number
}
