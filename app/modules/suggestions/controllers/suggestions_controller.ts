import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import limiter from '@adonisjs/limiter/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { wantsJson } from '#core/wants_json'
import { errors } from '#core/errors'
import { clockDate } from '#core/clock'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import { tileSettings } from '#modules/problems/controllers/problems_controller'
import { publicNames } from '#modules/social/profiles/public_names'
import SuggestionPolicy from '#modules/suggestions/policies/suggestion_policy'
import { SubmitSuggestion } from '#modules/suggestions/actions/submit_suggestion'
import { SupportSuggestion } from '#modules/suggestions/actions/support_suggestion'
import { LIST_COLUMNS, inViewport, parseBbox, publicSuggestions, similarSuggestions } from '#modules/suggestions/services/queries'
import { bodyStats } from '#modules/suggestions/services/stats'
import { LINK_TYPES, PUBLIC_STATUSES, SUGGESTION_CATEGORIES, linkUrl } from '#modules/suggestions/services/catalog'
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_MB } from '#modules/suggestions/services/attachments'
import { filtersValidator, similarValidator, submitValidator } from '#modules/suggestions/validators/suggestion_validators'

const PAGE_SIZE = 20
const MAP_LIMIT = 500

/** Suggestions a citizen may submit per hour. */
const submitLimiter = () => limiter.use({ requests: 5, duration: '1 hour' })
/** Supports a citizen may give per hour (each suggestion once anyway). */
const supportLimiter = () => limiter.use({ requests: 60, duration: '1 hour' })

/** The directory's bodies for a select: blocks, then municipalities' administrations. */
async function bodyGroups(t: HttpContext['i18n']) {
  const en = t.locale === 'en'
  const bodies = await tenantDb().from('known_bodies').orderByRaw(`kind = 'municipality'`).orderBy(en ? 'name_en' : 'name_ru').select('slug', 'kind', 'name_ru', 'name_en')
  return ['block', 'municipality']
    .map((kind) => ({
      label: t.t(`suggestions.bodies.${kind}`),
      options: bodies.filter((body) => body.kind === kind).map((body) => ({ value: body.slug, label: en ? body.name_en : body.name_ru })),
    }))
    .filter((group) => group.options.length)
}

async function catalogs(ctx: HttpContext) {
  const en = ctx.i18n.locale === 'en'
  const municipalities = await tenantDb().from('municipalities').orderBy(en ? 'name_en' : 'name_ru').select('code', 'name_ru', 'name_en')
  return {
    categories: SUGGESTION_CATEGORIES.map((code) => ({ value: code, label: ctx.i18n.t(`suggestions.categories.${code}`) })),
    statuses: PUBLIC_STATUSES.map((code) => ({ value: code, label: ctx.i18n.t(`suggestions.statuses.${code}`) })),
    municipalities: municipalities.map((row) => ({ value: row.code, label: en ? row.name_en : row.name_ru })),
    bodyGroups: await bodyGroups(ctx.i18n),
  }
}

async function filtersOf(ctx: HttpContext) {
  const [, filters] = await filtersValidator.tryValidate(ctx.request.qs())
  return filters ?? {}
}

/** The moderation area's "report" control, once that area is merged (until then the page goes without it). */
let flagTemplate: boolean | undefined
function flagAvailable() {
  flagTemplate ??= existsSync(app.viewsPath('components/social/moderation/flag.edge'))
  return flagTemplate
}

/** A suggestion the viewer may see, or 404 (never a hint that it exists). */
async function visible(ctx: HttpContext, id: unknown) {
  const suggestion = Number.isInteger(Number(id)) ? await tenantDb().from('suggestions').where('id', Number(id)).first() : null
  if (!suggestion || !(await ctx.bouncer.with(SuggestionPolicy).allows('view', suggestion))) throw new errors.E_NOT_FOUND('No such suggestion')
  return suggestion
}

/**
 * The public side on the portal: the catalogue with filters, the map (points
 * and routes), a suggestion's page with its timeline, submitting (similar
 * ones offered while typing), supporting, and "my suggestions".
 */
export default class SuggestionsController {
  async index(ctx: HttpContext) {
    const filters = await filtersOf(ctx)
    const before = Number(ctx.request.input('before'))
    const query = publicSuggestions(filters).select(LIST_COLUMNS).orderBy('id', 'desc').limit(PAGE_SIZE + 1)
    if (Number.isInteger(before) && before > 0) query.where('id', '<', before)
    const rows = await query
    const more = rows.length > PAGE_SIZE
    const page = rows.slice(0, PAGE_SIZE)
    const next = more ? new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)), before: String(page.at(-1).id) }).toString() : null
    return ctx.view.render('pages/suggestions/index', { suggestions: page, next, filters, ...(await catalogs(ctx)) })
  }

  async map(ctx: HttpContext) {
    return ctx.view.render('pages/suggestions/map', { filters: await filtersOf(ctx), tiles: tileSettings(), ...(await catalogs(ctx)) })
  }

  /**
   * Points and routes of the map's viewport: public fields only, the newest 500 (the GiST index on their
   * boxes). PostgreSQL writes the JSON itself: the routes are not parsed into objects and written again.
   */
  async mapData(ctx: HttpContext) {
    const filters = await filtersOf(ctx)
    const bbox = parseBbox(filters.bbox)
    const shapes = (bbox ? inViewport(publicSuggestions(filters), bbox) : publicSuggestions(filters).whereNotNull('min_lat'))
      .select('id', 'category', 'title', 'status', 'route', 'min_lat', 'min_lng')
      .orderBy('id', 'desc')
      .limit(MAP_LIMIT + 1)
      .toSQL()
    const { rows } = await tenantDb().rawQuery(
      `select coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'category', s.category, 'status', s.status,
          'geometry', coalesce(s.route, json_build_object('type', 'Point', 'coordinates', json_build_array(s.min_lng, s.min_lat))::jsonb))
          order by s.id desc) filter (where s.n <= ?), '[]')::text as data, count(*) > ? as truncated
        from (select q.*, row_number() over (order by q.id desc) as n from (${shapes.sql}) q) s`,
      [MAP_LIMIT, MAP_LIMIT, ...(shapes.bindings as Array<string | number>)]
    )
    ctx.response.header('content-type', 'application/json; charset=utf-8')
    return `{"data":${rows[0].data},"truncated":${rows[0].truncated}}`
  }

  /** Similar public suggestions while the form is typed (JSON). */
  async similar(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(similarValidator, { data: ctx.request.qs() })
    const rows = await similarSuggestions(input.title, input.category, input.municipalityCode)
    return { data: rows.map((row) => ({ id: row.id, title: row.title, supports: row.supports_count, status: ctx.i18n.t(`suggestions.statuses.${row.status}`) })) }
  }

  async show(ctx: HttpContext) {
    const { auth, bouncer, view } = ctx
    const suggestion = await visible(ctx, ctx.params.id)
    const user = auth.user
    const moderator = !!user?.hasRole('moderator', 'admin')
    const isAuthor = !!user && user.id === suggestion.author_id
    const [events, attachments, supported, names, category, municipality] = await Promise.all([
      tenantDb()
        .from('suggestion_events')
        .where('suggestion_id', suggestion.id)
        .if(!moderator && !isAuthor, (query) => query.where('is_public', true))
        .if(!moderator && isAuthor, (query) => query.where((inner) => inner.where('is_public', true).orWhere('kind', 'declined')))
        .orderBy('id'),
      tenantDb().from('suggestion_attachments').where('suggestion_id', suggestion.id).orderBy('id'),
      user ? tenantDb().from('suggestion_supports').where({ suggestion_id: suggestion.id, user_id: user.id }).first().then(Boolean) : false,
      publicNames(suggestion.author_id ? [suggestion.author_id] : [], ctx.i18n.locale),
      tenantDb().from('suggestion_categories').where('code', suggestion.category).first(),
      tenantDb().from('municipalities').where('code', suggestion.municipality_code).first(),
    ])
    const threshold = category.threshold
    // hidden or not yet public pages stay out of search engines
    const noindex = !!suggestion.hidden_at || suggestion.status === 'moderation' || suggestion.status === 'declined'
    if (noindex) ctx.response.header('x-robots-tag', 'noindex, nofollow')
    return view.render('pages/suggestions/show', {
      suggestion,
      events,
      attachments,
      supported,
      threshold,
      municipality,
      author: suggestion.author_id ? (names.get(suggestion.author_id) ?? null) : null,
      link: linkUrl(suggestion.link_type, suggestion.link_id),
      canSupport: !!user && !supported && (await bouncer.with(SuggestionPolicy).allows('support', suggestion)),
      canModerate: moderator,
      isAuthor,
      overdue: suggestion.status === 'sent' && suggestion.respond_by && new Date(suggestion.respond_by) < clockDate(),
      tiles: tileSettings(),
      flagAvailable: flagAvailable(),
      noindex,
    })
  }

  async attachment(ctx: HttpContext) {
    const suggestion = await visible(ctx, ctx.params.id)
    const file = await tenantDb().from('suggestion_attachments').where({ suggestion_id: suggestion.id, id: Number(ctx.params.attachmentId) }).first()
    if (!file) throw new errors.E_NOT_FOUND('No such attachment')
    const open = !suggestion.hidden_at && suggestion.status !== 'moderation' && suggestion.status !== 'declined'
    ctx.response.header('content-type', file.mime_type)
    ctx.response.header('x-content-type-options', 'nosniff')
    ctx.response.header('content-disposition', `${file.mime_type === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    ctx.response.header('cache-control', open ? 'public, max-age=86400' : 'private, no-store')
    return ctx.response.stream(await drive.use().getStream(file.storage_key))
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('submit')
    return ctx.view.render('pages/suggestions/create', {
      ...(await catalogs(ctx)),
      linkTypes: LINK_TYPES.map((code) => ({ value: code, label: ctx.i18n.t(`suggestions.links.${code}`) })),
      confirmed: await hasConfirmedEmail(ctx.auth.getUserOrFail()),
      tiles: tileSettings(),
      maxAttachments: MAX_ATTACHMENTS,
      maxMb: MAX_ATTACHMENT_MB,
      prefill: { linkType: ctx.request.qs().linkType, linkId: ctx.request.qs().linkId },
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, bouncer, auth, session, i18n } = ctx
    await bouncer.with(SuggestionPolicy).authorize('submit')
    const user = auth.getUserOrFail()
    if (!(await hasConfirmedEmail(user))) {
      if (wantsJson(request)) return response.forbidden({ error: i18n.t('suggestions.errors.unconfirmed') })
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('suggestions.errors.unconfirmed') })
      return response.redirect('/suggestions/new')
    }
    const input = await request.validateUsing(submitValidator)
    const limit = submitLimiter()
    const key = `suggestions:submit:${ctx.tenant.slug}:${user.id}`
    // a refused submission (a bad route, a foreign body…) is given back: only saved suggestions count
    const id = await limit.attempt(key, () =>
      new SubmitSuggestion().handle(input, user, i18n).catch(async (error) => {
        await limit.decrement(key)
        throw error
      })
    )
    if (!id) {
      if (wantsJson(request)) return response.tooManyRequests({ error: i18n.t('suggestions.errors.too_many') })
      session.flashAll()
      session.flash('errorsBag', { E_TOO_MANY: i18n.t('suggestions.errors.too_many') })
      return response.redirect('/suggestions/new')
    }
    if (wantsJson(request)) return { id }
    session.flash('notice', i18n.t('suggestions.flash.submitted'))
    return response.redirect(`/suggestions/${id}`)
  }

  async support(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, i18n } = ctx
    const suggestion = await visible(ctx, ctx.params.id)
    await bouncer.with(SuggestionPolicy).authorize('support', suggestion)
    const user = auth.getUserOrFail()
    const json = wantsJson(request)
    if (!(await hasConfirmedEmail(user))) {
      if (json) return response.forbidden({ error: i18n.t('suggestions.errors.unconfirmed') })
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('suggestions.errors.unconfirmed') })
      return response.redirect(`/suggestions/${suggestion.id}`)
    }
    const result = await supportLimiter().attempt(`suggestions:support:${ctx.tenant.slug}:${user.id}`, () => new SupportSuggestion().handle(suggestion.id, user))
    if (!result) {
      if (json) return response.tooManyRequests({ error: i18n.t('suggestions.errors.too_many_supports') })
      session.flash('errorsBag', { E_TOO_MANY: i18n.t('suggestions.errors.too_many_supports') })
      return response.redirect(`/suggestions/${suggestion.id}`)
    }
    if (json) return result
    session.flash('notice', i18n.t(result.sent ? 'suggestions.flash.supported_sent' : 'suggestions.flash.supported'))
    return response.redirect(`/suggestions/${suggestion.id}`)
  }

  async my(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const mine = await tenantDb().from('suggestions').where('author_id', user.id).select(LIST_COLUMNS.concat(['hidden_at'])).orderBy('id', 'desc').limit(200)
    const supportedRows = await tenantDb()
      .from('suggestion_supports as s')
      .join('suggestions as g', 'g.id', 's.suggestion_id')
      .where('s.user_id', user.id)
      .whereNull('g.hidden_at')
      .select(LIST_COLUMNS.map((column) => `g.${column}`))
      .orderBy('s.created_at', 'desc')
      .limit(200)
    return ctx.view.render('pages/suggestions/my', { mine, supported: supportedRows })
  }

  async stats(ctx: HttpContext) {
    return ctx.view.render('pages/suggestions/stats', { rows: await bodyStats() })
  }
}
