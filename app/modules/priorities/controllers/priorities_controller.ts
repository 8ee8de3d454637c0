import type { HttpContext } from '@adonisjs/core/http'
import ExcelJS from 'exceljs'
import limiter from '@adonisjs/limiter/services/main'
import { stringify } from 'csv-stringify/sync'
import { XMLBuilder } from 'fast-xml-parser'
import { Readable } from 'node:stream'
import Priority from '#modules/priorities/models/priority'
import Municipality from '#modules/identity/models/municipality'
import KnownBody from '#modules/identity/models/known_body'
import { tenantDb } from '#tenancy/tenant_model'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import PriorityPolicy from '#modules/priorities/policies/priority_policy'
import { SavePriority } from '#modules/priorities/actions/save_priority'
import { CastVote, WithdrawVote, myVotes } from '#modules/priorities/actions/cast_vote'
import { currentQuarter, isQuarter } from '#modules/priorities/services/quarters'
import { residenceIn, chooseResidence } from '#modules/priorities/services/residence'
import { prioritySettings } from '#modules/priorities/services/settings'
import { scopedBallotFile } from '#modules/priorities/services/ballot_file'
import { latestSnapshot } from '#modules/priorities/actions/seal_quarter'
import { rankHistory, resultLines, scopeOptions, sealedQuarters, snapshotVersions } from '#modules/priorities/services/results'
import { REGION_SCOPE, TIE_RULE } from '#modules/priorities/services/method'
import { refusal } from '#modules/priorities/services/refusal'
import { residenceValidator, suggestionValidator, voteValidator } from '#modules/priorities/validators/priority_validators'
import { wantsJson } from '#core/wants_json'
import env from '#start/env'
import drive from '@adonisjs/drive/services/main'

/** Votes and withdrawals per person and minute (a person votes K times a quarter; scripts vote faster). */
const voteLimiter = () => limiter.use({ requests: 20, duration: '1 minute' })

const EXPORT_COLUMNS = ['quarter', 'version', 'scope', 'rank', 'previous_rank', 'delta', 'priority_id', 'title', 'level', 'votes', 'score'] as const

/** The rank history of the scope's current top eight, as the ratings' trend chart draws it (place 1 on top). */
function trendOf(history: { quarter: string; priorityId: number; rank: number }[], lines: { priorityId: number; title: string; rank: number }[]) {
  const labels = [...new Set(history.map((point) => point.quarter))].sort()
  const top = lines.filter((line) => line.rank <= 8)
  return {
    kind: 'line',
    reverse: true,
    labels,
    series: top.map((line) => ({
      label: line.title,
      values: labels.map((quarter) => history.find((point) => point.quarter === quarter && point.priorityId === line.priorityId)?.rank ?? null),
    })),
  }
}

/**
 * The citizens' side of priority ranks: the open priorities of the region
 * and of each municipality, voting and withdrawing, my votes, the sealed
 * results with Δrank and history, their exports and the ballot file.
 */
export default class PrioritiesController {
  /** Regional priorities and, for a signed-in resident, their municipality's. */
  async index(ctx: HttpContext) {
    const { auth } = ctx
    // the chooser of a municipality is a plain GET form (no script: the CSP forbids inline handlers)
    const chosen = String(ctx.request.qs().code ?? '')
    if (chosen && (await Municipality.findBy('code', chosen))) return ctx.response.redirect(`/priorities/municipalities/${encodeURIComponent(chosen)}`)
    await auth.check()
    const quarter = currentQuarter()
    const profile = auth.user ? await CitizenProfile.find(auth.user.id) : null
    const residence = residenceIn(profile, quarter)
    return this.renderList(ctx, quarter, residence)
  }

  /** A priority's photo, for its card: only of a priority that is (or was) open to votes. */
  async photo({ params, response }: HttpContext) {
    const priority = await Priority.query().where('id', Number(params.id)).whereIn('status', ['published', 'archived']).whereNotNull('photo_key').first()
    if (!priority) return response.notFound()
    response.header('content-type', priority.photoMime!)
    response.header('x-content-type-options', 'nosniff')
    response.header('cache-control', 'public, max-age=86400')
    return response.send(Buffer.from(await drive.use().getBytes(priority.photoKey!)))
  }

  async municipality(ctx: HttpContext) {
    await ctx.auth.check()
    const municipality = await Municipality.findBy('code', String(ctx.params.code))
    if (!municipality) return ctx.response.notFound()
    return this.renderList(ctx, currentQuarter(), municipality.code, municipality)
  }

  private async renderList({ auth, view, i18n }: HttpContext, quarter: string, municipalityCode: string | null, shown?: Municipality) {
    const priorities = await Priority.query()
      .withScopes((scopes) => scopes.openIn(quarter))
      .where((query) => {
        query.where('level', 'regional')
        if (municipalityCode) query.orWhere((local) => local.where('level', 'municipal').where('municipality_code', municipalityCode))
      })
      .orderBy('level', 'desc')
      .orderBy('id')
    const user = auth.user
    const profile = user ? await CitizenProfile.find(user.id) : null
    const residence = residenceIn(profile, quarter)
    const voted = user ? await myVotes(user, quarter) : new Set<number>()
    const { votesPerQuarter } = await prioritySettings()
    const municipality = shown ?? (municipalityCode ? await Municipality.findBy('code', municipalityCode) : null)
    const orders = priorities.length ? await tenantDb().from('priority_orders').whereIn('priority_id', priorities.map((priority) => priority.id)).orderBy('issued_at') : []
    const slugs = [...orders.map((row) => row.body as string), ...priorities.map((priority) => priority.responsibleBody ?? '')]
    const bodies = new Map((await KnownBody.query().whereIn('slug', [...new Set(slugs)])).map((body) => [body.slug, body]))
    return view.render('pages/priorities/index', {
      quarter,
      priorities,
      municipality,
      residence,
      residenceMunicipality: residence ? await Municipality.findBy('code', residence) : null,
      voted,
      allowance: votesPerQuarter,
      remaining: votesPerQuarter - voted.size,
      municipalities: await scopeOptions(i18n.locale, i18n.t('priorities.scope.region')),
      // a body from the directory by its name; an older free-text entry as written
      responsibleOf: (priority: Priority) => (priority.responsibleBody ? (bodies.get(priority.responsibleBody)?.name(i18n.locale) ?? priority.responsibleBody) : null),
      ordersOf: (id: number) =>
        orders
          .filter((row) => row.priority_id === id)
          .map((row) => ({ number: row.order_number, quarter: row.quarter, body: bodies.get(row.body)?.[i18n.locale === 'en' ? 'nameEn' : 'nameRu'] ?? row.body })),
    })
  }

  async vote(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('vote')
    const input = await ctx.request.validateUsing(voteValidator)
    const user = ctx.auth.getUserOrFail()
    const done = await voteLimiter().attempt(`priorities:vote:${ctx.tenant.slug}:${user.id}`, async () => {
      await new CastVote().handle(user, input, (key, data) => ctx.i18n.t(key, data), ctx.request.ip())
      return true
    })
    if (!done) {
      ctx.response.status(429)
      return wantsJson(ctx.request) ? { message: ctx.i18n.t('priorities.flash.too_fast') } : ctx.i18n.t('priorities.flash.too_fast')
    }
    return this.done(ctx, 'priorities.flash.voted')
  }

  async withdraw(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('vote')
    const input = await ctx.request.validateUsing(voteValidator)
    await new WithdrawVote().handle(ctx.auth.getUserOrFail(), input, (key, data) => ctx.i18n.t(key, data))
    return this.done(ctx, 'priorities.flash.withdrawn')
  }

  async suggestForm({ view, i18n }: HttpContext) {
    const municipalities = await Municipality.query().orderBy('name_ru')
    return view.render('pages/priorities/suggest', { municipalityOptions: municipalities.map((m) => ({ value: m.code, label: m.name(i18n.locale) })) })
  }

  /** A citizen's suggestion of a new priority, for the admins to publish or reject. */
  async suggest(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('vote')
    const input = await ctx.request.validateUsing(suggestionValidator)
    if (input.municipalityCode && !(await Municipality.findBy('code', input.municipalityCode))) {
      throw refusal('municipalityCode', 'exists', ctx.i18n.t('priorities.errors.unknown_municipality'))
    }
    const t = (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data)
    const priority = await new SavePriority().suggest(input, ctx.auth.getUserOrFail().id, currentQuarter(), t)
    if (wantsJson(ctx.request)) return ctx.response.json({ id: priority.id, status: priority.status })
    ctx.session.flash('notice', ctx.i18n.t('priorities.flash.suggested'))
    return ctx.response.redirect('/priorities')
  }

  async residence(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('vote')
    const { residenceMunicipalityCode } = await ctx.request.validateUsing(residenceValidator)
    if (!(await Municipality.findBy('code', residenceMunicipalityCode))) {
      throw refusal('residenceMunicipalityCode', 'exists', ctx.i18n.t('priorities.errors.unknown_municipality'))
    }
    const profile = await chooseResidence(ctx.auth.getUserOrFail(), residenceMunicipalityCode)
    return this.done(ctx, profile.pendingResidenceQuarter ? 'priorities.flash.residence_pending' : 'priorities.flash.residence_saved', { quarter: profile.pendingResidenceQuarter })
  }

  private done({ request, response, session, i18n }: HttpContext, key: string, data?: Record<string, unknown>) {
    if (wantsJson(request)) return response.json({ message: i18n.t(key, data) })
    session.flash('notice', i18n.t(key, data))
    return response.redirect().back()
  }

  async my({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const quarter = currentQuarter()
    const voted = await myVotes(user, quarter)
    const priorities = voted.size ? await Priority.query().whereIn('id', [...voted]).orderBy('id') : []
    const profile = await CitizenProfile.find(user.id)
    const { votesPerQuarter } = await prioritySettings()
    return view.render('pages/priorities/my', { quarter, priorities, profile, residence: residenceIn(profile, quarter), allowance: votesPerQuarter })
  }

  /** The latest sealed quarter (or a page saying none is sealed yet: running counts are shown to nobody). */
  async results(ctx: HttpContext) {
    const [latest] = await sealedQuarters()
    if (latest) return ctx.response.redirect(`/priorities/results/${latest}`)
    return ctx.view.render('pages/priorities/results', { quarter: null, quarters: [], lines: [], snapshot: null, versions: [], history: [], scope: REGION_SCOPE, scopes: [] })
  }

  async quarter({ params, request, view, response, i18n }: HttpContext) {
    const quarter = String(params.quarter)
    if (!isQuarter(quarter)) return response.notFound()
    const scope = String(request.input('scope', REGION_SCOPE))
    const scopes = await scopeOptions(i18n.locale, i18n.t('priorities.scope.region'))
    // an unknown scope is no page (rather than an empty table that looks like no votes)
    if (!scopes.some((option) => option.value === scope)) return response.notFound()
    const result = await resultLines(quarter, scope)
    if (!result) return response.notFound()
    return view.render('pages/priorities/results', {
      quarter,
      scope,
      scopes,
      quarters: await sealedQuarters(),
      snapshot: result.snapshot,
      lines: result.lines,
      versions: await snapshotVersions(quarter),
      history: await rankHistory(scope),
      trend: trendOf(await rankHistory(scope), result.lines),
    })
  }

  /** The sealed results of a quarter, every scope, as CSV, XLSX, JSON or XML. */
  async export({ params, request, response }: HttpContext) {
    const quarter = String(params.quarter)
    const format = request.url().split('.').pop() ?? ''
    const result = isQuarter(quarter) ? await resultLines(quarter) : null
    if (!result || !['csv', 'xlsx', 'json', 'xml'].includes(format)) return response.notFound()
    const rows = result.lines.map((line) => [line.quarter, line.version, line.scope, line.rank, line.previousRank, line.delta, line.priorityId, line.title, line.level, line.votes, line.score])
    const name = `priority-ranks-${quarter}.${format}`
    response.header('content-disposition', `attachment; filename="${name}"`)
    if (format === 'csv') {
      response.header('content-type', 'text/csv; charset=utf-8')
      return stringify([[...EXPORT_COLUMNS], ...rows])
    }
    if (format === 'json') {
      response.header('content-type', 'application/json; charset=utf-8')
      return JSON.stringify({
        quarter,
        version: result.snapshot.version,
        method: result.snapshot.method,
        ballotFileSha256: result.snapshot.ballot_file_sha256,
        reason: result.snapshot.reason,
        ranks: result.lines.map((line) => ({ scope: line.scope, rank: line.rank, previousRank: line.previousRank, delta: line.delta, priorityId: line.priorityId, title: line.title, level: line.level, votes: line.votes, score: line.score })),
      })
    }
    if (format === 'xml') {
      response.header('content-type', 'application/xml; charset=utf-8')
      const builder = new XMLBuilder({ ignoreAttributes: false, format: true })
      return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        builder.build({
          priorityRanks: {
            '@_quarter': quarter,
            '@_version': result.snapshot.version,
            '@_ballotFileSha256': result.snapshot.ballot_file_sha256,
            rank: result.lines.map((line) => ({ '@_scope': line.scope, '@_rank': line.rank, '@_previousRank': line.previousRank ?? '', '@_priorityId': line.priorityId, '@_votes': line.votes, '@_score': line.score, '#text': line.title })),
          },
        })
      )
    }
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet(quarter)
    sheet.addRow([...EXPORT_COLUMNS])
    for (const row of rows) sheet.addRow(row)
    response.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    return Buffer.from(await workbook.xlsx.writeBuffer())
  }

  /** The canonical ballot file of a sealed quarter, streamed (its SHA-256 is in the snapshot). */
  async ballots({ params, response }: HttpContext) {
    const quarter = String(params.quarter)
    if (!isQuarter(quarter) || !(await latestSnapshot(quarter))) return response.notFound()
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="priority-ballots-${quarter}.csv"`)
    response.stream(Readable.from(scopedBallotFile(quarter)))
  }

  /** The map of the 44 municipalities: each one's leading priority and the share of its residents' votes it took. */
  async map({ params, view, response, i18n }: HttpContext) {
    const quarter = String(params.quarter)
    const result = isQuarter(quarter) ? await resultLines(quarter) : null
    if (!result) return response.notFound()
    const municipalities = await Municipality.query().orderBy('name_ru')
    const points = municipalities.map((municipality) => {
      const lines = result.lines.filter((line) => line.scope === municipality.code)
      const total = lines.reduce((sum, line) => sum + line.votes, 0)
      const leader = lines.find((line) => line.rank === 1 && line.votes > 0) ?? null
      return {
        code: municipality.code,
        name: municipality.name(i18n.locale),
        lat: municipality.lat,
        lon: municipality.lon,
        leaderId: leader?.priorityId ?? null,
        leader: leader?.title ?? '',
        votes: total,
        share: leader && total ? Math.round((leader.votes / total) * 1000) / 1000 : 0,
        href: `/priorities/results/${quarter}?scope=${municipality.code}`,
      }
    })
    return view.render('pages/priorities/map', {
      quarter,
      points,
      tiles: { url: env.get('PROBLEMS_TILE_URL') ?? '', attribution: env.get('PROBLEMS_TILE_ATTRIBUTION') ?? '' },
    })
  }

  /** How to recompute the ranks from the ballot file, with a spreadsheet or `priorities:verify`. */
  async method({ view }: HttpContext) {
    const [latest] = await sealedQuarters()
    return view.render('pages/priorities/method', { latest, tieRule: TIE_RULE })
  }
}
