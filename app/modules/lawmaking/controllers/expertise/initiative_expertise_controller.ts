import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { errors } from '#core/errors'
import Initiative from '#modules/lawmaking/models/initiative'
import ExpertProfile, { EXPERT_FIELDS } from '#modules/lawmaking/models/expert_profile'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import Conclusion from '#modules/lawmaking/models/conclusion'
import ExpertPolicy from '#modules/lawmaking/policies/expert_policy'
import InitiativePolicy from '#modules/lawmaking/policies/initiative_policy'
import { EXPERTISE_WORKING_DAYS, inviteExpertsFromPortal } from '#modules/lawmaking/actions/expertise/invite_experts'
import { expertFilterValidator, inviteValidator } from '#modules/lawmaking/validators/expertise_validators'
import { orBack, translatorOf } from '#modules/lawmaking/controllers/refusals'
import { mayReadConclusion } from '#modules/lawmaking/services/conclusion_access'
import { INITIATIVE_EXPERTISE_STATUSES, initiativeConclusionsPublic } from '#modules/lawmaking/services/initiative_expertise'

/**
 * The portal: a citizens' initiative's expertise — the invited experts
 * (overdue ones marked), their conclusions as the visitor may read them —
 * and the moderators' form to invite experts of a field (the initiative's
 * subject area unless they choose another). 404 for an initiative the
 * visitor may not see.
 */
export default class InitiativeExpertiseController {
  async show({ auth, bouncer, params, request, view }: HttpContext) {
    const initiative = await Initiative.findOrFail(params.id)
    if (await bouncer.with(InitiativePolicy).denies('view', initiative)) throw new errors.E_NOT_FOUND('No such initiative')
    const user = auth.user
    const profile = user ? await ExpertProfile.findBy('user_id', user.id) : null
    const invitations = await PublicExpertInvitation.query().where('initiative_id', initiative.id).preload('expert').orderBy('id')
    const conclusions = await Conclusion.query().where('initiative_id', initiative.id).orderBy('id')
    const isPublic = initiativeConclusionsPublic(initiative)
    const rows = invitations.map((invitation) => {
      const conclusion = conclusions.find((candidate) => candidate.invitationId === invitation.id) ?? null
      return { invitation, conclusion: conclusion && mayReadConclusion(isPublic, invitation, user, profile?.id ?? null) ? conclusion : null, concluded: !!conclusion }
    })
    const moderating = !!user && (await bouncer.with(ExpertPolicy).allows('moderate'))
    const chosen = moderating ? (await request.validateUsing(expertFilterValidator, { data: request.qs() })).field : undefined
    const field = moderating ? (chosen ?? initiative.subjectArea) : undefined
    const candidates = field ? await ExpertProfile.query().where('status', 'verified').whereRaw('fields \\? ?', [field]).orderBy('public_name') : []
    return view.render('pages/lawmaking/expertise/initiative', {
      initiative,
      rows,
      moderating,
      inviting: INITIATIVE_EXPERTISE_STATUSES.includes(initiative.status),
      fields: EXPERT_FIELDS,
      field,
      candidates,
      dueDays: EXPERTISE_WORKING_DAYS,
    })
  }

  /** Moderators and admins only (403); 409 once the initiative is answered (or not yet published). */
  async invite(ctx: HttpContext) {
    await ctx.bouncer.with(ExpertPolicy).authorize('moderate')
    const initiative = await Initiative.findOrFail(ctx.params.id)
    const { field, experts } = await ctx.request.validateUsing(inviteValidator)
    return orBack(ctx, async () => {
      const invited = await inviteExpertsFromPortal({ kind: 'initiative', id: initiative.id }, field, experts, ctx.auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
      ctx.session.flash('notice', ctx.i18n.t('lawmaking_expertise.flash.invited', { count: invited.length }))
      return ctx.response.redirect(`/lawmaking/initiatives/${initiative.id}/expertise`)
    })
  }
}
