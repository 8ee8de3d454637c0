import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { actorFromContext, recordAudit } from '#core/audit'
import Department from '#modules/identity/models/department'
import Programme, { PROGRAMME_KINDS } from '#modules/programmes/models/programme'
import ProgrammeEvent from '#modules/programmes/models/programme_event'
import ProgrammeIndicator from '#modules/programmes/models/programme_indicator'
import ProgrammePolicy from '#modules/programmes/policies/programme_policy'
import { programmeOverview } from '#modules/programmes/services/programme_overview'
import { SpawnOrderFromEvent } from '#modules/programmes/actions/spawn_order'
import { eventProgressValidator, eventValidator, programmeValidator } from '#modules/programmes/validators/programme_validators'

/**
 * Programmes and roadmaps: list with progress, the card with events and
 * indicators, and the actions that keep them current.
 */
export default class ProgrammesController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(ProgrammePolicy).authorize('view')
    const { programmes, lagging } = await programmeOverview()
    return view.render('pages/programmes/index', {
      programmes,
      lagging,
      kinds: PROGRAMME_KINDS,
      departments: await Department.query().where('is_active', true).orderBy('name_ru'),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with(ProgrammePolicy).authorize('manage')
    const data = await request.validateUsing(programmeValidator)
    const programme = await Programme.create({
      ...data,
      startsOn: data.startsOn ? DateTime.fromJSDate(data.startsOn) : null,
      endsOn: data.endsOn ? DateTime.fromJSDate(data.endsOn) : null,
      createdBy: auth.getUserOrFail().id,
    })
    await recordAudit(actorFromContext(ctx), 'programme.created', { type: 'programme', id: programme.id })
    session.flash('notice', i18n.t('programmes.flash.created'))
    return response.redirect(`/programmes/${programme.id}`)
  }

  async show({ params, view, bouncer }: HttpContext) {
    await bouncer.with(ProgrammePolicy).authorize('view')
    const programme = await Programme.query()
      .where('id', params.id)
      .preload('department')
      .preload('events', (events) => events.preload('department').preload('indicators').preload('order').orderBy('planned_end'))
      .firstOrFail()
    const done = programme.events.filter((event) => event.completedOn).length
    return view.render('pages/programmes/show', {
      programme,
      percent: programme.events.length ? Math.round((done / programme.events.length) * 100) : 0,
      done,
      today: DateTime.now(),
      departments: await Department.query().where('is_active', true).orderBy('name_ru'),
    })
  }

  async addEvent({ params, request, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ProgrammePolicy).authorize('manage')
    const programme = await Programme.findOrFail(params.id)
    const data = await request.validateUsing(eventValidator)
    await tenantDb().transaction(async (trx) => {
      const event = await ProgrammeEvent.create(
        {
          programmeId: programme.id,
          title: data.title,
          departmentId: data.departmentId ?? null,
          plannedStart: data.plannedStart ? DateTime.fromJSDate(data.plannedStart) : null,
          plannedEnd: DateTime.fromJSDate(data.plannedEnd),
        },
        { client: trx }
      )
      if (data.indicatorName && data.indicatorPlanned !== undefined) {
        await ProgrammeIndicator.create(
          { eventId: event.id, name: data.indicatorName, unit: data.indicatorUnit ?? null, plannedValue: data.indicatorPlanned },
          { client: trx }
        )
      }
    })
    session.flash('notice', i18n.t('programmes.flash.event_added'))
    return response.redirect(`/programmes/${programme.id}`)
  }

  async updateEvent({ params, request, response, bouncer, session, i18n }: HttpContext) {
    const event = await ProgrammeEvent.query().where('id', params.eventId).where('programme_id', params.id).firstOrFail()
    await bouncer.with(ProgrammePolicy).authorize('report', event)
    const data = await request.validateUsing(eventProgressValidator)
    await tenantDb().transaction(async (trx) => {
      if (data.completedOn) {
        event.completedOn = DateTime.fromJSDate(data.completedOn)
        await event.useTransaction(trx).save()
      }
      for (const entry of data.indicators ?? []) {
        await ProgrammeIndicator.query({ client: trx })
          .where('id', entry.id)
          .where('event_id', event.id)
          .update({ actualValue: entry.actualValue ?? null })
      }
    })
    session.flash('notice', i18n.t('programmes.flash.event_updated'))
    return response.redirect(`/programmes/${params.id}`)
  }

  async spawnOrder({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ProgrammePolicy).authorize('spawnOrder')
    const event = await ProgrammeEvent.query().where('id', params.eventId).where('programme_id', params.id).firstOrFail()
    const order = await new SpawnOrderFromEvent().handle(event, auth.getUserOrFail())
    session.flash('notice', i18n.t('programmes.flash.order_created', { number: order.number }))
    return response.redirect(`/orders/${order.id}`)
  }
}
