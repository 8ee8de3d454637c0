import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { actorFromContext } from '#core/audit'
import { errors } from '#core/errors'
import Draft from '#modules/lawmaking/models/draft'
import DraftPolicy from '#modules/lawmaking/policies/draft_policy'
import { EXPERT_FIELDS } from '#modules/lawmaking/models/expert_profile'
import ExpertEntry from '#modules/lawmaking/models/expert_entry'
import ExpertInvitation from '#modules/lawmaking/models/expert_invitation'
import ReceivedConclusion from '#modules/lawmaking/models/conclusion_received'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { EXPERTISE_WORKING_DAYS, inviteExperts } from '#modules/lawmaking/actions/expertise/invite_experts'
import { expertFilterValidator, inviteValidator } from '#modules/lawmaking/validators/expertise_validators'
import { orBack, translatorOf } from '#modules/lawmaking/controllers/refusals'

/**
 * A body: the experts of one of its drafts — invitations with their due
 * days (overdue ones marked), answers, conclusions with their files and
 * remarks — and the developer's form to invite verified experts by field.
 * Only those who act for the draft's department see it (404 for others).
 */
export default class OfficeExpertsController {
  async #draft({ bouncer, params }: HttpContext) {
    const draft = await Draft.find(params.id)
    if (!draft || draft.currentVersion === 0 || (await bouncer.with(DraftPolicy).denies('manage', draft))) throw new errors.E_NOT_FOUND('No such draft')
    return draft
  }

  async index(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    const { field } = await ctx.request.validateUsing(expertFilterValidator, { data: ctx.request.qs() })
    const invitations = await ExpertInvitation.query().where('draft_id', draft.id).orderBy('id')
    const conclusions = await ReceivedConclusion.query().where('draft_id', draft.id)
    const remarks = await ReceivedRemark.query().where('draft_id', draft.id).where('source', 'expert').orderBy('id')
    const invited = new Set(invitations.map((invitation) => `${invitation.portalSlug}/${invitation.expertId}`))
    const candidates = field
      ? (await ExpertEntry.query().whereRaw('fields \\? ?', [field]).orderBy('public_name')).filter((expert) => !invited.has(`${expert.portalSlug}/${expert.expertId}`))
      : []
    return ctx.view.render('pages/lawmaking/expertise/office', {
      draft,
      invitations,
      conclusions: new Map(conclusions.map((conclusion) => [conclusion.invitationId, conclusion])),
      remarks,
      fields: EXPERT_FIELDS,
      field,
      candidates,
      inviting: draft.stage === 'discussion' || draft.stage === 'reaction',
      dueDays: EXPERTISE_WORKING_DAYS,
    })
  }

  async invite(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    const { field, experts } = await ctx.request.validateUsing(inviteValidator)
    return orBack(ctx, async () => {
      const invited = await inviteExperts(draft.id, field, experts, ctx.auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
      ctx.session.flash('notice', ctx.i18n.t('lawmaking_expertise.flash.invited', { count: invited.length }))
      return ctx.response.redirect(`/lawmaking/office/drafts/${draft.id}/experts`)
    })
  }

  async file(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    const conclusion = await ReceivedConclusion.query().where('draft_id', draft.id).where('id', ctx.params.conclusionId).firstOrFail()
    ctx.response.header('content-type', conclusion.fileMime)
    ctx.response.header('content-disposition', `attachment; filename="conclusion-${conclusion.id}.${conclusion.fileMime === 'application/pdf' ? 'pdf' : 'p7s'}"`)
    ctx.response.header('cache-control', 'private, no-store')
    return ctx.response.stream(await drive.use().getStream(conclusion.fileKey))
  }
}
