import type { HttpContext } from '@adonisjs/core/http'
import Priority from '#modules/priorities/models/priority'
import Municipality from '#modules/identity/models/municipality'
import KnownBody from '#modules/identity/models/known_body'
import PriorityPolicy from '#modules/priorities/policies/priority_policy'
import { SavePriority, hasBallots } from '#modules/priorities/actions/save_priority'
import { SealQuarter, latestSnapshot } from '#modules/priorities/actions/seal_quarter'
import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { actorFromContext, recordAudit } from '#core/audit'
import { municipalityPopulations, prioritySettings, saveSettings } from '#modules/priorities/services/settings'
import { currentQuarter, isQuarter } from '#modules/priorities/services/quarters'
import { refusal } from '#modules/priorities/services/refusal'
import { ADDRESS_BURST_VOTES, MINUTE_BURST_BALLOTS, burstReport, excludeBallot, excludeMinute } from '#modules/priorities/services/bursts'
import { priorityValidator, settingsValidator } from '#modules/priorities/validators/priority_validators'
import vine from '@vinejs/vine'

const excludeValidator = vine.create({
  quarter: vine.string().trim().maxLength(7),
  minute: vine.string().trim().maxLength(40),
  reason: vine.string().trim().minLength(5).maxLength(1000),
})

const excludeBallotValidator = vine.create({
  ballotId: vine.number().positive().withoutDecimals(),
  reason: vine.string().trim().minLength(5).maxLength(1000),
})

const correctionValidator = vine.create({ reason: vine.string().trim().minLength(10).maxLength(2000) })

/**
 * Portal admins: the list of priorities (draft, publish, archive), the
 * method's settings (votes per quarter, population weights) and corrections
 * of a sealed quarter (a new version with a public reason). No page here
 * shows a running count.
 */
export default class PrioritiesAdminController {
  async index({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(PriorityPolicy).authorize('manage')
    const priorities = await Priority.query().orderBy('id', 'desc')
    return view.render('pages/priorities/admin', { priorities, quarter: currentQuarter(), ...(await this.choices(i18n.locale)) })
  }

  /** The edit form of one priority; its level and municipality only while it has no ballot. */
  async edit({ bouncer, view, i18n, params, response }: HttpContext) {
    await bouncer.with(PriorityPolicy).authorize('manage')
    const priority = await Priority.find(Number(params.id))
    if (!priority) return response.notFound()
    return view.render('pages/priorities/edit', { priority, placeFrozen: await hasBallots(priority.id), ...(await this.choices(i18n.locale)) })
  }

  private async choices(locale: string) {
    const municipalities = await Municipality.query().orderBy('name_ru')
    const bodies = await KnownBody.query().orderBy('kind').orderBy('name_ru')
    const bodyNames = new Map(bodies.map((body) => [body.slug, body.name(locale)]))
    return {
      municipalityOptions: municipalities.map((m) => ({ value: m.code, label: m.name(locale) })),
      // the responsible body: a block or a municipality of the portal's directory (it gets the sealed ranks)
      bodyOptions: bodies.map((body) => ({ value: body.slug, label: body.name(locale) })),
      // a body's name rather than its slug (an older free-text entry as written)
      bodyName: (slug: string) => bodyNames.get(slug) ?? slug,
      names: new Map(municipalities.map((m) => [m.code, m.name(locale)])),
    }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const input = await ctx.request.validateUsing(priorityValidator)
    await this.checkMunicipality(ctx, input.municipalityCode)
    await this.checkBody(ctx, input.responsibleBody)
    const priority = await new SavePriority().handle(input, undefined, (key, data) => ctx.i18n.t(key, data))
    if (input.photo) await new SavePriority().attachPhoto(priority, input.photo)
    return this.back(ctx, 'priorities.flash.saved', priority)
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const input = await ctx.request.validateUsing(priorityValidator)
    await this.checkMunicipality(ctx, input.municipalityCode)
    await this.checkBody(ctx, input.responsibleBody)
    const before = await Priority.find(Number(ctx.params.id))
    if (!before) return ctx.response.notFound()
    const was = before.serialize()
    const previousPhoto = before.photoKey
    const priority = await new SavePriority().handle(input, before.id, (key, data) => ctx.i18n.t(key, data))
    if (input.photo) await new SavePriority().attachPhoto(priority, input.photo)
    else if (input.removePhoto) await new SavePriority().removePhoto(priority)
    const now = priority.serialize()
    const changed = Object.keys(now).filter((key) => !key.endsWith('At') && JSON.stringify(now[key]) !== JSON.stringify(was[key]))
    if (priority.photoKey !== previousPhoto) changed.push('photo')
    await recordAudit(actorFromContext(ctx), 'priorities.updated', { type: 'priority', id: String(priority.id) }, { changed, before: Object.fromEntries(changed.map((key) => [key, was[key]])) })
    return this.back(ctx, 'priorities.flash.saved', priority)
  }

  async publish(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const priority = await new SavePriority().setStatus(Number(ctx.params.id), 'published')
    return this.back(ctx, 'priorities.flash.published', priority)
  }

  async archive(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const priority = await new SavePriority().setStatus(Number(ctx.params.id), 'archived')
    return this.back(ctx, 'priorities.flash.archived', priority)
  }

  async reject(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const priority = await new SavePriority().setStatus(Number(ctx.params.id), 'rejected')
    return this.back(ctx, 'priorities.flash.rejected', priority)
  }

  async settings({ bouncer, view, i18n }: HttpContext) {
    await bouncer.with(PriorityPolicy).authorize('manage')
    const { populations } = await municipalityPopulations()
    const municipalities = await Municipality.query().orderBy('name_ru')
    return view.render('pages/priorities/settings', {
      settings: await prioritySettings(),
      rows: municipalities.map((m) => ({ code: m.code, name: m.name(i18n.locale), population: populations[m.code] })),
    })
  }

  async saveSettings(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const input = await ctx.request.validateUsing(settingsValidator)
    const { codes } = await municipalityPopulations()
    const populations = Object.fromEntries(Object.entries(input.populations ?? {}).filter(([code]) => codes.includes(code)))
    await saveSettings({ votesPerQuarter: input.votesPerQuarter, weighting: input.weighting }, populations)
    ctx.session.flash('notice', ctx.i18n.t('priorities.flash.settings_saved'))
    return ctx.response.redirect('/priorities/admin/settings')
  }

  /** Moderators: suspicious bursts of votes in a quarter (the current one by default). */
  async bursts({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PriorityPolicy).authorize('moderate')
    const asked = String(request.input('quarter', ''))
    const quarter = isQuarter(asked) ? asked : currentQuarter()
    return view.render('pages/priorities/bursts', { quarter, report: await burstReport(quarter), addressVotes: ADDRESS_BURST_VOTES, minuteBallots: MINUTE_BURST_BALLOTS })
  }

  /** Moderators: the ballots of one burst minute are moderated out (audited with the reason). */
  async exclude(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('moderate')
    const { quarter, minute, reason } = await ctx.request.validateUsing(excludeValidator)
    const moment = DateTime.fromISO(minute, { zone: REGION_ZONE })
    if (!isQuarter(quarter) || !moment.isValid) throw refusal('minute', 'invalid', ctx.i18n.t('priorities.errors.bad_minute'))
    const excluded = await excludeMinute(quarter, moment)
    await recordAudit(actorFromContext(ctx), 'priorities.ballots_moderated_out', { type: 'priority_quarter', id: quarter }, { minute, reason, excluded })
    const sealed = !!(await latestSnapshot(quarter))
    const message = ctx.i18n.t(sealed ? 'priorities.flash.excluded_sealed' : 'priorities.flash.excluded', { count: excluded })
    if (ctx.request.accepts(['html', 'json']) === 'json') return ctx.response.json({ excluded, sealed, message })
    ctx.session.flash('notice', message)
    return ctx.response.redirect(`/priorities/moderation?quarter=${quarter}`)
  }

  /**
   * Moderators: one ballot (by its id in the burst report) is moderated out
   * with a reason, audited; refused once its quarter is sealed (a sealed
   * result changes only by a correction).
   */
  async excludeBallot(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('moderate')
    const { ballotId, reason } = await ctx.request.validateUsing(excludeBallotValidator)
    const t = (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data)
    const ballot = await excludeBallot(ballotId, async (quarter) => !!(await latestSnapshot(quarter)), t)
    await recordAudit(actorFromContext(ctx), 'priorities.ballot_moderated_out', { type: 'priority_ballot', id: String(ballotId) }, { quarter: ballot.quarter, reason })
    const message = t('priorities.flash.ballot_excluded', { id: ballotId })
    if (ctx.request.accepts(['html', 'json']) === 'json') return ctx.response.json({ excluded: ballotId, quarter: ballot.quarter, message })
    ctx.session.flash('notice', message)
    return ctx.response.redirect(`/priorities/moderation?quarter=${ballot.quarter}`)
  }

  /** A correction of a sealed quarter: a new snapshot version, its reason published with it. */
  async correct(ctx: HttpContext) {
    await ctx.bouncer.with(PriorityPolicy).authorize('manage')
    const quarter = String(ctx.params.quarter)
    const { reason } = await ctx.request.validateUsing(correctionValidator)
    if (!isQuarter(quarter)) return ctx.response.notFound()
    const result = await new SealQuarter().handle(quarter, { reason })
    ctx.session.flash('notice', ctx.i18n.t('priorities.flash.corrected', { version: result.snapshot.version }))
    return ctx.response.redirect(`/priorities/results/${quarter}`)
  }

  private async checkMunicipality(ctx: HttpContext, code: string | undefined) {
    if (code && !(await Municipality.findBy('code', code))) throw refusal('municipalityCode', 'exists', ctx.i18n.t('priorities.errors.unknown_municipality'))
  }

  private async checkBody(ctx: HttpContext, slug: string | undefined) {
    if (slug && !(await KnownBody.find(slug))) throw refusal('responsibleBody', 'exists', ctx.i18n.t('priorities.errors.unknown_body'))
  }

  private back({ request, response, session, i18n }: HttpContext, key: string, priority: Priority) {
    if (request.accepts(['html', 'json']) === 'json') return response.json({ id: priority.id, status: priority.status })
    session.flash('notice', i18n.t(key))
    return response.redirect('/priorities/admin')
  }
}
