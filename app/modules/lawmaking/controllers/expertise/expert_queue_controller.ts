import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { actorFromContext } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import Conclusion from '#modules/lawmaking/models/conclusion'
import { answerInvitation, invitationOf } from '#modules/lawmaking/actions/expertise/answer_invitation'
import { currentClauses, fileConclusion } from '#modules/lawmaking/actions/expertise/file_conclusion'
import { CONCLUSION_FILE_EXTENSIONS, CONCLUSION_FILE_MAX_MB, sniffConclusionUpload } from '#modules/lawmaking/services/conclusion_files'
import { conclusionValidator, declineValidator } from '#modules/lawmaking/validators/expertise_validators'
import { orBack, translatorOf } from '#modules/lawmaking/controllers/refusals'

/** The portal: an expert's queue of invitations, the answer to each, and the conclusion. */
export default class ExpertQueueController {
  async index({ auth, view }: HttpContext) {
    const profile = await ExpertProfile.findBy('user_id', auth.getUserOrFail().id)
    const invitations = profile
      ? await PublicExpertInvitation.query().where('expert_id', profile.id).preload('draft').preload('initiative').orderByRaw(`case when status in ('invited', 'accepted') then 0 else 1 end`).orderBy('due_on').orderBy('id', 'desc').limit(200)
      : []
    return view.render('pages/lawmaking/expertise/queue', { profile, invitations })
  }

  /** An invitation of a draft (remarks on its clauses) or of an initiative (no clauses). */
  async show({ auth, params, view }: HttpContext) {
    const invitation = await invitationOf(undefined, Number(params.id), auth.getUserOrFail())
    await invitation.load('draft')
    await invitation.load('initiative')
    const clauses = invitation.draft ? await currentClauses(tenantDb(), invitation.draft) : []
    const conclusion = await Conclusion.query().where('invitation_id', invitation.id).preload('remarks', (query) => query.orderBy('id')).first()
    return view.render('pages/lawmaking/expertise/invitation', { invitation, clauses, conclusion, maxMb: CONCLUSION_FILE_MAX_MB, remarkRows: 3 })
  }

  async accept(ctx: HttpContext) {
    return orBack(ctx, async () => {
      await answerInvitation(Number(ctx.params.id), true, null, ctx.auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
      ctx.session.flash('notice', ctx.i18n.t('lawmaking_expertise.flash.accepted'))
      return ctx.response.redirect(`/lawmaking/expertise/${ctx.params.id}`)
    })
  }

  async decline(ctx: HttpContext) {
    const { reason } = await ctx.request.validateUsing(declineValidator)
    return orBack(ctx, async () => {
      await answerInvitation(Number(ctx.params.id), false, reason, ctx.auth.getUserOrFail(), actorFromContext(ctx), translatorOf(ctx))
      ctx.session.flash('notice', ctx.i18n.t('lawmaking_expertise.flash.declined'))
      return ctx.response.redirect('/lawmaking/expertise')
    })
  }

  /** 422 for a file that is not a PDF or a CMS signature by its bytes (or too large), whatever its name. */
  async conclude(ctx: HttpContext) {
    const { request, i18n } = ctx
    const input = await request.validateUsing(conclusionValidator)
    const extname = input.file.clientName.split('.').pop()?.toLowerCase() ?? ''
    const type = input.file.tmpPath ? await sniffConclusionUpload(input.file.tmpPath) : null
    if (!type || !CONCLUSION_FILE_EXTENSIONS.includes(extname)) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'file', rule: 'file.conclusion', message: i18n.t('lawmaking_expertise.errors.file_type', { file: input.file.clientName }) }])
    }
    const remarks = (input.remark ?? []).flatMap((text, index) =>
      text ? [{ clauseKey: input.clauseKey?.[index] ?? '', text, proposedWording: input.proposedWording?.[index] ?? null }] : []
    )
    return orBack(ctx, async () => {
      const conclusion = await fileConclusion(
        Number(ctx.params.id),
        { verdict: input.verdict, summary: input.summary, remarks, file: { tmpPath: input.file.tmpPath!, clientName: input.file.clientName, size: input.file.size, type } },
        ctx.auth.getUserOrFail(),
        actorFromContext(ctx),
        translatorOf(ctx)
      )
      ctx.session.flash('notice', ctx.i18n.t(conclusion.initiativeId ? 'lawmaking_expertise.flash.concluded_initiative' : 'lawmaking_expertise.flash.concluded'))
      return ctx.response.redirect(`/lawmaking/expertise/${ctx.params.id}`)
    })
  }
}
