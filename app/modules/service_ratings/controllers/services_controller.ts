import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { wantsJson } from '#core/wants_json'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import RatedService from '#modules/service_ratings/models/rated_service'
import ServiceRating, { CRITERIA } from '#modules/service_ratings/models/service_rating'
import ServiceRatingPolicy from '#modules/service_ratings/policies/service_rating_policy'
import { RateService } from '#modules/service_ratings/actions/rate_service'
import { RatingRefused } from '#modules/service_ratings/services/rating_refused'
import { currentMonth } from '#modules/service_ratings/services/months'
import { monthlyTrend, PER_PAGE, providingBodies, ratedServices } from '#modules/service_ratings/services/public_queries'
import { DateTime } from 'luxon'
import { actorFromContext, recordAudit } from '#core/audit'
import { helpfulValidator, listFiltersValidator, portalServiceValidator, ratingValidator, serviceCorrectionValidator } from '#modules/service_ratings/validators/service_rating_validators'

/**
 * The portal's side of service ratings: the public list (filters by channel
 * and body), a service's page (criteria, trend, comments with the bodies'
 * answers), rating, the citizen's word on an answer, and the admins' hiding.
 */
export default class ServicesController {
  async index({ request, view }: HttpContext) {
    const [, filters] = await listFiltersValidator.tryValidate(request.qs())
    const page = Math.min(1000, Math.max(1, Number(request.input('page', 1)) || 1))
    const rows = await ratedServices(filters ?? {}, page)
    const query = new URLSearchParams(Object.entries(filters ?? {}).filter(([, value]) => !!value) as [string, string][])
    const pageUrl = (to: number) => `/services?${new URLSearchParams([...query, ['page', String(to)]])}`
    return view.render('pages/service_ratings/index', {
      services: rows.slice(0, PER_PAGE),
      previousUrl: page > 1 ? pageUrl(page - 1) : null,
      nextUrl: rows.length > PER_PAGE ? pageUrl(page + 1) : null,
      filters: filters ?? {},
      bodies: await providingBodies(),
    })
  }

  async show({ params, view, auth, bouncer }: HttpContext) {
    const service = await RatedService.findOrFail(params.id)
    const user = auth.user
    const ratings = await ServiceRating.query().where('service_id', service.id).orderBy('id', 'desc').limit(50)
    const ratedThisMonth =
      !!user && !!(await ServiceRating.query().where({ service_id: service.id, user_id: user.id, month: currentMonth().toISODate() }).first())
    const mayRate = !!user && service.isActive && (await bouncer.with(ServiceRatingPolicy).allows('rate'))
    return view.render('pages/service_ratings/show', {
      service,
      ratings,
      trend: await monthlyTrend(service.id),
      criteria: CRITERIA,
      mayRate: mayRate && !ratedThisMonth,
      ratedThisMonth,
      confirmed: user ? await hasConfirmedEmail(user) : false,
      userId: user?.id ?? null,
      isAdmin: !!user && (await bouncer.with(ServiceRatingPolicy).allows('administerPortal')),
    })
  }

  async rate(ctx: HttpContext) {
    const { params, request, response, auth, bouncer, session, i18n } = ctx
    await bouncer.with(ServiceRatingPolicy).authorize('rate')
    const user = auth.getUserOrFail()
    const back = `/services/${params.id}`
    if (!(await hasConfirmedEmail(user))) return refuse(ctx, back, 'serviceId', i18n.t('service_ratings.errors.unconfirmed'))
    const data = await request.validateUsing(ratingValidator)
    try {
      const rating = await new RateService().handle(
        {
          serviceId: Number(params.id) || 0,
          marks: { time: data.time, waiting: data.waiting, staff: data.staff, premises: data.premises, information: data.information },
          comment: data.comment,
          photo: data.photo,
        },
        user
      )
      if (wantsJson(request)) return response.created({ id: rating.id, followUp: rating.followUp })
      session.flash('notice', i18n.t(rating.followUp === 'none' ? 'service_ratings.flash.rated' : 'service_ratings.flash.rated_follow_up'))
      return response.redirect(`${back}#rating-${rating.id}`)
    } catch (error) {
      if (error instanceof RatingRefused) return refuse(ctx, back, error.field, i18n.t(`service_ratings.errors.${error.reason}`))
      throw error
    }
  }

  /** The author says whether the body's answer helped. */
  async helpful({ params, request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('rate')
    const rating = await ServiceRating.query().where('id', params.id).where('user_id', auth.getUserOrFail().id).where('follow_up', 'answered').firstOrFail()
    const { helpful } = await request.validateUsing(helpfulValidator)
    rating.answerHelpful = helpful
    await rating.save()
    if (wantsJson(request)) return { id: rating.id, helpful }
    return response.redirect(`/services/${rating.serviceId}#rating-${rating.id}`)
  }

  async photo({ params, response }: HttpContext) {
    const rating = await ServiceRating.query().where('id', params.id).whereNotNull('photo_key').firstOrFail()
    response.header('content-type', rating.photoMime!)
    response.header('cache-control', 'public, max-age=86400')
    return response.send(Buffer.from(await drive.use().getBytes(rating.photoKey!)))
  }

  /** Admins hide a service from rating (or show it again); a body's next publication keeps their choice. */
  /** A portal admin corrects the names or the channel; the body's later publications keep it. */
  async correct(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    await bouncer.with(ServiceRatingPolicy).authorize('administerPortal')
    const service = await RatedService.findOrFail(params.id)
    const values = await request.validateUsing(serviceCorrectionValidator)
    service.correct(values, DateTime.now())
    await service.save()
    await recordAudit(actorFromContext(ctx), 'service_ratings.service_corrected', { type: 'rated_service', id: service.id }, values)
    if (wantsJson(request)) return { id: service.id, nameRu: service.nameRu, nameEn: service.nameEn, channel: service.channel, corrected: service.isCorrected }
    session.flash('notice', i18n.t('service_ratings.flash.saved'))
    return response.redirect(`/services/${service.id}`)
  }

  async administer({ params, request, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('administerPortal')
    const service = await RatedService.findOrFail(params.id)
    const { hidden } = await request.validateUsing(portalServiceValidator)
    service.adminHidden = hidden
    await service.save()
    session.flash('notice', i18n.t('service_ratings.flash.saved'))
    return response.redirect(`/services/${service.id}`)
  }
}

/** A rule refused the rating: 422 with the reason for a script, the form again with the reason for a person. */
function refuse({ request, response, session }: HttpContext, back: string, field: string, message: string) {
  if (wantsJson(request)) return response.unprocessableEntity({ errors: [{ field, rule: 'service_ratings', message }] })
  session.flashAll()
  session.flash('errorsBag', { [field]: message })
  session.flash('inputErrorsBag', { [field]: [message] })
  return response.redirect(back)
}

