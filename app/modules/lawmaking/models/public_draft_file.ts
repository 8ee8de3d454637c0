import { column } from '@adonisjs/lucid/orm'
import { StoredDraftFile } from '#modules/lawmaking/models/stored_draft_file'

/** The portal's own copy of a file a body published with a draft (`originKey` names the body's object). */
export default class PublicDraftFile extends StoredDraftFile {
  static table = 'lawmaking_public_draft_files'

  @column({ serializeAs: null })
  declare originKey: string

  /** Its place in the list the latest version carried. */
  @column()
  declare position: number
}
