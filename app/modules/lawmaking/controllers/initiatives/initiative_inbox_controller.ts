import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import { actorFromContext } from '#core/audit'
import { errors } from '#core/errors'
import { moduleMessages } from '#core/module_messages'
import { regionTodayIso } from '#core/region_time'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import Order from '#modules/orders/models/order'
import Draft from '#modules/lawmaking/models/draft'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import CaseConclusion from '#modules/lawmaking/models/case_conclusion'
import InitiativePolicy from '#modules/lawmaking/policies/initiative_policy'
import { AnswerInitiative } from '#modules/lawmaking/actions/initiatives/answer_initiative'
import { initiativeAnswerValidator } from '#modules/lawmaking/validators/initiative_validators'

const PAGE_SIZE = 30

/** Initiatives the user may see: their department's, or every department's for the head and admins. */
function visibleCases(user: User) {
  const query = InitiativeCase.query()
  if (!user.hasRole('head', 'admin')) query.where('department_id', user.departmentId ?? -1)
  return query
}

/**
 * The law-making inbox of citizens' initiatives in a body: those awaiting
 * the department's answer (by their due day, overdue first) and those
 * answered; an initiative's page with the experts' conclusions the portal
 * sent and the answer form.
 */
export default class InitiativeInboxController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(InitiativePolicy).authorize('useInbox')
    const answered = request.input('status') === 'answered'
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const query = visibleCases(auth.getUserOrFail()).preload('department')
    if (answered) query.whereNotNull('answer').orderBy('answered_at', 'desc')
    else query.whereNull('answer').orderBy('due_on')
    const cases = await query.orderBy('id').paginate(page, PAGE_SIZE)
    cases.baseUrl('/lawmaking/initiatives/inbox').queryString(answered ? { status: 'answered' } : {})
    return view.render('pages/lawmaking/initiatives/inbox', { cases, answered, today: regionTodayIso() })
  }

  async show({ auth, bouncer, params, view }: HttpContext) {
    await bouncer.with(InitiativePolicy).authorize('useInbox')
    const found = await visibleCases(auth.getUserOrFail()).where('id', params.id).preload('department').firstOrFail()
    const canAnswer = !found.answer && (await bouncer.with(InitiativePolicy).allows('answer', found))
    return view.render('pages/lawmaking/initiatives/case', {
      found,
      draft: found.draftId ? await Draft.find(found.draftId) : null,
      order: found.orderId ? await Order.find(found.orderId) : null,
      conclusions: await CaseConclusion.query().where('case_id', found.id).orderBy('filed_at').orderBy('id'),
      canAnswer,
      departments: canAnswer ? await Department.query().where('is_active', true).orderBy('name_ru') : [],
      today: regionTodayIso(),
    })
  }

  /** The signed file of an expert's conclusion, to those who see the case (404 for others). */
  async conclusionFile({ auth, bouncer, params, response }: HttpContext) {
    if (await bouncer.with(InitiativePolicy).denies('useInbox')) throw new errors.E_NOT_FOUND('No such conclusion')
    const found = await visibleCases(auth.getUserOrFail()).where('id', params.id).firstOrFail()
    const conclusion = await CaseConclusion.query().where('case_id', found.id).where('id', params.conclusionId).firstOrFail()
    response.header('content-type', conclusion.fileMime)
    response.header('content-disposition', `attachment; filename="conclusion-${conclusion.id}.${conclusion.fileMime === 'application/pdf' ? 'pdf' : 'p7s'}"`)
    response.header('cache-control', 'private, no-store')
    return response.stream(await drive.use().getStream(conclusion.fileKey))
  }

  async answer(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const found = await visibleCases(user).where('id', params.id).firstOrFail()
    await bouncer.with(InitiativePolicy).authorize('answer', found)
    const data = await request.validateUsing(initiativeAnswerValidator, { messagesProvider: moduleMessages(i18n, 'lawmaking_initiatives') })
    const day = (value?: Date) => (value ? DateTime.fromJSDate(value).startOf('day') : null)
    const { draft, order } = await new AnswerInitiative().handle(
      found.id,
      {
        answer: data.answer,
        reason: data.reason,
        plannedOn: day(data.plannedOn),
        order: data.orderDepartmentId ? { departmentId: data.orderDepartmentId, dueOn: day(data.orderDueOn)!, text: data.orderText } : null,
      },
      user,
      actorFromContext(ctx),
      (key, values) => i18n.t(key, values)
    )
    session.flash('notice', i18n.t(draft ? 'lawmaking_initiatives.flash.answered_draft' : 'lawmaking_initiatives.flash.answered', { order: order?.number ?? '—' }))
    return response.redirect(`/lawmaking/initiatives/inbox/${found.id}`)
  }
}
