import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { actorFromContext } from '#core/audit'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemCasePhoto from '#modules/problems/models/problem_case_photo'
import ProblemCasePolicy from '#modules/problems/policies/problem_case_policy'
import { AnswerCase } from '#modules/problems/actions/answer_case'
import { ReportPlanDone } from '#modules/problems/actions/report_plan_done'
import { ReassignCase } from '#modules/problems/actions/reassign_case'
import { isStaffed, staffedDepartments } from '#modules/problems/services/case_staffing'
import { MAX_PHOTOS, photoMaxMb } from '#modules/problems/services/photos'
import { answerValidator, planDoneValidator, reassignValidator } from '#modules/problems/validators/problem_validators'

const PAGE_SIZE = 30

/** Cases the user may see: their department's, or every department's for the head and admins. */
function visibleCases(user: User) {
  const query = ProblemCase.query()
  if (!user.hasRole('head', 'admin')) query.where('department_id', user.departmentId ?? -1)
  return query
}

/**
 * "Citizen problems" in a body (a block or a municipality): the queue of
 * problems routed to the department (overdue first, then by deadline), a
 * case page, the answer, and — for a plan — the report that it is done.
 */
export default class InboxController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(ProblemCasePolicy).authorize('viewInbox')
    const user = auth.getUserOrFail()
    const status = ['open', 'planned', 'done', 'resolved', 'returned'].includes(request.input('status')) ? request.input('status') : 'open'
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const query = visibleCases(user).where('status', status).preload('department')
    // plans by their date (the due ones first), everything else by the reaction deadline
    if (status === 'planned') query.orderBy('planned_on')
    const cases = await query.orderBy('deadline').orderBy('id').paginate(page, PAGE_SIZE)
    cases.baseUrl('/problems/inbox').queryString({ status })
    return view.render('pages/problems/inbox', { cases, status })
  }

  async show({ auth, bouncer, params, view }: HttpContext) {
    await bouncer.with(ProblemCasePolicy).authorize('viewInbox')
    const user = auth.getUserOrFail()
    const found = await visibleCases(user).where('id', params.id).preload('photos').firstOrFail()
    const canReassign = await bouncer.with(ProblemCasePolicy).allows('reassign', found)
    return view.render('pages/problems/case', {
      found,
      department: await Department.find(found.departmentId),
      // nobody works in the department: the head answers or hands it on (no dead end)
      unstaffed: found.status === 'open' && !(await isStaffed(found.departmentId)),
      canReassign,
      reassignTargets: canReassign ? (await staffedDepartments()).filter((department) => department.id !== found.departmentId) : [],
      canAnswer: found.status === 'open' && (await bouncer.with(ProblemCasePolicy).allows('answer', found)),
      canReportDone: found.status === 'planned' && (await bouncer.with(ProblemCasePolicy).allows('answer', found)),
      maxPhotos: MAX_PHOTOS,
      maxMb: photoMaxMb(),
    })
  }

  async answer(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const found = await visibleCases(user).where('id', params.id).firstOrFail()
    await bouncer.with(ProblemCasePolicy).authorize('answer', found)
    const data = await request.validateUsing(answerValidator)
    await new AnswerCase().handle(found.id, { ...data, text: data.answer }, user, actorFromContext(ctx))
    session.flash('notice', i18n.t(`problems.inbox.flash.${data.kind}`))
    return response.redirect(`/problems/inbox/${found.id}`)
  }

  /** The head hands an open case to another department somebody works in. */
  async reassign(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    const found = await visibleCases(auth.getUserOrFail()).where('id', params.id).firstOrFail()
    await bouncer.with(ProblemCasePolicy).authorize('reassign', found)
    const { departmentId } = await request.validateUsing(reassignValidator)
    await new ReassignCase().handle(found.id, departmentId, actorFromContext(ctx), { unstaffed: i18n.t('problems.inbox.reassign_unstaffed') })
    session.flash('notice', i18n.t('problems.inbox.flash.reassigned'))
    return response.redirect(`/problems/inbox/${found.id}`)
  }

  async done(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const found = await visibleCases(user).where('id', params.id).firstOrFail()
    await bouncer.with(ProblemCasePolicy).authorize('answer', found)
    const data = await request.validateUsing(planDoneValidator)
    await new ReportPlanDone().handle(found.id, { text: data.report, photos: data.photos }, user, actorFromContext(ctx))
    session.flash('notice', i18n.t('problems.inbox.flash.done'))
    return response.redirect(`/problems/inbox/${found.id}`)
  }

  async photo({ auth, params, response }: HttpContext) {
    const found = await visibleCases(auth.getUserOrFail()).where('id', params.id).firstOrFail()
    const photo = await ProblemCasePhoto.query().where('case_id', found.id).where('id', params.photoId).firstOrFail()
    response.header('content-type', photo.mimeType)
    return response.stream(await drive.use().getStream(photo.storageKey))
  }
}
