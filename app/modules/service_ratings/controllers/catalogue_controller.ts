import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { wantsJson } from '#core/wants_json'
import Department from '#modules/identity/models/department'
import BodyService, { SERVICE_CHANNELS } from '#modules/service_ratings/models/body_service'
import ServiceRatingPolicy from '#modules/service_ratings/policies/service_rating_policy'
import { SaveBodyService } from '#modules/service_ratings/actions/save_body_service'
import { bodyServiceValidator } from '#modules/service_ratings/validators/service_rating_validators'

/** A body's catalogue of the services it provides: its admins add, change and retire them; each change goes to the portal. */
export default class CatalogueController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('manageCatalogue')
    return view.render('pages/service_ratings/catalogue', {
      services: await BodyService.query().orderBy('code'),
      departments: await Department.query().where('is_active', true).orderBy('code'),
      channels: SERVICE_CHANNELS,
    })
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, response, session, i18n } = ctx
    await bouncer.with(ServiceRatingPolicy).authorize('manageCatalogue')
    const data = await request.validateUsing(bodyServiceValidator)
    const service = await new SaveBodyService().handle({ ...data, isActive: data.isActive ?? false }, actorFromContext(ctx))
    if (wantsJson(request)) return response.created({ id: service.id, code: service.code })
    session.flash('notice', i18n.t('service_ratings.flash.saved'))
    return response.redirect('/service-ratings/catalogue')
  }
}
