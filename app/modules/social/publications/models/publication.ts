import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import PublicationPhoto from '#modules/social/publications/models/publication_photo'

export const LINK_TYPES = ['problem', 'draft_act', 'priority', 'suggestion'] as const
export type LinkType = (typeof LINK_TYPES)[number]

/**
 * A publication on the portal: Markdown text (kept as typed and rendered,
 * sanitized, on write), photos, tags, a subject, optionally a municipality, a
 * community and a link to a problem, a public draft act, a priority or a
 * suggestion. Hidden by moderators: seen only by its author and moderators.
 */
export default class Publication extends TenantModel {
  static table = 'social_publications'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare authorId: number | null

  @column()
  declare organisationId: number | null

  @column()
  declare communityId: number | null

  @column()
  declare title: string

  @column()
  declare body: string

  @column()
  declare bodyHtml: string

  @column()
  declare excerpt: string

  @column()
  declare subjectCode: string

  @column()
  declare municipalityCode: string | null

  @column()
  declare tags: string[]

  @column()
  declare linkType: LinkType | null

  @column()
  declare linkId: number | null

  @column()
  declare likesCount: number

  @column()
  declare commentsCount: number

  @column.dateTime()
  declare hiddenAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => PublicationPhoto, { foreignKey: 'publicationId' })
  declare photos: HasMany<typeof PublicationPhoto>
}
