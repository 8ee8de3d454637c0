import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { StoredPhoto } from '#modules/social/publications/models/stored_photo'

/** A photo in a gallery: caption and an optional place (shown on the gallery's map). */
export default class GalleryPhoto extends StoredPhoto {
  static table = 'social_gallery_photos'

  @column()
  declare galleryId: number

  @column()
  declare authorId: number | null

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
