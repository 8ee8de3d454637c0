import type { HttpContext } from '@adonisjs/core/http'
import { clockDate } from '#core/clock'
import { keysetCursor, KeysetPaginator } from '#core/keyset_paginator'
import { moduleMessages } from '#core/module_messages'
import { wantsJson } from '#core/wants_json'
import { tenantDb } from '#tenancy/tenant_model'
import { tileSettings } from '#modules/problems/controllers/problems_controller'
import { photoMaxMb } from '#modules/problems/services/photos'
import { publicNames } from '#modules/social/profiles/public_names'
import Gallery from '#modules/social/publications/models/gallery'
import GalleryPhoto from '#modules/social/publications/models/gallery_photo'
import PublicationPolicy from '#modules/social/publications/policies/publication_policy'
import { MAX_GALLERY_UPLOAD, removeSocialPhotos, storeSocialPhotos } from '#modules/social/publications/services/photos'
import { isModerator } from '#modules/social/publications/services/visibility'
import { done, guardedWrite, sendPhoto } from '#modules/social/publications/services/responses'
import { galleryPhotosValidator, galleryValidator } from '#modules/social/publications/validators/publication_validators'
import { flagControlAvailable, formOptions } from '#modules/social/publications/controllers/publications_controller'

const PAGE = 24
const messages = (ctx: HttpContext) => moduleMessages(ctx.i18n, 'social_publications')

/**
 * Galleries: albums of photos with captions and places (a map of them).
 * Post-moderated: photos appear at once; a moderator may hide one (through the
 * moderation queue, kind 'social.gallery_photo'), and then only its author
 * and moderators see it.
 */
export default class GalleriesController {
  async index(ctx: HttpContext) {
    const cursor = keysetCursor(ctx.request.qs())
    // an album shows once it has a photo others may see (an empty or wholly hidden one answers 404 to them)
    const query = tenantDb()
      .from('social_galleries')
      .where('photos_count', '>', 0)
      .whereExists((photos) => photos.from('social_gallery_photos').whereRaw('social_gallery_photos.gallery_id = social_galleries.id').whereNull('hidden_at'))
    if (cursor.after !== undefined) query.where('id', '<', cursor.after).orderBy('id', 'desc')
    else if (cursor.before !== undefined) query.where('id', '>', cursor.before).orderBy('id', 'asc')
    else query.orderBy('id', 'desc')
    const paginator = new KeysetPaginator<{ id: number; title: string; author_id: number | null; photos_count: number }>(await query.limit(KeysetPaginator.limitFor(PAGE)), PAGE, cursor)
    paginator.baseUrl('/galleries')
    const ids = paginator.all().map((row) => row.id)
    const covers = ids.length
      ? new Map((await tenantDb().from('social_gallery_photos').distinctOn('gallery_id').whereIn('gallery_id', ids).whereNull('hidden_at').orderBy('gallery_id').orderBy('id').select('gallery_id', 'id')).map((row) => [row.gallery_id, row.id]))
      : new Map()
    const names = await publicNames(paginator.all().map((row) => row.author_id).filter((id): id is number => id !== null))
    const galleries = paginator.all().map((row) => ({ ...row, coverId: covers.get(row.id) ?? null, author: row.author_id ? names.get(row.author_id) ?? null : null }))
    return ctx.view.render('pages/social/galleries/index', { galleries, paginator, mine: ctx.auth.user ? await Gallery.query().where('author_id', ctx.auth.user.id).where('photos_count', 0).orderBy('id', 'desc').limit(10) : [] })
  }

  async show(ctx: HttpContext) {
    const gallery = await Gallery.find(Number(ctx.params.id))
    if (!gallery) return ctx.response.notFound()
    const user = ctx.auth.user ?? null
    const mine = !!user && gallery.authorId === user.id
    const query = GalleryPhoto.query().where('gallery_id', gallery.id).orderBy('id')
    if (!isModerator(user)) query.where((visible) => visible.whereNull('hidden_at').orWhere('author_id', user?.id ?? 0))
    const photos = await query
    // an empty album is the author's draft, not yet anybody else's business
    if (!photos.length && !mine && !isModerator(user)) return ctx.response.notFound()
    const names = await publicNames(gallery.authorId ? [gallery.authorId] : [])
    const points = photos
      .filter((photo) => photo.lat !== null && photo.lon !== null && !photo.hiddenAt)
      .map((photo) => ({ id: photo.id, lat: photo.lat, lon: photo.lon, caption: photo.caption, thumb: `/galleries/${gallery.id}/photos/${photo.id}/thumb` }))
    if (wantsJson(ctx.request)) return { id: gallery.id, title: gallery.title, photos: photos.map((photo) => ({ id: photo.id, caption: photo.caption, lat: photo.lat, lon: photo.lon })) }
    return ctx.view.render('pages/social/galleries/show', {
      gallery,
      photos,
      points,
      author: gallery.authorId ? names.get(gallery.authorId) ?? null : null,
      mine,
      tiles: tileSettings(),
      maxPhotos: MAX_GALLERY_UPLOAD,
      maxMb: photoMaxMb(),
      flagControl: !!user && flagControlAvailable(),
    })
  }

  async photo(ctx: HttpContext) {
    const photo = await GalleryPhoto.query().where('gallery_id', Number(ctx.params.id)).where('id', Number(ctx.params.photoId)).first()
    const user = ctx.auth.user
    if (!photo || (photo.hiddenAt && !(user && (user.id === photo.authorId || isModerator(user))))) return ctx.response.notFound()
    const thumb = ctx.request.url().endsWith('/thumb')
    return sendPhoto(ctx, thumb ? photo.thumbKey : photo.storageKey, thumb ? 'image/webp' : photo.mimeType, !!photo.hiddenAt)
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    return ctx.view.render('pages/social/galleries/form', await formOptions(ctx))
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const input = await ctx.request.validateUsing(galleryValidator, { messagesProvider: messages(ctx) })
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'publications', async () => {
      return Gallery.create({ authorId: user.id, title: input.title, description: input.description ?? '', subjectCode: input.subjectCode ?? null, municipalityCode: input.municipalityCode ?? null, photosCount: 0 })
    })
    if (!result.ok) return result.response
    return done(ctx, 'social_publications.flash.gallery_created', `/galleries/${result.value.id}`, { id: result.value.id })
  }

  async addPhotos(ctx: HttpContext) {
    const gallery = await Gallery.find(Number(ctx.params.id))
    if (!gallery) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('edit', gallery)
    const input = await ctx.request.validateUsing(galleryPhotosValidator, { messagesProvider: messages(ctx) })
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'publications', async () => {
      return storeSocialPhotos('galleries', input.photos, (stored) =>
        tenantDb().transaction(async (trx) => {
          for (const photo of stored) {
            await trx.table('social_gallery_photos').insert({
              gallery_id: gallery.id,
              author_id: user.id,
              storage_key: photo.storageKey,
              thumb_key: photo.thumbKey,
              mime_type: photo.mimeType,
              width: photo.width,
              height: photo.height,
              caption: input.caption ?? '',
              lat: input.lat ?? null,
              lon: input.lon ?? null,
              created_at: clockDate(),
            })
          }
          await trx.from('social_galleries').where('id', gallery.id).increment('photos_count', stored.length)
          return stored.length
        })
      )
    })
    if (!result.ok) return result.response
    return done(ctx, 'social_publications.flash.photos_added', `/galleries/${gallery.id}`, { added: result.value })
  }

  async destroy(ctx: HttpContext) {
    const gallery = await Gallery.find(Number(ctx.params.id))
    if (!gallery) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('edit', gallery)
    const photos = await GalleryPhoto.query().where('gallery_id', gallery.id)
    await gallery.delete()
    await removeSocialPhotos(photos)
    return done(ctx, 'social_publications.flash.gallery_deleted', '/galleries')
  }
}
