import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'
import { actorFromContext } from '#core/audit'
import { clockDate } from '#core/clock'
import { errors } from '#core/errors'
import Department from '#modules/identity/models/department'
import OrderPolicy from '#modules/orders/policies/order_policy'
import SuggestionCasePolicy from '#modules/suggestions/policies/suggestion_case_policy'
import { AnswerSuggestionCase } from '#modules/suggestions/actions/answer_suggestion_case'
import { answerValidator } from '#modules/suggestions/validators/suggestion_validators'

const PAGE_SIZE = 30
const STATUSES = ['open', 'accepted', 'planned', 'rejected', 'returned']

/**
 * "Suggestions" in a body (block or municipality): the suggestions the portal
 * sent to it (open ones by deadline), a suggestion's page and the answer.
 */
export default class SuggestionsInboxController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(SuggestionCasePolicy).authorize('viewInbox')
    const status = STATUSES.includes(request.input('status')) ? request.input('status') : 'open'
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const cases = await tenantDb()
      .from('suggestion_cases')
      .where('status', status)
      .select('id', 'category', 'title', 'municipality_code', 'supports', 'deadline', 'status', 'received_at', 'answered_at', 'order_id', 'order_number')
      .orderBy(status === 'open' ? 'deadline' : 'answered_at', status === 'open' ? 'asc' : 'desc')
      .orderBy('id')
      .paginate(page, PAGE_SIZE)
    cases.baseUrl('/suggestions/inbox').queryString({ status })
    return view.render('pages/suggestions/inbox', { cases, status, statuses: STATUSES, now: clockDate() })
  }

  async show({ bouncer, params, view, i18n }: HttpContext) {
    await bouncer.with(SuggestionCasePolicy).authorize('viewInbox')
    const found = Number.isInteger(Number(params.id)) ? await tenantDb().from('suggestion_cases').where('id', Number(params.id)).first() : null
    if (!found) throw new errors.E_NOT_FOUND('No such suggestion')
    const canAnswer = found.status === 'open' && (await bouncer.with(SuggestionCasePolicy).allows('answer'))
    const canOrder = canAnswer && (await bouncer.with(OrderPolicy).allows('create'))
    const departments = canOrder ? await Department.query().where('is_active', true).orderBy(i18n.locale === 'en' ? 'name_en' : 'name_ru') : []
    const municipality = await tenantDb().from('municipalities').where('code', found.municipality_code).first()
    return view.render('pages/suggestions/case', {
      found,
      municipalityName: municipality ? (i18n.locale === 'en' ? municipality.name_en : municipality.name_ru) : found.municipality_code,
      canAnswer,
      canOrder,
      overdue: found.status === 'open' && new Date(found.deadline) < clockDate(),
      departmentOptions: departments.map((department) => ({ value: department.id, label: i18n.locale === 'en' ? department.nameEn : department.nameRu })),
      kinds: ['accepted', 'planned', 'rejected', 'not_ours'].map((kind) => ({ value: kind, label: i18n.t(`suggestions.answers.${kind}`) })),
    })
  }

  async answer(ctx: HttpContext) {
    const { bouncer, params, request, response, session, i18n, auth } = ctx
    await bouncer.with(SuggestionCasePolicy).authorize('viewInbox')
    const found = Number.isInteger(Number(params.id)) ? await tenantDb().from('suggestion_cases').where('id', Number(params.id)).first() : null
    if (!found) throw new errors.E_NOT_FOUND('No such suggestion')
    await bouncer.with(SuggestionCasePolicy).authorize('answer')
    const input = await request.validateUsing(answerValidator)
    if (input.departmentId && input.kind === 'accepted') await bouncer.with(OrderPolicy).authorize('create')
    const order = await new AnswerSuggestionCase().handle(found.id, input, auth.getUserOrFail(), actorFromContext(ctx), i18n.t.bind(i18n))
    session.flash('notice', order ? i18n.t('suggestions.flash.answered_order', { number: order.number }) : i18n.t('suggestions.flash.answered'))
    return response.redirect(`/suggestions/inbox/${found.id}`)
  }
}
