import type { HttpContext } from '@adonisjs/core/http'
import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { keysetCursor } from '#core/keyset_paginator'
import { moduleMessages } from '#core/module_messages'
import { wantsJson } from '#core/wants_json'
import { tenantDb } from '#tenancy/tenant_model'
import Municipality from '#modules/identity/models/municipality'
import { subjectCodes } from '#modules/social/subjects'
import { publicNames } from '#modules/social/profiles/public_names'
import Publication from '#modules/social/publications/models/publication'
import PublicationPhoto from '#modules/social/publications/models/publication_photo'
import Community from '#modules/social/publications/models/community'
import PublicationPolicy from '#modules/social/publications/policies/publication_policy'
import { SavePublication, deletePublication, toggleLike } from '#modules/social/publications/actions/save_publication'
import { addComment, voteOnComment } from '#modules/social/publications/actions/comment'
import { MAX_PUBLICATION_PHOTOS } from '#modules/social/publications/services/photos'
import { photoMaxMb } from '#modules/problems/services/photos'
import { catalogue, commentThreads, flattenThreads, personalFeed, type PublicationCard } from '#modules/social/publications/services/queries'
import { linkTarget } from '#modules/social/publications/services/links'
import { isModerator, maySee, moderatesCommunity } from '#modules/social/publications/services/visibility'
import { done, guardedWrite, sendPhoto } from '#modules/social/publications/services/responses'
import { catalogueValidator, commentValidator, publicationValidator, voteValidator } from '#modules/social/publications/validators/publication_validators'
import Comment from '#modules/social/publications/models/comment'
import { LINK_TYPES } from '#modules/social/publications/models/publication'

const messages = (ctx: HttpContext) => moduleMessages(ctx.i18n, 'social_publications')

let flagControl: boolean | undefined

/** The moderation area's flag control, once that area is merged (a page must render without it); looked up once per process. */
export function flagControlAvailable() {
  flagControl ??= existsSync(app.makePath('resources/views/components/social/moderation/flag.edge'))
  return flagControl
}

/** Subject and municipality options for forms and filters, in the reader's language. */
export async function formOptions(ctx: HttpContext) {
  const municipalities = await Municipality.query().orderBy('name_ru')
  return {
    subjectOptions: subjectCodes.map((code) => ({ value: code, label: ctx.i18n.t(`social.subjects.${code}`) })),
    municipalityOptions: municipalities.map((municipality) => ({ value: municipality.code, label: municipality.name(ctx.i18n.locale) })),
  }
}

/** Cards with their authors' public names and municipality names. */
export async function cardsView(ctx: HttpContext, cards: PublicationCard[]) {
  const names = await publicNames(cards.map((card) => card.author_id).filter((id): id is number => id !== null))
  const codes = [...new Set(cards.map((card) => card.municipality_code).filter((code): code is string => !!code))]
  const municipalities = new Map((codes.length ? await Municipality.query().whereIn('code', codes) : []).map((m) => [m.code, m.name(ctx.i18n.locale)]))
  return cards.map((card) => ({
    ...card,
    author: card.author_id !== null ? names.get(card.author_id) ?? null : null,
    municipality: card.municipality_code ? municipalities.get(card.municipality_code) ?? card.municipality_code : null,
  }))
}

/**
 * Publications on the portal: the public catalogue, the personal feed, a
 * publication's page with its photos, likes and comment threads, and the
 * author's writing, editing and deleting.
 */
export default class PublicationsController {
  async index(ctx: HttpContext) {
    const [error, filters] = await catalogueValidator.tryValidate(ctx.request.qs(), { messagesProvider: messages(ctx) })
    if (error) {
      ctx.response.status(422)
      if (wantsJson(ctx.request)) return { errors: error.messages }
    }
    const chosen = error ? {} : filters
    const cursor = keysetCursor(ctx.request.qs())
    const page = await catalogue(chosen, cursor)
    page.baseUrl('/publications').queryString({ subject: chosen.subject, municipality: chosen.municipality, tag: chosen.tag })
    const cards = await cardsView(ctx, page.all())
    if (wantsJson(ctx.request)) return { data: cards.map((card) => ({ id: card.id, title: card.title, excerpt: card.excerpt, subject: card.subject_code, tags: card.tags })), next: page.getNextPageUrl() }
    return ctx.view.render('pages/social/publications/index', { cards, paginator: page, filters: chosen, ...(await formOptions(ctx)) })
  }

  async feed(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const page = await personalFeed(user.id, keysetCursor(ctx.request.qs()))
    page.baseUrl('/feed')
    const cards = await cardsView(ctx, page.all())
    if (wantsJson(ctx.request)) return { data: cards.map((card) => ({ id: card.id, title: card.title })), next: page.getNextPageUrl() }
    return ctx.view.render('pages/social/publications/feed', { cards, paginator: page })
  }

  /** Loads a publication the viewer may see, or answers 404 (hidden ones for their author and moderators only). */
  async #visible(ctx: HttpContext) {
    const publication = await Publication.find(Number(ctx.params.id))
    if (!publication || !(await maySee(ctx.auth.user, publication))) return null
    return publication
  }

  async show(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication) return ctx.response.notFound()
    const user = ctx.auth.user ?? null
    const moderator = isModerator(user) || (await moderatesCommunity(user, publication.communityId))
    const cursor = keysetCursor(ctx.request.qs())
    const { paginator, threads, authorIds, commentIds } = await commentThreads(publication.id, cursor, user ? { id: user.id, moderator } : null)
    paginator.baseUrl(`/publications/${publication.id}`)
    const names = await publicNames([...(publication.authorId ? [publication.authorId] : []), ...authorIds])
    const photos = await PublicationPhoto.query().where('publication_id', publication.id).orderBy('position')
    const myVotes = user && commentIds.length ? new Map((await tenantDb().from('social_comment_votes').where('user_id', user.id).whereIn('comment_id', commentIds)).map((row) => [Number(row.comment_id), Number(row.value)])) : new Map()
    const liked = user ? !!(await tenantDb().from('social_publication_likes').where({ publication_id: publication.id, user_id: user.id }).first()) : false
    const community = publication.communityId ? await Community.find(publication.communityId) : null
    const municipality = publication.municipalityCode ? await Municipality.findBy('code', publication.municipalityCode) : null
    const link = publication.linkType && publication.linkId ? await linkTarget(publication.linkType, publication.linkId) : null
    const shareUrl = `${ctx.request.protocol()}://${ctx.request.host()}/publications/${publication.id}`
    if (wantsJson(ctx.request)) {
      return { id: publication.id, title: publication.title, html: publication.bodyHtml, tags: publication.tags, likes: publication.likesCount, comments: publication.commentsCount, url: shareUrl, hidden: !!publication.hiddenAt, threads }
    }
    return ctx.view.render('pages/social/publications/show', {
      publication,
      photos,
      author: publication.authorId ? names.get(publication.authorId) ?? null : null,
      names,
      comments: flattenThreads(threads),
      paginator,
      myVotes,
      liked,
      community,
      municipality: municipality?.name(ctx.i18n.locale) ?? null,
      link,
      shareUrl,
      mine: !!user && publication.authorId === user.id,
      signedIn: !!user,
      flagControl: !!user && flagControlAvailable(),
    })
  }

  async photo(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication) return ctx.response.notFound()
    const photo = await PublicationPhoto.query().where('publication_id', publication.id).where('id', Number(ctx.params.photoId)).first()
    if (!photo) return ctx.response.notFound()
    const thumb = ctx.request.url().endsWith('/thumb')
    return sendPhoto(ctx, thumb ? photo.thumbKey : photo.storageKey, thumb ? 'image/webp' : photo.mimeType, !!publication.hiddenAt)
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const communityId = Number(ctx.request.qs().community) || null
    const community = communityId ? await Community.find(communityId) : null
    return ctx.view.render('pages/social/publications/form', { publication: null, photos: [], community, ...(await this.#formData(ctx)) })
  }

  async #formData(ctx: HttpContext) {
    return {
      ...(await formOptions(ctx)),
      linkOptions: LINK_TYPES.map((type) => ({ value: type, label: ctx.i18n.t(`social_publications.link_types.${type}`) })),
      maxPhotos: MAX_PUBLICATION_PHOTOS,
      maxMb: photoMaxMb(),
    }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const input = await ctx.request.validateUsing(publicationValidator, { messagesProvider: messages(ctx) })
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'publications', () => new SavePublication().handle(user, input, (key, data) => ctx.i18n.t(key, data)))
    if (!result.ok) return result.response
    if (wantsJson(ctx.request)) return ctx.response.created({ id: result.value.id, url: `/publications/${result.value.id}` })
    ctx.session.flash('notice', ctx.i18n.t('social_publications.flash.published'))
    return ctx.response.redirect(`/publications/${result.value.id}`)
  }

  async edit(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('edit', publication)
    const photos = await PublicationPhoto.query().where('publication_id', publication.id).orderBy('position')
    return ctx.view.render('pages/social/publications/form', { publication, photos, community: null, ...(await this.#formData(ctx)) })
  }

  async update(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('edit', publication)
    const input = await ctx.request.validateUsing(publicationValidator, { messagesProvider: messages(ctx) })
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'publications', () => new SavePublication().handle(user, input, (key, data) => ctx.i18n.t(key, data), publication))
    if (!result.ok) return result.response
    return done(ctx, 'social_publications.flash.updated', `/publications/${publication.id}`)
  }

  async destroy(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('edit', publication)
    await deletePublication(publication)
    return done(ctx, 'social_publications.flash.deleted', '/publications')
  }

  async like(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication || publication.hiddenAt) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const like = String(ctx.request.input('like', 'true')) !== 'false'
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'reactions', () => toggleLike(publication.id, user.id, like))
    if (!result.ok) return result.response
    return done(ctx, like ? 'social_publications.flash.liked' : 'social_publications.flash.unliked', `/publications/${publication.id}`, { likes: result.value, liked: like })
  }

  async comment(ctx: HttpContext) {
    const publication = await this.#visible(ctx)
    if (!publication || publication.hiddenAt) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const input = await ctx.request.validateUsing(commentValidator, { messagesProvider: messages(ctx) })
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'comments', () => addComment(user, publication, input, (key, data) => ctx.i18n.t(key, data)))
    if (!result.ok) return result.response
    if (wantsJson(ctx.request)) return ctx.response.created({ id: result.value })
    ctx.session.flash('notice', ctx.i18n.t('social_publications.flash.commented'))
    return ctx.response.redirect(`/publications/${publication.id}#comment-${result.value}`)
  }

  async vote(ctx: HttpContext) {
    const comment = await Comment.find(Number(ctx.params.commentId))
    if (!comment || comment.publicationId !== Number(ctx.params.id) || comment.hiddenAt) return ctx.response.notFound()
    const publication = await this.#visible(ctx)
    if (!publication || publication.hiddenAt) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const { value } = await ctx.request.validateUsing(voteValidator, { messagesProvider: messages(ctx) })
    const user = ctx.auth.getUserOrFail()
    const result = await guardedWrite(ctx, 'reactions', () => voteOnComment(comment.id, user.id, value))
    if (!result.ok) return result.response
    return done(ctx, 'social_publications.flash.voted', `/publications/${publication.id}#comment-${comment.id}`, result.value)
  }
}
