import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { errors as vineErrors } from '@vinejs/vine'
import env from '#start/env'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import Municipality from '#modules/identity/models/municipality'
import Problem, { PROBLEM_STATUSES } from '#modules/problems/models/problem'
import ProblemEvent from '#modules/problems/models/problem_event'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import ProblemTheme from '#modules/problems/models/problem_theme'
import ProblemPolicy from '#modules/problems/policies/problem_policy'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { RespondToAnswer } from '#modules/problems/actions/respond_to_answer'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import { publicNameOf } from '#modules/problems/services/routing'
import { MAX_PHOTOS, photoMaxMb } from '#modules/problems/services/photos'
import { keysetPage, nearbyOpenProblems, parseBbox, publicProblems } from '#modules/problems/services/public_queries'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import { firstPhotos } from '#modules/problems/services/thumbnails'
import {
  contestValidator,
  draftValidator,
  filtersValidator,
  nearbyValidator,
  reasonValidator,
  reportValidator,
} from '#modules/problems/validators/problem_validators'
import { clockDate } from '#core/clock'
import { wantsJson } from '#core/wants_json'

const PAGE_SIZE = 20
const MAP_LIMIT = 500

/** Endorsements a citizen may give per hour (each problem once anyway). */
const endorseLimiter = () => limiter.use({ requests: 30, duration: '1 hour' })

/** Reports a citizen may file per hour (PROBLEMS_REPORTS_PER_HOUR). */
const reportLimiter = () => limiter.use({ requests: env.get('PROBLEMS_REPORTS_PER_HOUR') ?? 10, duration: '1 hour' })

/**
 * The public side of citizens' control on the portal: the list and map
 * with filters, a problem's page with its timeline, reporting (with nearby
 * duplicates offered first), endorsing, flagging, and the author's verdict.
 */
export default class ProblemsController {
  async #catalogs() {
    return {
      themes: await ProblemTheme.query().where('is_active', true).orderBy('position'),
      municipalities: await Municipality.query().orderBy('name_ru'),
      statuses: PROBLEM_STATUSES,
    }
  }

  async #filters(ctx: HttpContext) {
    const [, filters] = await filtersValidator.tryValidate(ctx.request.qs())
    return { ...(filters ?? {}), bbox: parseBbox(filters?.bbox) }
  }

  async index(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('view')
    const filters = await this.#filters(ctx)
    const cursor = keysetCursor(ctx.request.qs())
    const rows = await keysetPage(publicProblems(filters), cursor).preload('theme').preload('municipality').limit(KeysetPaginator.limitFor(PAGE_SIZE))
    const problems = new KeysetPaginator(rows, PAGE_SIZE, cursor).baseUrl('/problems').queryString(ctx.request.qs())
    const thumbs = await firstPhotos(problems.all().map((problem) => problem.id))
    return ctx.view.render('pages/problems/index', { problems, thumbs, filters, ...(await this.#catalogs()) })
  }

  async map(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('view')
    return ctx.view.render('pages/problems/map', { filters: await this.#filters(ctx), tiles: tileSettings(), ...(await this.#catalogs()) })
  }

  /** Markers for the map's viewport: public fields only, at most 500. */
  async mapData(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('view')
    const rows = await publicProblems(await this.#filters(ctx)).preload('theme').preload('municipality').limit(MAP_LIMIT)
    const locale = ctx.i18n.locale
    return {
      data: rows.map((problem) => ({
        id: problem.id,
        lat: problem.lat,
        lng: problem.lng,
        theme: problem.theme.name(locale),
        status: problem.status,
        statusLabel: ctx.i18n.t(`problems.statuses.${problem.status}`),
        overdue: problem.isOverdue,
        address: problem.hasTypedAddress ? problem.address : ctx.i18n.t('problems.list.near', { centre: problem.municipality.adminCenter(locale) }),
      })),
      truncated: rows.length === MAP_LIMIT,
    }
  }

  async create(ctx: HttpContext) {
    const { bouncer, view, auth } = ctx
    await bouncer.with(ProblemPolicy).authorize('report')
    const user = auth.getUserOrFail()
    const draft = await tenantDb().from('problem_drafts').where('user_id', user.id).first()
    return view.render('pages/problems/create', {
      ...(await this.#catalogs()),
      draft: draft?.data ?? {},
      confirmed: await hasConfirmedEmail(user),
      tiles: tileSettings(),
      maxPhotos: MAX_PHOTOS,
      maxMb: photoMaxMb(),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, bouncer, auth, session, i18n, view } = ctx
    await bouncer.with(ProblemPolicy).authorize('report')
    const user = auth.getUserOrFail()
    if (!(await hasConfirmedEmail(user))) {
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('problems.report.unconfirmed') })
      return response.redirect('/problems/new')
    }
    let data
    try {
      data = await request.validateUsing(reportValidator)
    } catch (error) {
      // what was typed stays: flashed for the next page, and kept as the citizen's draft
      if (error instanceof vineErrors.E_VALIDATION_ERROR) await saveDraft(user.id, request.all())
      throw error
    }
    const problem = await reportLimiter().attempt(`problems:report:${ctx.tenant.slug}:${user.id}`, () => new ReportProblem().handle(data, user))
    if (!problem) {
      await saveDraft(user.id, request.all())
      response.status(429)
      return view.render('pages/problems/create', {
        ...(await this.#catalogs()),
        draft: (await tenantDb().from('problem_drafts').where('user_id', user.id).first())?.data ?? {},
        confirmed: true,
        tiles: tileSettings(),
        maxPhotos: MAX_PHOTOS,
        maxMb: photoMaxMb(),
        limitError: i18n.t('problems.report.too_many'),
      })
    }
    session.flash('notice', i18n.t('problems.flash.reported', { id: problem.id }))
    return response.redirect(`/problems/${problem.id}`)
  }

  /** Keeps what the citizen typed so far (the form's "save draft" button). */
  async saveDraft({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('report')
    await saveDraft(auth.getUserOrFail().id, request.all())
    session.flash('notice', i18n.t('problems.flash.draft_saved'))
    return response.redirect('/problems/new')
  }

  /** Open problems of the same theme within 150 m: offered before a new report. */
  async nearby(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('view')
    const [error, input] = await nearbyValidator.tryValidate(ctx.request.qs())
    if (error) return ctx.response.unprocessableEntity({ errors: error.messages })
    const rows = await nearbyOpenProblems(input.themeId, input.lat, input.lng)
    const ids = rows.map((row: { id: number }) => row.id)
    const models = new Map((ids.length ? await Problem.query().whereIn('id', ids).preload('theme').preload('municipality') : []).map((problem) => [problem.id, problem]))
    const photos = await firstPhotos(ids)
    const user = ctx.auth.user
    const endorsed = new Set<number>(
      user && ids.length ? (await tenantDb().from('problem_endorsements').where('user_id', user.id).whereIn('problem_id', ids)).map((row) => row.problem_id) : []
    )
    const locale = ctx.i18n.locale
    return {
      // what a citizen needs to recognise their problem: title, photo, distance, status; and whether one click endorses it
      data: rows.map((row: any) => {
        const problem = models.get(row.id)!
        const place = problem.hasTypedAddress ? problem.address : ctx.i18n.t('problems.list.near', { centre: problem.municipality.adminCenter(locale) })
        const photoId = photos.get(row.id)
        return {
          ...row,
          title: `${problem.theme.name(locale)}: ${place}`,
          place,
          photoUrl: photoId ? `/problems/${row.id}/photos/${photoId}` : null,
          statusLabel: ctx.i18n.t(`problems.statuses.${row.status}`),
          endorsed: endorsed.has(row.id),
          canEndorse: !!user && user.isActive && problem.authorId !== user.id && !endorsed.has(row.id),
        }
      }),
    }
  }

  async show(ctx: HttpContext) {
    const { params, bouncer, view, auth } = ctx
    const problem = await this.#visible(ctx, params.id)
    await problem.load('theme')
    await problem.load('municipality')
    const user = auth.user
    const moderator = !!user && (await bouncer.with(ProblemPolicy).allows('moderate'))
    const events = await ProblemEvent.query()
      .where('problem_id', problem.id)
      .if(!moderator, (query) => query.where('is_public', true))
      .orderBy('id')
    const photos = await ProblemPhoto.query().where('problem_id', problem.id).orderBy('id')
    const endorsed = user ? !!(await tenantDb().from('problem_endorsements').where({ problem_id: problem.id, user_id: user.id }).first()) : false
    return view.render('pages/problems/show', {
      problem,
      events,
      reportPhotos: photos.filter((photo) => photo.source === 'report'),
      answerPhotos: photos.filter((photo) => photo.source === 'answer'),
      authorName: await publicNameOf(tenantDb(), problem.authorId),
      endorsed,
      isAuthor: user?.id === problem.authorId,
      canModerate: moderator,
      canRoute: !!user && (await bouncer.with(ProblemPolicy).allows('route')),
    })
  }

  async photo(ctx: HttpContext) {
    const problem = await this.#visible(ctx, ctx.params.id)
    const photo = await ProblemPhoto.query().where('problem_id', problem.id).where('id', ctx.params.photoId).firstOrFail()
    ctx.response.header('content-type', photo.mimeType)
    // a hidden problem's photo is seen by moderators only: never kept by a shared cache
    ctx.response.header('cache-control', problem.hiddenAt ? 'private, no-store' : 'public, max-age=86400')
    return ctx.response.stream(await drive.use().getStream(photo.storageKey))
  }

  /**
   * "Me too": one endorsement per citizen and problem, rate-limited per
   * citizen. A JSON request (the report form's one-click button) gets the
   * new count; a form post is redirected back to the problem.
   */
  async endorse(ctx: HttpContext) {
    const { params, bouncer, auth, request, response, session, i18n } = ctx
    const json = wantsJson(request)
    const problem = await this.#visible(ctx, params.id)
    await bouncer.with(ProblemPolicy).authorize('endorse', problem)
    const user = auth.getUserOrFail()
    if (!(await hasConfirmedEmail(user))) {
      if (json) return response.forbidden({ error: i18n.t('problems.report.unconfirmed') })
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('problems.report.unconfirmed') })
      return response.redirect(`/problems/${problem.id}`)
    }
    const allowed = await endorseLimiter().consume(`problems:endorse:${ctx.tenant.slug}:${user.id}`).then(
      () => true,
      (error) => {
        if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) return false
        throw error
      }
    )
    if (!allowed) {
      if (json) return response.tooManyRequests({ error: i18n.t('problems.flash.endorse_limit') })
      session.flash('errorsBag', { E_TOO_MANY_REQUESTS: i18n.t('problems.flash.endorse_limit') })
      return response.redirect(`/problems/${problem.id}`)
    }
    await tenantDb().transaction(async (trx) => {
      const inserted = await trx
        .insertQuery()
        .table('problem_endorsements')
        .insert({ problem_id: problem.id, user_id: user.id, created_at: clockDate() })
        .onConflict(['problem_id', 'user_id'])
        .ignore()
        .returning('problem_id')
      if (inserted.length) await trx.from('problems').where('id', problem.id).increment('endorsements_count', 1)
    })
    if (json) {
      const fresh = await Problem.findOrFail(problem.id)
      return { endorsed: true, endorsementsCount: fresh.endorsementsCount, message: i18n.t('problems.flash.endorsed') }
    }
    session.flash('notice', i18n.t('problems.flash.endorsed'))
    return response.redirect(`/problems/${problem.id}`)
  }

  async flag(ctx: HttpContext) {
    const { params, bouncer, auth, request, response, session, i18n } = ctx
    const problem = await this.#visible(ctx, params.id)
    await bouncer.with(ProblemPolicy).authorize('flag', problem)
    const { reason } = await request.validateUsing(reasonValidator)
    await tenantDb().transaction(async (trx) => {
      const inserted = await trx
        .insertQuery()
        .table('problem_flags')
        .insert({ problem_id: problem.id, user_id: auth.getUserOrFail().id, reason, created_at: clockDate() })
        .onConflict(['problem_id', 'user_id'])
        .ignore()
        .returning('id')
      if (inserted.length) await trx.from('problems').where('id', problem.id).increment('open_flags_count', 1)
    })
    session.flash('notice', i18n.t('problems.flash.flagged'))
    return response.redirect(`/problems/${problem.id}`)
  }

  async confirm(ctx: HttpContext) {
    const problem = await this.#visible(ctx, ctx.params.id)
    await ctx.bouncer.with(ProblemPolicy).authorize('respond', problem)
    await new RespondToAnswer().handle(problem.id, ctx.auth.getUserOrFail(), 'confirm')
    ctx.session.flash('notice', ctx.i18n.t('problems.flash.confirmed'))
    return ctx.response.redirect(`/problems/${problem.id}`)
  }

  async contest(ctx: HttpContext) {
    const problem = await this.#visible(ctx, ctx.params.id)
    await ctx.bouncer.with(ProblemPolicy).authorize('respond', problem)
    const { reason } = await ctx.request.validateUsing(contestValidator)
    await new RespondToAnswer().handle(problem.id, ctx.auth.getUserOrFail(), 'contest', reason)
    ctx.session.flash('notice', ctx.i18n.t('problems.flash.contested'))
    return ctx.response.redirect(`/problems/${problem.id}`)
  }

  /** A problem the visitor may see; hidden ones are 404 to everyone but moderators. */
  async #visible(ctx: HttpContext, id: number) {
    const problem = await Problem.findOrFail(id)
    if (!(await ctx.bouncer.with(ProblemPolicy).allows('view', problem))) throw new errors.E_NOT_FOUND('Not found')
    return problem
  }
}

async function saveDraft(userId: number, input: Record<string, unknown>) {
  const [, draft] = await draftValidator.tryValidate(input)
  if (!draft) return
  await tenantDb()
    .insertQuery()
    .table('problem_drafts')
    .insert({ user_id: userId, data: JSON.stringify(draft), updated_at: clockDate() })
    .onConflict('user_id')
    .merge()
}

/** The map's tile server; without one the map degrades to the coordinates inputs. */
export function tileSettings() {
  return {
    url: env.get('PROBLEMS_TILE_URL') ?? '',
    attribution: env.get('PROBLEMS_TILE_ATTRIBUTION') ?? '',
  }
}
