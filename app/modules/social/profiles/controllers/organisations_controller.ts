import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { actorFromContext } from '#core/audit'
import { wantsJson } from '#core/wants_json'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import { subjectCodes } from '#modules/social/subjects'
import ProfilePolicy from '#modules/social/profiles/policies/profile_policy'
import Organisation from '#modules/social/profiles/models/organisation'
import { applyForOrganisation } from '#modules/social/profiles/actions/apply_for_organisation'
import { reviewOrganisation } from '#modules/social/profiles/actions/review_organisation'
import { answerInvitation, inviteMember } from '#modules/social/profiles/actions/invite_member'
import { removeMember } from '#modules/social/profiles/actions/remove_member'
import { membersOf } from '#modules/social/profiles/services/organisation_members'
import { follows, peopleByIds } from '#modules/social/profiles/services/people'
import { inviteValidator, organisationReviewValidator, organisationValidator } from '#modules/social/profiles/validators/profile_validators'
import { profilesMessages } from '#modules/social/profiles/services/messages'
import { noindex, pageNumber, pageOf } from '#modules/social/profiles/services/pages'

/** Applications per person and hour (an organisation is registered once). */
const applyLimiter = () => limiter.use({ requests: 5, duration: '1 hour' })
/** Invitations per owner and minute. */
const inviteLimiter = () => limiter.use({ requests: 30, duration: '1 minute' })

type Translate = (key: string, data?: Record<string, unknown>) => string

/**
 * Public organisations and unions: the list of verified ones, an
 * organisation's page with members and roles, applications, the owners'
 * invitations and removals, leaving, and the moderators' review.
 */
export default class OrganisationsController {
  async index({ request, view, auth }: HttpContext) {
    await auth.check()
    const page = pageNumber(request)
    const paginator = await pageOf<Organisation>(Organisation.query().where('status', 'verified').orderBy('name').orderBy('id'), page, '/organisations')
    return view.render('pages/social/profiles/organisations/index', { paginator, organisations: paginator.all(), canApply: !!auth.user?.isActive })
  }

  async create({ bouncer, view, response }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('own')
    noindex(response)
    return view.render('pages/social/profiles/organisations/create', { subjects: subjectCodes })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const input = await ctx.request.validateUsing(organisationValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const user = ctx.auth.getUserOrFail()
    const t: Translate = (key, data) => ctx.i18n.t(key, data)
    const organisation = await applyLimiter().attempt(`social:organisation:${ctx.tenant.slug}:${user.id}`, () => applyForOrganisation(user, input, actorFromContext(ctx), t))
    if (!organisation) {
      ctx.response.status(429)
      return wantsJson(ctx.request) ? { message: t('social_profiles.flash.too_fast') } : t('social_profiles.flash.too_fast')
    }
    if (wantsJson(ctx.request)) return ctx.response.json({ id: organisation.id, status: organisation.status })
    ctx.session.flash('notice', t('social_profiles.flash.organisation_applied'))
    return ctx.response.redirect(`/organisations/${organisation.id}`)
  }

  /**
   * A verified organisation's page for everyone; a pending or rejected one
   * only for its members and the moderators (404 for anyone else).
   */
  async show(ctx: HttpContext) {
    const { params, view, response, auth, request } = ctx
    await auth.check()
    const organisation = await Organisation.find(Number(params.id))
    if (!organisation) return response.notFound()
    const viewer = auth.user
    const own = viewer ? await tenantDb().from('social_organisation_members').where({ organisation_id: organisation.id, user_id: viewer.id }).first() : null
    const isModerator = !!viewer?.hasRole('moderator', 'admin')
    if (!organisation.isVerified && !own && !isModerator) return response.notFound()
    if (!organisation.isVerified) noindex(response)
    const isOwner = own?.role === 'owner' && !!own.accepted_at
    const page = pageNumber(request)
    const rows = await membersOf(organisation.id)
    const visibleRows = rows.filter((row) => row.accepted_at || isOwner || row.user_id === viewer?.id)
    const start = (page - 1) * 50
    const shown = visibleRows.slice(start, start + 50)
    const people = await peopleByIds(shown.map((row) => Number(row.user_id)))
    const members = shown
      .map((row) => ({ person: people.get(Number(row.user_id))!, role: row.role as string, pending: !row.accepted_at }))
      .filter((member) => member.person && !member.person.deleted)
    return view.render('pages/social/profiles/organisations/show', {
      organisation,
      members,
      hasMore: visibleRows.length > start + 50,
      page,
      isOwner,
      isModerator,
      invited: !!own && !own.accepted_at,
      isMember: !!own && !!own.accepted_at,
      canFollow: organisation.isVerified && !!viewer?.isActive,
      following: await follows(viewer?.id, 'organisation', organisation.id),
      followers: Number((await tenantDb().from('social_follows').where({ target_type: 'organisation', target_key: String(organisation.id) }).count('* as total'))[0].total),
    })
  }

  async invite(ctx: HttpContext) {
    const { organisation, user } = await this.#asOwner(ctx)
    const input = await ctx.request.validateUsing(inviteValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const t: Translate = (key, data) => ctx.i18n.t(key, data)
    const done = await inviteLimiter().attempt(`social:invite:${ctx.tenant.slug}:${user.id}`, async () => {
      await inviteMember(organisation, user, input.userId, input.role, actorFromContext(ctx), t)
      return true
    })
    if (!done) {
      ctx.response.status(429)
      return t('social_profiles.flash.too_fast')
    }
    return this.#done(ctx, organisation, 'social_profiles.flash.invited')
  }

  async remove(ctx: HttpContext) {
    const { organisation } = await this.#asOwner(ctx)
    await removeMember(organisation, Number(ctx.params.userId), actorFromContext(ctx), (key, data) => ctx.i18n.t(key, data))
    return this.#done(ctx, organisation, 'social_profiles.flash.member_removed')
  }

  async leave(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const organisation = await Organisation.findOrFail(Number(ctx.params.id))
    await removeMember(organisation, ctx.auth.getUserOrFail().id, actorFromContext(ctx), (key, data) => ctx.i18n.t(key, data))
    return this.#done(ctx, organisation, 'social_profiles.flash.left', '/organisations')
  }

  async accept(ctx: HttpContext) {
    return this.#answer(ctx, true)
  }

  async decline(ctx: HttpContext) {
    return this.#answer(ctx, false)
  }

  async #answer(ctx: HttpContext, accept: boolean) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const organisation = await Organisation.findOrFail(Number(ctx.params.id))
    if (!(await answerInvitation(organisation, ctx.auth.getUserOrFail(), accept))) return ctx.response.notFound()
    return this.#done(ctx, organisation, accept ? 'social_profiles.flash.joined' : 'social_profiles.flash.declined', accept ? undefined : '/organisations')
  }

  /** The moderators' queue: applications waiting first, then the rest, newest first. */
  async moderation({ bouncer, view, request, response }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('moderate')
    noindex(response)
    const page = pageNumber(request)
    const query = Organisation.query().orderByRaw(`case status when 'pending' then 0 else 1 end`).orderBy('id', 'desc')
    const paginator = await pageOf<Organisation>(query, page, '/organisations/moderation')
    return view.render('pages/social/profiles/organisations/moderation', { paginator, organisations: paginator.all() })
  }

  async verify(ctx: HttpContext) {
    return this.#review(ctx, 'verify')
  }

  async reject(ctx: HttpContext) {
    return this.#review(ctx, 'reject')
  }

  async #review(ctx: HttpContext, verdict: 'verify' | 'reject') {
    await ctx.bouncer.with(ProfilePolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(organisationReviewValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    if (!(await Organisation.find(Number(ctx.params.id)))) return ctx.response.notFound()
    const organisation = await reviewOrganisation(Number(ctx.params.id), verdict, reason ?? null, ctx.auth.getUserOrFail(), actorFromContext(ctx), (key, data) => ctx.i18n.t(key, data))
    const key = verdict === 'verify' ? 'social_profiles.flash.organisation_verified' : 'social_profiles.flash.organisation_rejected'
    if (wantsJson(ctx.request)) return ctx.response.json({ id: organisation.id, status: organisation.status, message: ctx.i18n.t(key) })
    ctx.session.flash('notice', ctx.i18n.t(key))
    return ctx.response.redirect('/organisations/moderation')
  }

  /** Only an accepted owner of the organisation manages its members; anyone else gets a 404 (nothing to see). */
  async #asOwner(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const user = ctx.auth.getUserOrFail()
    const organisation = await Organisation.find(Number(ctx.params.id))
    const row = organisation ? await tenantDb().from('social_organisation_members').where({ organisation_id: organisation.id, user_id: user.id }).first() : null
    if (!organisation || !row || row.role !== 'owner' || !row.accepted_at) {
      throw new errors.E_NOT_FOUND('Not an owner of this organisation')
    }
    return { organisation: organisation!, user }
  }

  #done({ request, response, session, i18n }: HttpContext, organisation: Organisation, key: string, path = `/organisations/${organisation.id}`) {
    if (wantsJson(request)) return response.json({ message: i18n.t(key) })
    session.flash('notice', i18n.t(key))
    return response.redirect(path)
  }
}
