import { BODY_KINDS } from '#tenancy/naming'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { actorFromContext, recordAudit } from '#core/audit'
import Department from '#modules/identity/models/department'
import OrderPolicy from '#modules/orders/policies/order_policy'
import Rating, { RATING_PERIODICITIES } from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import RatingAlert from '#modules/ratings/models/rating_alert'
import RatingPolicy from '#modules/ratings/policies/rating_policy'
import { moduleMessages } from '#core/module_messages'
import { editionValidator, indicatorValidator, ratingValidator } from '#modules/ratings/validators/rating_validators'
import { ratingAlerts, ratingsDashboard, ratingTrend } from '#modules/ratings/services/rating_figures'
import { refreshAlertsNow } from '#modules/ratings/services/rating_alerts'
import { CreateOrderFromAlert } from '#modules/ratings/actions/order_from_alert'
import { ratingsRollupAvailable, regionRatingFigures } from '#modules/ratings/services/region_figures'
import ControlPolicy from '#modules/control/policies/control_policy'
import Tenant from '#tenancy/tenant'

/** A field error shown like the validator's own (422 for APIs, flash + back for forms). */
export function fieldError(field: string, message: string, rule = 'invalid') {
  return new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/**
 * Federal ratings: the dashboard of every rating's latest edition, the
 * rating card (editions, indicator tree, trend, alerts) and their upkeep.
 */
export default class RatingsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(RatingPolicy).authorize('view')
    return view.render('pages/ratings/index', { ratings: await ratingsDashboard(), periodicities: RATING_PERIODICITIES })
  }

  async store(ctx: HttpContext) {
    const { request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('manage')
    const data = await request.validateUsing(ratingValidator, { messagesProvider: moduleMessages(i18n, 'ratings') })
    if (await Rating.findBy('code', data.code)) throw fieldError('code', i18n.t('ratings.errors.code_taken'), 'unique')
    const rating = await Rating.create({ ...data, publisher: data.publisher ?? null, createdBy: auth.getUserOrFail().id })
    await recordAudit(actorFromContext(ctx), 'rating.created', { type: 'rating', id: rating.id }, { code: rating.code })
    session.flash('notice', i18n.t('ratings.flash.created'))
    return response.redirect(`/ratings/${rating.id}`)
  }

  async show({ params, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(RatingPolicy).authorize('view')
    const rating = await Rating.findOrFail(params.id)
    const [editions, indicators, trend, alerts, departments] = await Promise.all([
      RatingEdition.query().where('rating_id', rating.id).orderBy('published_on', 'desc').orderBy('id', 'desc'),
      RatingIndicator.query().where('rating_id', rating.id).preload('department').orderBy('position').orderBy('code'),
      ratingTrend(rating.id),
      ratingAlerts(rating.id, i18n.locale),
      Department.query().where('is_active', true).orderBy('name_ru'),
    ])
    const roots = indicators.filter((indicator) => !indicator.parentId)
    const tree = roots.map((root) => ({ indicator: root, children: indicators.filter((child) => child.parentId === root.id) }))
    const orphans = indicators.filter((indicator) => indicator.parentId && !roots.some((root) => root.id === indicator.parentId))
    return view.render('pages/ratings/show', {
      rating,
      editions,
      tree,
      orphans,
      indicators,
      trend,
      alerts,
      departments,
      canOrder: await bouncer.with(OrderPolicy).allows('create'),
    })
  }

  async updateSettings(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('manage')
    const rating = await Rating.findOrFail(params.id)
    const data = await request.validateUsing(ratingValidator, { messagesProvider: moduleMessages(i18n, 'ratings') })
    const clash = await Rating.query().where('code', data.code).whereNot('id', rating.id).first()
    if (clash) throw fieldError('code', i18n.t('ratings.errors.code_taken'), 'unique')
    const before = rating.alertDropPlaces
    rating.merge({ ...data, publisher: data.publisher ?? null })
    await rating.save()
    if (before !== rating.alertDropPlaces) await refreshAlertsNow(rating.id)
    await recordAudit(actorFromContext(ctx), 'rating.updated', { type: 'rating', id: rating.id }, { alertDropPlaces: rating.alertDropPlaces })
    session.flash('notice', i18n.t('ratings.flash.updated'))
    return response.redirect(`/ratings/${rating.id}`)
  }

  async storeEdition(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('manage')
    const rating = await Rating.findOrFail(params.id)
    const data = await request.validateUsing(editionValidator, { messagesProvider: moduleMessages(i18n, 'ratings') })
    if (await RatingEdition.query().where('rating_id', rating.id).where('period', data.period).first()) {
      throw fieldError('period', i18n.t('ratings.errors.period_taken'), 'unique')
    }
    const edition = await RatingEdition.create({
      ratingId: rating.id,
      period: data.period,
      publishedOn: DateTime.fromJSDate(data.publishedOn),
      methodologyVersion: data.methodologyVersion ?? null,
      regionsCount: data.regionsCount,
    })
    // A new edition between two others changes the Δ of the later one.
    await refreshAlertsNow(rating.id)
    await recordAudit(actorFromContext(ctx), 'rating.edition_created', { type: 'rating_edition', id: edition.id }, { rating: rating.code, period: edition.period })
    session.flash('notice', i18n.t('ratings.flash.edition_created'))
    return response.redirect(`/ratings/${rating.id}/editions/${edition.id}`)
  }

  async storeIndicator(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('manage')
    const rating = await Rating.findOrFail(params.id)
    const data = await request.validateUsing(indicatorValidator, { messagesProvider: moduleMessages(i18n, 'ratings') })
    if (data.parentId && !(await RatingIndicator.query().where('id', data.parentId).where('rating_id', rating.id).first())) {
      throw fieldError('parentId', i18n.t('ratings.errors.parent_unknown'), 'exists')
    }
    if (await RatingIndicator.query().where('rating_id', rating.id).where('code', data.code).first()) {
      throw fieldError('code', i18n.t('ratings.errors.indicator_code_taken'), 'unique')
    }
    const indicator = await RatingIndicator.create({
      ratingId: rating.id,
      code: data.code,
      name: data.name,
      parentId: data.parentId ?? null,
      departmentId: data.departmentId ?? null,
      position: data.position ?? 0,
    })
    await recordAudit(actorFromContext(ctx), 'rating.indicator_created', { type: 'rating_indicator', id: indicator.id }, { rating: rating.code, code: indicator.code })
    session.flash('notice', i18n.t('ratings.flash.indicator_created'))
    return response.redirect(`/ratings/${rating.id}`)
  }

  /** Control tenant: the blocks' ratings and media tone from the rollup (read only). */
  async region({ view, bouncer }: HttpContext) {
    await bouncer.with(ControlPolicy).authorize('view')
    const available = await ratingsRollupAvailable()
    const blocks = await Tenant.query().whereIn('kind', [...BODY_KINDS]).orderBy('slug')
    return view.render('pages/ratings/region', {
      available,
      figures: available ? await regionRatingFigures() : { ratings: [], media: [] },
      blockNames: Object.fromEntries(blocks.map((block) => [block.slug, block])),
    })
  }

  /** An alert becomes an issued order to the indicator's department. */
  async createOrder(ctx: HttpContext) {
    const { params, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with(RatingPolicy).authorize('view')
    await bouncer.with(OrderPolicy).authorize('create')
    const alert = await RatingAlert.query()
      .where('rating_alerts.id', params.alertId)
      .whereIn('edition_id', (editions) => editions.from('rating_editions').where('rating_id', params.id).select('id'))
      .firstOrFail()
    const order = await new CreateOrderFromAlert().handle(alert, auth.getUserOrFail(), i18n)
    await recordAudit(actorFromContext(ctx), 'rating.alert_order_created', { type: 'rating_alert', id: alert.id }, { orderId: order.id, number: order.number })
    session.flash('notice', i18n.t('ratings.flash.order_created', { number: order.number }))
    return response.redirect(`/ratings/${params.id}`)
  }
}
