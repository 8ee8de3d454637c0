import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import ServiceRatingPolicy from '#modules/service_ratings/policies/service_rating_policy'
import { AnswerFollowUp } from '#modules/service_ratings/actions/answer_follow_up'
import { followUpAnswerValidator } from '#modules/service_ratings/validators/service_rating_validators'
import { wantsJson } from '#core/wants_json'

/** The code of the user's department, if any. */
async function departmentCodeOf(user: User) {
  return user.departmentId ? ((await Department.find(user.departmentId))?.code ?? null) : null
}

/** Follow-ups the user may see: their department's, or every one for the head and admins. */
function visibleFollowUps(user: User, departmentCode: string | null) {
  const query = ServiceFollowUp.query()
  if (!user.hasRole('head', 'admin')) query.where('department_code', departmentCode ?? '')
  return query
}

/** "Service follow-ups" in a body: low ratings of its services to answer within 30 days (overdue first). */
export default class FollowUpsController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('viewInbox')
    const status = request.input('status') === 'answered' ? 'answered' : 'open'
    const user = auth.getUserOrFail()
    const followUps = await visibleFollowUps(user, await departmentCodeOf(user)).where('status', status).orderBy('respond_by').orderBy('id').limit(200)
    // the catalogue has no menu entry of its own (the office header is full): its editors reach it from here
    return view.render('pages/service_ratings/inbox', { followUps, status, mayEditCatalogue: user.hasRole('admin', 'head') })
  }

  async show({ auth, bouncer, params, view }: HttpContext) {
    await bouncer.with(ServiceRatingPolicy).authorize('viewInbox')
    const user = auth.getUserOrFail()
    const departmentCode = await departmentCodeOf(user)
    const found = await visibleFollowUps(user, departmentCode).where('id', params.id).firstOrFail()
    const canAnswer = found.status === 'open' && (await bouncer.with(ServiceRatingPolicy).allows('answer', found, departmentCode))
    return view.render('pages/service_ratings/follow_up', { found, canAnswer })
  }

  async answer(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    await bouncer.with(ServiceRatingPolicy).authorize('viewInbox')
    const user = auth.getUserOrFail()
    const departmentCode = await departmentCodeOf(user)
    const found = await visibleFollowUps(user, departmentCode).where('id', params.id).firstOrFail()
    await bouncer.with(ServiceRatingPolicy).authorize('answer', found, departmentCode)
    const { answer } = await request.validateUsing(followUpAnswerValidator)
    const saved = await new AnswerFollowUp().handle(found.id, answer, actorFromContext(ctx))
    if (wantsJson(request)) return { id: saved.id, status: saved.status }
    session.flash('notice', i18n.t('service_ratings.flash.answered'))
    return response.redirect(`/service-ratings/inbox/${found.id}`)
  }
}
