import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { actorFromContext } from '#core/audit'
import { moduleMessages } from '#core/module_messages'
import { wantsJson } from '#core/wants_json'
import { idParam, moderatorOrFail } from '#modules/social/moderation/services/access'
import { AppealRefusal, appealDeadline, decideAppeal, fileAppeal, type AppealTarget } from '#modules/social/moderation/actions/appeals'
import { appealDecisionValidator, appealValidator } from '#modules/social/moderation/validators/moderation_validators'
import { moderatedKinds } from '#modules/social/moderation/registry'
import { publicNames } from '#modules/social/profiles/public_names'

const PAGE_SIZE = 20

/**
 * Appeals: the author of hidden content or a sanctioned user appeals once
 * within 14 days (from "Moderation of my content", linked from every
 * moderation notification); another moderator decides.
 */
export default class AppealsController {
  /** Moderators: appeals waiting for a decision, oldest first. */
  async index(ctx: HttpContext) {
    const moderator = moderatorOrFail(ctx)
    const page = Math.max(1, Number(ctx.request.input('page')) || 1)
    const appeals = await tenantDb()
      .from('social_moderation_appeals as a')
      .leftJoin('social_moderation_decisions as d', 'd.id', 'a.decision_id')
      .leftJoin('social_moderation_cases as c', 'c.id', 'd.case_id')
      .leftJoin('social_sanctions as s', 's.id', 'a.sanction_id')
      .whereNull('a.decided_at')
      .orderBy('a.created_at', 'asc')
      .orderBy('a.id', 'asc')
      .select('a.*', 'd.reason as decision_reason', 'c.kind as case_kind', 'c.item_id', 's.kind as sanction_kind', 's.reason as sanction_reason', 's.until as sanction_until')
      .paginate(page, PAGE_SIZE)
    appeals.baseUrl('/moderation/appeals')
    const kinds = await moderatedKinds()
    const rows = await Promise.all(
      appeals.all().map(async (row) => ({
        ...row,
        kindLabel: row.case_kind ? (kinds.get(row.case_kind)?.label ?? row.case_kind) : null,
        content: row.case_kind ? ((await kinds.get(row.case_kind)?.load(row.item_id)) ?? null) : null,
        mayDecide: row.original_moderator_id !== moderator.id,
      }))
    )
    const names = await publicNames(rows.map((row) => row.user_id))
    return ctx.view.render('pages/social/moderation/appeals', { appeals, rows: rows.map((row) => ({ ...row, userName: names.get(row.user_id)?.name ?? '—' })) })
  }

  /** Another moderator upholds or overturns. */
  async decide(ctx: HttpContext) {
    const moderator = moderatorOrFail(ctx)
    const { i18n } = ctx
    const { outcome, reason } = await ctx.request.validateUsing(appealDecisionValidator, { messagesProvider: moduleMessages(i18n, 'social_moderation') })
    try {
      await decideAppeal(idParam(ctx), outcome, reason, { ...actorFromContext(ctx), id: moderator.id })
    } catch (error) {
      if (error instanceof AppealRefusal) return this.#refuse(ctx, error)
      throw error
    }
    ctx.session.flash('notice', i18n.t('social_moderation.flash.appeal_decided'))
    return ctx.response.redirect('/moderation/appeals')
  }

  /** The signed-in user's moderated content and sanctions, with what they may still appeal. */
  async mine(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const db = tenantDb()
    const kinds = await moderatedKinds()
    const cases = await db
      .from('social_moderation_cases')
      .where('author_user_id', user.id)
      .where((query) => query.where('hidden', true).orWhereNotNull('decision'))
      .whereIn('kind', [...kinds.keys()])
      .orderBy('updated_at', 'desc')
      .limit(100)
    const decisions = cases.length
      ? await db.from('social_moderation_decisions').whereIn('case_id', cases.map((row) => row.id)).where('action', 'hide').orderBy('created_at', 'desc')
      : []
    const sanctions = await db.from('social_sanctions').where('user_id', user.id).orderBy('created_at', 'desc').limit(100)
    const appeals = await db.from('social_moderation_appeals').where('user_id', user.id)
    const byDecision = new Map(appeals.filter((row) => row.decision_id).map((row) => [row.decision_id, row]))
    const bySanction = new Map(appeals.filter((row) => row.sanction_id).map((row) => [row.sanction_id, row]))
    const now = clockDate()
    const items = await Promise.all(
      cases.map(async (row) => {
        const hide = decisions.find((decision) => decision.case_id === row.id)
        const deadline = hide ? appealDeadline(hide.created_at) : null
        return {
          ...row,
          kindLabel: kinds.get(row.kind)!.label,
          content: (await kinds.get(row.kind)!.load(row.item_id)) ?? null,
          hideDecision: hide ?? null,
          appeal: hide ? (byDecision.get(hide.id) ?? null) : null,
          deadline,
          mayAppeal: !!hide && !byDecision.get(hide.id) && deadline! >= now,
        }
      })
    )
    return ctx.view.render('pages/social/moderation/mine', {
      items,
      sanctions: sanctions.map((row) => {
        const deadline = appealDeadline(row.created_at)
        return { ...row, appeal: bySanction.get(row.id) ?? null, deadline, mayAppeal: !bySanction.get(row.id) && deadline >= now }
      }),
    })
  }

  /** The user appeals a hide decision or a sanction (once, within 14 days). */
  async store(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const { i18n, request } = ctx
    const { text } = await request.validateUsing(appealValidator, { messagesProvider: moduleMessages(i18n, 'social_moderation') })
    const decisionId = Number(request.input('decisionId')) || null
    const sanctionId = Number(request.input('sanctionId')) || null
    if (!decisionId === !sanctionId) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'text', rule: 'appeal.target', message: i18n.t('social_moderation.errors.appeal_target') }])
    }
    const target: AppealTarget = decisionId ? { decisionId } : { sanctionId: sanctionId! }
    try {
      await fileAppeal(user.id, target, text, actorFromContext(ctx))
    } catch (error) {
      if (error instanceof AppealRefusal && error.code === 'appeal_late') {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'text', rule: 'appeal.late', message: i18n.t('social_moderation.errors.appeal_late') }])
      }
      if (error instanceof AppealRefusal) return this.#refuse(ctx, error)
      throw error
    }
    if (wantsJson(request)) return ctx.response.created({ appealed: true })
    ctx.session.flash('notice', i18n.t('social_moderation.flash.appealed'))
    return ctx.response.redirect('/moderation/mine')
  }

  #refuse(ctx: HttpContext, refusal: AppealRefusal) {
    const message = ctx.i18n.t(`social_moderation.errors.${refusal.code}`)
    if (wantsJson(ctx.request)) return ctx.response.status(refusal.status).json({ errors: [{ code: refusal.code, message }] })
    ctx.session.flash('errorsBag', { [refusal.code]: message })
    return ctx.response.redirect().back()
  }
}
