import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { actorFromContext } from '#core/audit'
import { errors } from '#core/errors'
import { tenantDb } from '#tenancy/tenant_model'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ExpertProfile, { EXPERT_FIELDS } from '#modules/lawmaking/models/expert_profile'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import Conclusion from '#modules/lawmaking/models/conclusion'
import ExpertPolicy from '#modules/lawmaking/policies/expert_policy'
import { EXPERTISE_WORKING_DAYS, inviteExpertsFromPortal } from '#modules/lawmaking/actions/expertise/invite_experts'
import { expertFilterValidator, inviteValidator } from '#modules/lawmaking/validators/expertise_validators'
import { orBack, translatorOf } from '#modules/lawmaking/controllers/refusals'
import { conclusionIsPublic, mayReadConclusion } from '#modules/lawmaking/services/conclusion_access'

/** The portal: a draft's expertise (invited experts, conclusions as they may be read) and the moderators' invitations. */
export default class DraftExpertiseController {
  async show({ auth, bouncer, params, request, view }: HttpContext) {
    const draft = await PublicDraft.findOrFail(params.id)
    const user = auth.user
    const profile = user ? await ExpertProfile.findBy('user_id', user.id) : null
    const invitations = await PublicExpertInvitation.query().where('draft_id', draft.id).preload('expert').orderBy('id')
    const conclusions = await Conclusion.query().where('draft_id', draft.id).preload('remarks', (query) => query.orderBy('id')).orderBy('id')
    const clauses = new Map(
      (
        await tenantDb()
          .from('lawmaking_public_clauses as c')
          .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
          .where('v.draft_id', draft.id)
          .select('c.clause_key', 'c.label')
          .orderBy('v.number')
      ).map((row: { clause_key: string; label: string }) => [row.clause_key, row.label])
    )
    const rows = invitations.map((invitation) => {
      const conclusion = conclusions.find((candidate) => candidate.invitationId === invitation.id) ?? null
      return { invitation, conclusion: conclusion && mayReadConclusion(draft.stage !== 'discussion', invitation, user, profile?.id ?? null) ? conclusion : null, concluded: !!conclusion }
    })
    const moderating = !!user && (await bouncer.with(ExpertPolicy).allows('moderate'))
    const { field } = moderating ? await request.validateUsing(expertFilterValidator, { data: request.qs() }) : { field: undefined }
    const candidates = field ? await ExpertProfile.query().where('status', 'verified').whereRaw('fields \\? ?', [field]).orderBy('public_name') : []
    return view.render('pages/lawmaking/expertise/draft', { draft, rows, clauses, moderating, fields: EXPERT_FIELDS, field, candidates, dueDays: EXPERTISE_WORKING_DAYS })
  }

  async invite(ctx: HttpContext) {
    await ctx.bouncer.with(ExpertPolicy).authorize('moderate')
    const { field, experts } = await ctx.request.validateUsing(inviteValidator)
    return orBack(ctx, async () => {
      const invited = await inviteExpertsFromPortal({ kind: 'draft', id: Number(ctx.params.id) }, field, experts, ctx.auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
      ctx.session.flash('notice', ctx.i18n.t('lawmaking_expertise.flash.invited', { count: invited.length }))
      return ctx.response.redirect(`/lawmaking/drafts/${ctx.params.id}/expertise`)
    })
  }

  /** The signed file of a conclusion (of a draft or an initiative), to whoever may read the conclusion. */
  async file({ auth, params, response }: HttpContext) {
    const conclusion = await Conclusion.findOrFail(params.id)
    const invitation = await PublicExpertInvitation.findOrFail(conclusion.invitationId)
    const isPublic = await conclusionIsPublic(conclusion)
    const profile = auth.user ? await ExpertProfile.findBy('user_id', auth.user.id) : null
    if (!mayReadConclusion(isPublic, invitation, auth.user, profile?.id ?? null)) throw new errors.E_NOT_FOUND('No such conclusion')
    response.header('content-type', conclusion.fileMime)
    response.header('content-disposition', `attachment; filename="conclusion-${conclusion.id}.${conclusion.fileMime === 'application/pdf' ? 'pdf' : 'p7s'}"`)
    response.header('cache-control', isPublic ? 'public, max-age=3600' : 'private, no-store')
    return response.stream(await drive.use().getStream(conclusion.fileKey))
  }
}
