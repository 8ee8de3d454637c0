import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext, recordAudit } from '#core/audit'
import { clockDate } from '#core/clock'
import { keysetCursor } from '#core/keyset_paginator'
import { moduleMessages } from '#core/module_messages'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import { moderatedKind } from '#modules/social/moderation/registry'
import { publicNames } from '#modules/social/profiles/public_names'
import Community from '#modules/social/publications/models/community'
import Publication from '#modules/social/publications/models/publication'
import PublicationPolicy from '#modules/social/publications/policies/publication_policy'
import { catalogue } from '#modules/social/publications/services/queries'
import { refusal } from '#modules/social/publications/services/refusal'
import { isModerator, moderatesCommunity } from '#modules/social/publications/services/visibility'
import { done } from '#modules/social/publications/services/responses'
import { communityValidator, hidePostValidator } from '#modules/social/publications/validators/publication_validators'
import { cardsView } from '#modules/social/publications/controllers/publications_controller'
import { subjectCodes } from '#modules/social/subjects'

const messages = (ctx: HttpContext) => moduleMessages(ctx.i18n, 'social_publications')

/**
 * Subject communities: thematic groups created by portal moderators and
 * admins, moderated by appointed experts; members join and leave and post
 * publications inside. A community's moderators hide (and restore) posts in
 * it through the moderation contract, with an audit entry.
 */
export default class CommunitiesController {
  async index(ctx: HttpContext) {
    const communities = await Community.query().orderBy('title').limit(200)
    const joined = ctx.auth.user ? new Set((await tenantDb().from('social_community_members').where('user_id', ctx.auth.user.id)).map((row) => Number(row.community_id))) : new Set<number>()
    return ctx.view.render('pages/social/communities/index', { communities, joined, mayCreate: isModerator(ctx.auth.user) })
  }

  async show(ctx: HttpContext) {
    const community = await Community.find(Number(ctx.params.id))
    if (!community) return ctx.response.notFound()
    const user = ctx.auth.user ?? null
    const page = await catalogue({ community: community.id }, keysetCursor(ctx.request.qs()))
    page.baseUrl(`/communities/${community.id}`)
    const moderatorIds = (await tenantDb().from('social_community_moderators').where('community_id', community.id)).map((row) => Number(row.user_id))
    const names = await publicNames(moderatorIds)
    const member = user ? !!(await tenantDb().from('social_community_members').where({ community_id: community.id, user_id: user.id }).first()) : false
    const moderates = isModerator(user) || (!!user && moderatorIds.includes(user.id))
    // the community's moderators also see what they hid, to restore it
    const hidden = moderates ? await Publication.query().where('community_id', community.id).whereNotNull('hidden_at').orderBy('id', 'desc').limit(50) : []
    return ctx.view.render('pages/social/communities/show', {
      community,
      cards: await cardsView(ctx, page.all()),
      paginator: page,
      moderators: moderatorIds.map((id) => names.get(id)).filter(Boolean),
      member,
      moderates,
      hidden,
      signedIn: !!user,
    })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(PublicationPolicy).authorize('manageCommunities')
    return ctx.view.render('pages/social/communities/form', { subjectOptions: subjectCodes.map((code) => ({ value: code, label: ctx.i18n.t(`social.subjects.${code}`) })) })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PublicationPolicy).authorize('manageCommunities')
    const input = await ctx.request.validateUsing(communityValidator, { messagesProvider: messages(ctx) })
    const emails = [...new Set((input.moderators ?? '').split(/[\s,;]+/).map((email) => email.trim().toLowerCase()).filter(Boolean))]
    const experts = emails.length ? await User.query().whereIn('email', emails) : []
    const notExperts = emails.filter((email) => !experts.some((user) => user.email.toLowerCase() === email && user.role === 'expert' && user.isActive))
    if (notExperts.length) throw refusal('moderators', 'experts', ctx.i18n.t('social_publications.errors.not_experts', { emails: notExperts.join(', ') }))
    const community = await tenantDb().transaction(async (trx) => {
      const community = await Community.create({ title: input.title, subjectCode: input.subjectCode, description: input.description, createdBy: ctx.auth.user!.id, membersCount: 0 }, { client: trx })
      for (const expert of experts) await trx.table('social_community_moderators').insert({ community_id: community.id, user_id: expert.id })
      await recordAudit(actorFromContext(ctx), 'social.community_created', { type: 'social_community', id: community.id }, { title: input.title, moderators: experts.map((user) => user.id) }, trx)
      return community
    })
    return done(ctx, 'social_publications.flash.community_created', `/communities/${community.id}`, { id: community.id })
  }

  async join(ctx: HttpContext) {
    const community = await Community.find(Number(ctx.params.id))
    if (!community) return ctx.response.notFound()
    await ctx.bouncer.with(PublicationPolicy).authorize('write')
    const user = ctx.auth.getUserOrFail()
    await tenantDb().transaction(async (trx) => {
      const inserted = await trx.insertQuery().table('social_community_members').insert({ community_id: community.id, user_id: user.id, created_at: clockDate() }).onConflict(['community_id', 'user_id']).ignore().returning('user_id')
      if (inserted.length) await trx.from('social_communities').where('id', community.id).increment('members_count', 1)
    })
    return done(ctx, 'social_publications.flash.joined', `/communities/${community.id}`)
  }

  async leave(ctx: HttpContext) {
    const community = await Community.find(Number(ctx.params.id))
    if (!community) return ctx.response.notFound()
    const user = ctx.auth.getUserOrFail()
    await tenantDb().transaction(async (trx) => {
      const deleted = await trx.from('social_community_members').where({ community_id: community.id, user_id: user.id }).delete()
      if (Number(deleted)) await trx.from('social_communities').where('id', community.id).decrement('members_count', 1)
    })
    return done(ctx, 'social_publications.flash.left', `/communities/${community.id}`)
  }

  /** A community moderator hides (or restores) a post in their community: the moderation contract's setHidden plus an audit entry. */
  async setHidden(ctx: HttpContext) {
    const community = await Community.find(Number(ctx.params.id))
    const publication = await Publication.query().where('id', Number(ctx.params.publicationId)).where('community_id', Number(ctx.params.id)).first()
    if (!community || !publication) return ctx.response.notFound()
    const user = ctx.auth.getUserOrFail()
    if (!(isModerator(user) || (await moderatesCommunity(user, community.id)))) return ctx.response.notFound()
    const hide = ctx.request.url().endsWith('/hide')
    const { reason } = await ctx.request.validateUsing(hidePostValidator, { messagesProvider: messages(ctx) })
    const kind = (await moderatedKind('social.publication'))!
    await tenantDb().transaction(async (trx) => {
      await kind.setHidden(publication.id, hide, trx)
      await recordAudit(actorFromContext(ctx), hide ? 'social.community_post_hidden' : 'social.community_post_restored', { type: 'social_publication', id: publication.id }, { communityId: community.id, reason }, trx)
    })
    return done(ctx, hide ? 'social_publications.flash.post_hidden' : 'social_publications.flash.post_restored', `/communities/${community.id}`)
  }
}
