import { column } from '@adonisjs/lucid/orm'
import { StoredDraftFile } from '#modules/lawmaking/models/stored_draft_file'

/** A file of a body's draft act; the bytes live in Drive under the body's prefix. */
export default class DraftFile extends StoredDraftFile {
  static table = 'lawmaking_draft_files'

  @column()
  declare uploadedBy: number | null

  /** The version that first carried the file to the portal; null while it has not been published. */
  @column()
  declare publishedIn: number | null
}
