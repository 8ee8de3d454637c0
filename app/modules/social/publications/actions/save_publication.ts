import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { clockDate } from '#core/clock'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Publication, { type LinkType } from '#modules/social/publications/models/publication'
import PublicationPhoto from '#modules/social/publications/models/publication_photo'
import { plainExcerpt, renderMarkdown } from '#modules/social/publications/services/markdown'
import { linkExists } from '#modules/social/publications/services/links'
import { MAX_PUBLICATION_PHOTOS, removeSocialPhotos, storeSocialPhotos } from '#modules/social/publications/services/photos'
import { assertMayPublish, refusal, type Translate } from '#modules/social/publications/services/refusal'

export const MAX_TAGS = 10
export const MAX_TAG_LENGTH = 40

export interface PublicationInput {
  title: string
  body: string
  subjectCode: string
  municipalityCode?: string | null
  tags?: string[]
  linkType?: LinkType | null
  linkId?: number | null
  communityId?: number | null
  photos?: MultipartFile[]
  removePhotos?: number[]
}

/**
 * Writes a publication (new, or the author's edit): checks the publishing
 * guard, the tags, the link and the community, renders the Markdown once
 * (sanitized) and stores the photos re-encoded. One transaction; photo files
 * written for a failed save are removed again.
 */
export class SavePublication {
  async handle(user: User, input: PublicationInput, t: Translate, existing?: Publication) {
    await assertMayPublish(user.id, t)
    const tags = input.tags ?? []
    if (tags.length > MAX_TAGS) throw refusal('tags', 'tags.count', t('social_publications.errors.too_many_tags', { max: MAX_TAGS }))
    if (tags.some((tag) => tag.length > MAX_TAG_LENGTH)) throw refusal('tags', 'tags.length', t('social_publications.errors.tag_too_long', { max: MAX_TAG_LENGTH }))
    if (input.linkType && input.linkId && !(await linkExists(input.linkType, input.linkId))) {
      throw refusal('linkId', 'exists', t('social_publications.errors.link_missing'))
    }
    const communityId = existing ? existing.communityId : (input.communityId ?? null)
    if (!existing && communityId !== null) {
      const member = await tenantDb().from('social_community_members').where({ community_id: communityId, user_id: user.id }).first()
      if (!member) throw refusal('communityId', 'community.member', t('social_publications.errors.not_member'))
    }
    const kept = existing ? await PublicationPhoto.query().where('publication_id', existing.id).orderBy('position') : []
    const removing = new Set(input.removePhotos ?? [])
    const remaining = kept.filter((photo) => !removing.has(photo.id))
    const files = input.photos ?? []
    if (remaining.length + files.length > MAX_PUBLICATION_PHOTOS) {
      throw refusal('photos', 'array.maxLength', t('social_publications.errors.too_many_photos', { max: MAX_PUBLICATION_PHOTOS }))
    }
    const values = {
      title: input.title,
      body: input.body,
      bodyHtml: renderMarkdown(input.body),
      excerpt: plainExcerpt(input.body),
      subjectCode: input.subjectCode,
      municipalityCode: input.municipalityCode ?? null,
      tags,
      linkType: input.linkType && input.linkId ? input.linkType : null,
      linkId: input.linkType && input.linkId ? input.linkId : null,
    }
    const removed = kept.filter((photo) => removing.has(photo.id))
    const publication = await storeSocialPhotos('publications', files, (stored) =>
      tenantDb().transaction(async (trx) => {
        const publication = existing ?? new Publication()
        publication.useTransaction(trx)
        if (!existing) publication.merge({ authorId: user.id, communityId, likesCount: 0, commentsCount: 0 })
        publication.merge(values)
        await publication.save()
        if (removed.length) await trx.from('social_publication_photos').whereIn('id', removed.map((photo) => photo.id)).delete()
        let position = remaining.length ? Math.max(...remaining.map((photo) => photo.position)) + 1 : 0
        for (const photo of stored) {
          await trx.table('social_publication_photos').insert({
            publication_id: publication.id,
            storage_key: photo.storageKey,
            thumb_key: photo.thumbKey,
            mime_type: photo.mimeType,
            width: photo.width,
            height: photo.height,
            position: position++,
          })
        }
        return publication
      })
    )
    await removeSocialPhotos(removed)
    return publication
  }
}

/** Deletes a publication with its photos, comments and likes (the author's own, or a moderator's decision elsewhere). */
export async function deletePublication(publication: Publication) {
  const photos = await PublicationPhoto.query().where('publication_id', publication.id)
  await tenantDb().from('social_publications').where('id', publication.id).delete()
  await removeSocialPhotos(photos)
}

/** Likes (once per user) or unlikes; returns the new count. */
export async function toggleLike(publicationId: number, userId: number, like: boolean) {
  return tenantDb().transaction(async (trx) => {
    if (like) {
      const inserted = await trx
        .insertQuery()
        .table('social_publication_likes')
        .insert({ publication_id: publicationId, user_id: userId, created_at: clockDate() })
        .onConflict(['publication_id', 'user_id'])
        .ignore()
        .returning('user_id')
      if (inserted.length) await trx.from('social_publications').where('id', publicationId).increment('likes_count', 1)
    } else {
      const deleted = await trx.from('social_publication_likes').where({ publication_id: publicationId, user_id: userId }).delete()
      if (Number(deleted)) await trx.from('social_publications').where('id', publicationId).decrement('likes_count', 1)
    }
    const row = await trx.from('social_publications').where('id', publicationId).select('likes_count').first()
    return Number(row?.likes_count ?? 0)
  })
}
