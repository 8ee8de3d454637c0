import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A photo of a publication (re-encoded, no metadata) and its thumbnail, in Drive. */
export default class PublicationPhoto extends TenantModel {
  static table = 'social_publication_photos'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare publicationId: number

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

  @column()
  declare position: number
}
