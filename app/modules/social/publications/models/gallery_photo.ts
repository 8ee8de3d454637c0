import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A photo in a gallery: caption and an optional place (shown on the gallery's map). */
export default class GalleryPhoto extends TenantModel {
  static table = 'social_gallery_photos'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare galleryId: number

  @column()
  declare authorId: number | null

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
  declare caption: string

  @column()
  declare lat: number | null

  @column()
  declare lon: number | null

  @column.dateTime()
  declare hiddenAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
