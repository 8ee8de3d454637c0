import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { SimplePaginator } from '#core/simple_paginator'
import { actorFromContext } from '#core/audit'
import Department from '#modules/identity/models/department'
import User from '#modules/identity/models/user'
import type LawsuitCase from '#modules/lawsuits/models/lawsuit_case'
import LawsuitPolicy from '#modules/lawsuits/policies/lawsuit_policy'
import { findVisibleCase } from '#modules/lawsuits/builders/visible_cases'
import { listCases, type CaseFilters } from '#modules/lawsuits/builders/case_list'
import { SaveCase, caseNumberTaken } from '#modules/lawsuits/actions/save_case'
import { caseChain } from '#modules/lawsuits/actions/file_appeal'
import { cachedLawsuitsDashboard } from '#modules/lawsuits/services/dashboard_cache'
import { upcomingHearings } from '#modules/lawsuits/services/upcoming_hearings'
import { formatRubles, writeCasesPdf, writeCasesXlsx } from '#modules/lawsuits/exports/cases_export'
import { caseFiltersValidator, caseValidator, upcomingValidator } from '#modules/lawsuits/validators/lawsuit_validators'
import { lawsuitMessages } from '#modules/lawsuits/validators/messages'
import { ACT_KINDS, CATEGORIES, INSTANCES, OUTCOMES, PARTY_ROLES, nextInstance } from '#modules/lawsuits/catalog'
import type { I18n } from '@adonisjs/i18n'
import { clockDate } from '#core/clock'
import { formatDate } from '#core/dates'

const PAGE_SIZE = 50
const EXPORT_BATCH = 500
/** A page of hearings people can read; a longer period is narrowed, not scrolled. */
const HEARINGS_SHOWN = 200

/** YYYY-MM-DD as people read a date (app/core/dates.ts), in the reader's language. */
function dayFormatter(locale: string) {
  return (day: string) => formatDate(day, locale)
}

/** The vocabularies and people every case form offers. */
export async function formOptions(i18n: I18n) {
  const [departments, lawyers] = await Promise.all([
    Department.query().where('is_active', true).orderBy('name_ru'),
    User.query().where('status', 'active').whereIn('role', ['lawyer', 'head', 'department_head', 'executor']).orderBy('full_name'),
  ])
  return {
    instances: INSTANCES, categories: CATEGORIES, partyRoles: PARTY_ROLES, outcomes: OUTCOMES, actKinds: ACT_KINDS,
    departments, lawyers,
    money: (value: number | null) => formatRubles(value, i18n.locale),
  }
}

async function* batchesOf(user: User, filters: CaseFilters): AsyncIterable<LawsuitCase[]> {
  let lastId = 0
  for (;;) {
    const batch = await listCases(user, filters)
      .clearOrder()
      .where('lawsuit_cases.id', '>', lastId)
      .orderBy('lawsuit_cases.id')
      .limit(EXPORT_BATCH)
      .preload('lawyer')
      .preload('department')
    if (!batch.length) return
    lastId = batch[batch.length - 1].id
    yield batch
  }
}

/**
 * Court cases: the list, the card, the form, the monitoring dashboard,
 * upcoming hearings and exports.
 */
export default class LawsuitsController {
  async index({ request, view, auth, bouncer, i18n }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('viewList')
    const filters = await caseFiltersValidator.validate(request.qs())
    const page = filters.page ?? 1
    const rows = await listCases(auth.getUserOrFail(), filters)
      .offset((page - 1) * PAGE_SIZE)
      .limit(SimplePaginator.limitFor(PAGE_SIZE))
    const cases = new SimplePaginator(rows, page, PAGE_SIZE)
    const query = Object.fromEntries(Object.entries(request.qs()).filter(([key, value]) => key !== 'page' && value !== ''))
    cases.baseUrl('/lawsuits').queryString(query as Record<string, string>)
    return view.render('pages/lawsuits/index', { cases, filters, ...(await formOptions(i18n)) })
  }

  async create({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('manage')
    return view.render('pages/lawsuits/form', { lawsuit: null, parties: [], ...(await formOptions(i18n)) })
  }

  async store(ctx: HttpContext) {
    const { request, response, bouncer, session, i18n } = ctx
    await bouncer.with(LawsuitPolicy).authorize('manage')
    const data = await request.validateUsing(caseValidator, { messagesProvider: lawsuitMessages(i18n) })
    if (await caseNumberTaken(data.court, data.number)) {
      session.flashAll()
      session.flash('inputErrorsBag', { number: [i18n.t('lawsuits.validator.number_taken')] })
      return response.redirect().back()
    }
    const lawsuit = await tenantDb().transaction((trx) => new SaveCase().handle(trx, data, actorFromContext(ctx)))
    session.flash('notice', i18n.t('lawsuits.flash.created'))
    return response.redirect(`/lawsuits/${lawsuit.id}`)
  }

  async show({ params, view, auth, bouncer, i18n }: HttpContext) {
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('view', lawsuit)
    await lawsuit.load((loader) => {
      loader
        .load('department')
        .load('lawyer')
        .load('parties', (parties) => parties.orderBy('id'))
        .load('events', (events) => events.orderBy('scheduled_on').orderBy('id'))
        .load('acts', (acts) => acts.orderBy('id'))
    })
    return view.render('pages/lawsuits/show', {
      lawsuit,
      chain: await caseChain(lawsuit),
      appealTo: lawsuit.isOpen ? null : nextInstance(lawsuit.instance),
      canEdit: await bouncer.with(LawsuitPolicy).allows('edit', lawsuit),
      today: DateTime.now(),
      ...(await formOptions(i18n)),
    })
  }

  async edit({ params, view, auth, bouncer, i18n }: HttpContext) {
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', lawsuit)
    await lawsuit.load('parties', (parties) => parties.orderBy('id'))
    return view.render('pages/lawsuits/form', { lawsuit, parties: lawsuit.parties, ...(await formOptions(i18n)) })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    const lawsuit = await findVisibleCase(auth.getUserOrFail(), params.id)
    await bouncer.with(LawsuitPolicy).authorize('edit', lawsuit)
    const data = await request.validateUsing(caseValidator, { messagesProvider: lawsuitMessages(i18n) })
    if (await caseNumberTaken(data.court, data.number, lawsuit.id)) {
      session.flashAll()
      session.flash('inputErrorsBag', { number: [i18n.t('lawsuits.validator.number_taken')] })
      return response.redirect().back()
    }
    await tenantDb().transaction((trx) => new SaveCase().handle(trx, { ...data, parties: data.parties ?? [] }, actorFromContext(ctx), lawsuit))
    session.flash('notice', i18n.t('lawsuits.flash.updated'))
    return response.redirect(`/lawsuits/${lawsuit.id}`)
  }

  async dashboard({ view, auth, bouncer, i18n }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('viewList')
    const figures = await cachedLawsuitsDashboard(auth.getUserOrFail())
    return view.render('pages/lawsuits/dashboard', {
      figures,
      computedAt: DateTime.fromISO(figures.computedAt),
      instances: INSTANCES,
      outcomes: OUTCOMES,
      money: (value: number) => formatRubles(value, i18n.locale),
      monthLabel: (month: string) => DateTime.fromFormat(month, 'yyyy-MM').setLocale(i18n.locale).toFormat('LLL yyyy'),
    })
  }

  async hearings({ request, view, auth, bouncer, i18n }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('viewList')
    const { days = 14 } = await upcomingValidator.validate(request.qs())
    const hearings = await upcomingHearings(auth.getUserOrFail(), days, DateTime.now(), HEARINGS_SHOWN + 1)
    return view.render('pages/lawsuits/hearings', {
      hearings: hearings.slice(0, HEARINGS_SHOWN),
      truncated: hearings.length > HEARINGS_SHOWN,
      shown: HEARINGS_SHOWN,
      days,
      formatDay: dayFormatter(i18n.locale),
    })
  }

  async export({ auth, request, response, i18n, params, bouncer }: HttpContext) {
    await bouncer.with(LawsuitPolicy).authorize('viewList')
    const filters = await caseFiltersValidator.validate(request.qs())
    const stream = new PassThrough()
    const stamp = clockDate().toISOString().slice(0, 10)
    const batches = batchesOf(auth.getUserOrFail(), filters)
    if (params.format === 'xlsx') {
      response.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      response.attachment(`lawsuits-${stamp}.xlsx`)
      writeCasesXlsx(batches, stream, i18n).catch((error) => stream.destroy(error))
    } else {
      response.header('content-type', 'application/pdf')
      response.attachment(`lawsuits-${stamp}.pdf`)
      writeCasesPdf(batches, stream, i18n, i18n.t('lawsuits.title')).catch((error) => stream.destroy(error))
    }
    return response.stream(stream)
  }
}
