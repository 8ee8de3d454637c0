import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { errors } from '#core/errors'
import { moduleMessages } from '#core/module_messages'
import { regionTodayIso } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import Municipality from '#modules/identity/models/municipality'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import { publicNameOf } from '#modules/problems/services/routing'
import Initiative, { PUBLIC_INITIATIVE_STATUSES } from '#modules/lawmaking/models/initiative'
import { SUBJECT_AREAS } from '#modules/lawmaking/services/subjects'
import InitiativePolicy from '#modules/lawmaking/policies/initiative_policy'
import { SubmitInitiative } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { supportInitiative } from '#modules/lawmaking/actions/initiatives/support_initiative'
import { initiativeTargets } from '#modules/lawmaking/actions/initiatives/forward_initiative'
import { initiativesPerDay, supportThreshold } from '#modules/lawmaking/services/initiative_rules'
import { initiativeFiltersValidator, initiativeValidator } from '#modules/lawmaking/validators/initiative_validators'

const PAGE_SIZE = 20

/** The region's municipalities by code, for names and the filters. */
async function municipalities() {
  return Municipality.query().orderBy('name_ru')
}

/**
 * The portal's side of citizens' initiatives: the public list with filters,
 * an initiative's page with its answer and timeline, writing one (signed
 * in, e-mail confirmed, a few a day) and supporting one.
 */
export default class InitiativesController {
  async index({ request, view }: HttpContext) {
    const [, filters] = await initiativeFiltersValidator.tryValidate(request.qs())
    const query = Initiative.query().withScopes((scopes) => scopes.published())
    if (filters?.status) query.where('status', filters.status)
    if (filters?.level) query.where('level', filters.level)
    if (filters?.municipality) query.where('municipality_code', filters.municipality)
    if (filters?.subject) query.where('subject_area', filters.subject)
    const initiatives = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').paginate(filters?.page ?? 1, PAGE_SIZE)
    const { page: _page, ...kept } = filters ?? {}
    initiatives.baseUrl('/lawmaking/initiatives').queryString(kept)
    const places = await municipalities()
    return view.render('pages/lawmaking/initiatives/index', {
      initiatives,
      filters: filters ?? {},
      statuses: PUBLIC_INITIATIVE_STATUSES,
      subjects: SUBJECT_AREAS,
      municipalities: places,
      municipalityNames: new Map(places.map((place) => [place.code, place])),
      today: regionTodayIso(),
    })
  }

  async create({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(InitiativePolicy).authorize('submit')
    return view.render('pages/lawmaking/initiatives/create', {
      subjects: SUBJECT_AREAS,
      municipalities: await municipalities(),
      confirmed: await hasConfirmedEmail(auth.getUserOrFail()),
    })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, i18n } = ctx
    await bouncer.with(InitiativePolicy).authorize('submit')
    const user = auth.getUserOrFail()
    if (!(await hasConfirmedEmail(user))) {
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('lawmaking_initiatives.errors.unconfirmed') })
      return response.redirect('/lawmaking/initiatives/new')
    }
    const data = await request.validateUsing(initiativeValidator, { messagesProvider: moduleMessages(i18n, 'lawmaking_initiatives') })
    const initiative = await limiter
      .use({ requests: initiativesPerDay(), duration: '1 day' })
      .attempt(`lawmaking:initiative:${ctx.tenant.slug}:${user.id}`, () => new SubmitInitiative().handle(data, user))
    if (!initiative) {
      session.flashAll()
      session.flash('errorsBag', { E_TOO_MANY_REQUESTS: i18n.t('lawmaking_initiatives.errors.too_many', { count: initiativesPerDay() }) })
      return response.redirect('/lawmaking/initiatives/new')
    }
    session.flash('notice', i18n.t('lawmaking_initiatives.flash.submitted'))
    return response.redirect(`/lawmaking/initiatives/${initiative.id}`)
  }

  async show(ctx: HttpContext) {
    const { auth, bouncer, view } = ctx
    const initiative = await this.#visible(ctx)
    const user = auth.user
    const moderator = !!user && (await bouncer.with(InitiativePolicy).allows('moderate'))
    const events = await tenantDb().from('lawmaking_initiative_events').where('initiative_id', initiative.id).orderBy('id')
    const supported = user ? !!(await tenantDb().from('lawmaking_initiative_supports').where({ initiative_id: initiative.id, user_id: user.id }).first()) : false
    // how many experts concluded is public at once; what they concluded only once support is over (the expertise page)
    const conclusions = await tenantDb().from('lawmaking_conclusions').where('initiative_id', initiative.id).count('* as total').first()
    return view.render('pages/lawmaking/initiatives/show', {
      initiative,
      events,
      authorName: await publicNameOf(tenantDb(), initiative.authorId),
      municipality: initiative.municipalityCode ? await Municipality.findBy('code', initiative.municipalityCode) : null,
      threshold: supportThreshold(initiative.level),
      conclusionsCount: Number(conclusions?.total ?? 0),
      supported,
      isAuthor: user?.id === initiative.authorId,
      canSupport: !!user && !supported && (await bouncer.with(InitiativePolicy).allows('support', initiative)),
      canModerate: moderator,
      targets: moderator && initiative.status === 'discussion' ? await initiativeTargets(initiative) : [],
      today: regionTodayIso(),
    })
  }

  /** "+1": once per citizen (e-mail confirmed), never one's own. */
  async support(ctx: HttpContext) {
    const { auth, bouncer, response, session, i18n } = ctx
    const initiative = await this.#visible(ctx)
    await bouncer.with(InitiativePolicy).authorize('support', initiative)
    const user = auth.getUserOrFail()
    if (!(await hasConfirmedEmail(user))) {
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('lawmaking_initiatives.errors.unconfirmed') })
      return response.redirect(`/lawmaking/initiatives/${initiative.id}`)
    }
    await supportInitiative(initiative.id, user)
    session.flash('notice', i18n.t('lawmaking_initiatives.flash.supported'))
    return response.redirect(`/lawmaking/initiatives/${initiative.id}`)
  }

  /** An initiative the visitor may see; others are 404. */
  async #visible({ params, bouncer }: HttpContext) {
    const initiative = await Initiative.findOrFail(params.id)
    if (!(await bouncer.with(InitiativePolicy).allows('view', initiative))) throw new errors.E_NOT_FOUND('Not found')
    return initiative
  }
}
