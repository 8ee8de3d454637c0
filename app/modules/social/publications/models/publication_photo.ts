import { column } from '@adonisjs/lucid/orm'
import { StoredPhoto } from '#modules/social/publications/models/stored_photo'

/** A photo of a publication (re-encoded, no metadata) and its thumbnail, in Drive. */
export default class PublicationPhoto extends StoredPhoto {
  static table = 'social_publication_photos'

  @column()
  declare publicationId: number

  @column()
  declare position: number
}
