import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** How deep threads go: a reply to a comment this deep joins its parent's replies. */
export const MAX_COMMENT_DEPTH = 3

/** A comment on a publication, top-level (no parent) or a reply in its thread. Plain text. */
export default class Comment extends TenantModel {
  static table = 'social_comments'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare publicationId: number

  @column()
  declare rootId: number | null

  @column()
  declare parentId: number | null

  @column()
  declare depth: number

  @column()
  declare authorId: number | null

  @column()
  declare body: string

  @column()
  declare upCount: number

  @column()
  declare downCount: number

  @column.dateTime()
  declare hiddenAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
