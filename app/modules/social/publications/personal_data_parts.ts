import type { PersonalDataPart } from '#modules/social/profiles/personal_data'
import { tenantDb } from '#tenancy/tenant_model'
import { removeSocialPhotos } from '#modules/social/publications/services/photos'

/**
 * This area's part of a user's data export and account deletion. On deletion
 * what others answered stays (shown under "deleted user" by publicNames):
 * publications others commented on and comments others replied to. The rest
 * goes: other publications with their photos, lone comments, likes, votes,
 * memberships and the user's gallery photos.
 */
const parts: PersonalDataPart[] = [
  {
    name: 'publications',
    async export(userId) {
      const db = tenantDb()
      return {
        publications: await db.from('social_publications').where('author_id', userId).orderBy('id').select('id', 'title', 'body', 'subject_code', 'municipality_code', 'tags', 'link_type', 'link_id', 'community_id', 'hidden_at', 'created_at', 'updated_at'),
        comments: await db.from('social_comments').where('author_id', userId).orderBy('id').select('id', 'publication_id', 'parent_id', 'body', 'hidden_at', 'created_at'),
        likes: await db.from('social_publication_likes').where('user_id', userId).orderBy('publication_id').select('publication_id', 'created_at'),
        commentVotes: await db.from('social_comment_votes').where('user_id', userId).orderBy('comment_id').select('comment_id', 'value', 'created_at'),
        communities: await db.from('social_community_members').where('user_id', userId).orderBy('community_id').select('community_id', 'created_at'),
        galleries: await db.from('social_galleries').where('author_id', userId).orderBy('id').select('id', 'title', 'description', 'created_at'),
        galleryPhotos: await db.from('social_gallery_photos').where('author_id', userId).orderBy('id').select('id', 'gallery_id', 'caption', 'lat', 'lon', 'hidden_at', 'created_at'),
      }
    },
    async forget(userId, trx) {
      await trx.from('social_publication_likes').where('user_id', userId).delete()
      await trx.from('social_comment_votes').where('user_id', userId).delete()
      await trx.from('social_community_members').where('user_id', userId).delete()
      // comments nobody answered go; answered ones stay for the thread's sake
      await trx
        .from('social_comments')
        .where('author_id', userId)
        .whereNotExists((query) => query.from('social_comments as reply').whereRaw('reply.parent_id = social_comments.id'))
        .delete()
      const lone = trx
        .from('social_publications')
        .where('author_id', userId)
        .whereNotExists((query) => query.from('social_comments').whereRaw('social_comments.publication_id = social_publications.id').whereRaw('social_comments.author_id is distinct from ?', [userId]))
      const photos = await trx.from('social_publication_photos').whereIn('publication_id', lone.clone().select('id')).select('storage_key as storageKey', 'thumb_key as thumbKey')
      await lone.delete()
      const galleryPhotos = await trx.from('social_gallery_photos').where('author_id', userId).select('storage_key as storageKey', 'thumb_key as thumbKey')
      await trx.from('social_gallery_photos').where('author_id', userId).delete()
      await trx.from('social_galleries').where('author_id', userId).whereNotExists((query) => query.from('social_gallery_photos').whereRaw('social_gallery_photos.gallery_id = social_galleries.id')).delete()
      // Drive is no part of the transaction: should it roll back later, these rows stay without their files (shown as broken images), which only a repeated deletion would tidy
      await removeSocialPhotos([...photos, ...galleryPhotos])
    },
  },
]

export default parts
