import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import { errors } from '#core/errors'
import { regionTodayIso } from '#core/region_time'
import { KeysetPaginator, keysetCursor } from '#core/keyset_paginator'
import { moduleMessages } from '#core/module_messages'
import { hasConfirmedEmail } from '#modules/problems/actions/register_citizen'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import type Remark from '#modules/lawmaking/models/remark'
import RemarkPolicy from '#modules/lawmaking/policies/remark_policy'
import { SubmitRemark, remarksRefusal, type RemarkInput } from '#modules/lawmaking/actions/submit_remark'
import { toggleSupport } from '#modules/lawmaking/actions/support_remark'
import { flagLimiter, flagLimiterKey, flaggedBy } from '#modules/lawmaking/actions/flag_remark'
import { latestClause } from '#modules/lawmaking/services/public_drafts'
import { clauseRemarksPage, findRemark, myRemarksPage, repliesTo, supportedBy, type Reader } from '#modules/lawmaking/services/public_remarks'
import { remarkValidator, replyValidator } from '#modules/lawmaking/validators/portal_validators'
import { wantsJson } from '#core/wants_json'
import { mayPublish } from '#modules/social/moderation/registry'
import { publishingRefusal } from '#modules/social/moderation/services/guard_message'

const REMARKS_PAGE = 30
const MY_REMARKS_PAGE = 20

/** Remarks and replies a citizen may post per hour (LAWMAKING_REMARKS_PER_HOUR). */
const remarkLimiter = () => limiter.use({ requests: env.get('LAWMAKING_REMARKS_PER_HOUR') ?? 20, duration: '1 hour' })

/** What a refused post shows again: the typed remark, or the reply under its remark. */
interface Typed {
  remark?: Record<string, unknown>
  reply?: { parentId: number; text: unknown }
}

function reader(ctx: HttpContext): Reader {
  const user = ctx.auth.user
  return { id: user?.id ?? null, moderator: !!user && user.hasRole('moderator', 'admin') }
}

/**
 * A clause of a draft with its remarks, threaded replies and support; the
 * remark and reply forms for confirmed citizens while the discussion is
 * open (409 after the period, 429 past the hourly limit, nothing typed
 * lost); a citizen's own remarks.
 */
export default class RemarksController {
  async show(ctx: HttpContext) {
    const draft = await PublicDraft.findOrFail(ctx.params.id)
    return this.#render(ctx, draft, ctx.params.key)
  }

  async store(ctx: HttpContext) {
    const draft = await PublicDraft.findOrFail(ctx.params.id)
    const key = ctx.params.key as string
    const typed = { remark: ctx.request.only(['text', 'fragment', 'proposedWording', 'reason']) }
    const refused = await this.#refusal(ctx, draft, key, typed)
    if (refused) return refused.body
    const data = await ctx.request.validateUsing(remarkValidator, { messagesProvider: moduleMessages(ctx.i18n, 'lawmaking') })
    return this.#submit(ctx, draft, key, { clauseKey: key, ...data }, typed)
  }

  async reply(ctx: HttpContext) {
    const parent = await findRemark(Number(ctx.params.id), reader(ctx))
    if (!parent || parent.parentId || parent.hiddenAt) throw new errors.E_NOT_FOUND(`No remark ${ctx.params.id} to reply to`)
    const draft = await PublicDraft.findOrFail(parent.draftId)
    const typed = { reply: { parentId: parent.id, text: ctx.request.input('reply') } }
    const refused = await this.#refusal(ctx, draft, parent.clauseKey, typed)
    if (refused) return refused.body
    const { reply: text } = await ctx.request.validateUsing(replyValidator, { messagesProvider: moduleMessages(ctx.i18n, 'lawmaking') })
    return this.#submit(ctx, draft, parent.clauseKey, { clauseKey: parent.clauseKey, text, parentId: parent.id }, typed)
  }

  /** +1 to someone else's remark, or taken back. */
  async support(ctx: HttpContext) {
    const { auth, bouncer, i18n, response, session } = ctx
    const remark = await findRemark(Number(ctx.params.id), reader(ctx))
    if (!remark || remark.hiddenAt) throw new errors.E_NOT_FOUND(`No remark ${ctx.params.id}`)
    await bouncer.with(RemarkPolicy).authorize('support', remark)
    const user = auth.getUserOrFail()
    const page = `/lawmaking/drafts/${remark.draftId}/clauses/${remark.clauseKey}`
    if (!(await hasConfirmedEmail(user))) {
      if (wantsJson(ctx.request)) return response.forbidden({ errors: [{ code: 'E_UNCONFIRMED', message: i18n.t('lawmaking.remarks.unconfirmed') }] })
      session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('lawmaking.remarks.unconfirmed') })
      return response.redirect(`${page}#remark-${remark.id}`)
    }
    const supported = await toggleSupport(remark.id, user)
    const message = i18n.t(supported ? 'lawmaking.flash.supported' : 'lawmaking.flash.unsupported')
    if (wantsJson(ctx.request)) {
      const fresh = await findRemark(remark.id, reader(ctx))
      return { supported, supportCount: fresh?.supportCount ?? 0, message }
    }
    session.flash('notice', message)
    return response.redirect(`${page}#remark-${remark.id}`)
  }

  async mine({ auth, request, view }: HttpContext) {
    const cursor = keysetCursor(request.qs())
    const rows = await myRemarksPage(auth.getUserOrFail().id, cursor, KeysetPaginator.limitFor(MY_REMARKS_PAGE))
    const remarks = new KeysetPaginator(
      rows.map((row) => ({ ...row, id: row.remark.id })),
      MY_REMARKS_PAGE,
      cursor
    ).baseUrl('/lawmaking/my-remarks')
    return view.render('pages/lawmaking/portal/my_remarks', { remarks })
  }

  /**
   * Why this post is refused before it is read: not confirmed (the form
   * asks to confirm the e-mail) or the discussion is not open (409 naming
   * the end date). Null when it may go on; else what the action returns
   * (the response is set already).
   */
  async #refusal(ctx: HttpContext, draft: PublicDraft, key: string, typed: Typed): Promise<{ body: unknown } | null> {
    const { auth, bouncer, i18n, response, session } = ctx
    await bouncer.with(RemarkPolicy).authorize('remark')
    if (!(await hasConfirmedEmail(auth.getUserOrFail()))) {
      if (wantsJson(ctx.request)) {
        response.forbidden({ errors: [{ code: 'E_UNCONFIRMED', message: i18n.t('lawmaking.remarks.unconfirmed') }] })
      } else {
        session.flash('errorsBag', { E_UNCONFIRMED: i18n.t('lawmaking.remarks.unconfirmed') })
        response.redirect(`/lawmaking/drafts/${draft.id}/clauses/${key}`)
      }
      return { body: undefined }
    }
    // a moderator's suspension or block (social moderation) leaves the citizen read-only
    const verdict = await mayPublish(auth.getUserOrFail().id)
    if (!verdict.allowed) return { body: await this.#refuse(ctx, draft, key, 403, 'E_PUBLISHING_SUSPENDED', publishingRefusal(i18n, verdict), typed) }
    const refusal = remarksRefusal(draft, regionTodayIso(), (name, data) => i18n.t(name, data))
    return refusal ? { body: await this.#refuse(ctx, draft, key, 409, 'E_FORBIDDEN_TRANSITION', refusal, typed) } : null
  }

  async #submit(ctx: HttpContext, draft: PublicDraft, key: string, input: RemarkInput, typed: Typed) {
    const { auth, i18n, response, session } = ctx
    const user = auth.getUserOrFail()
    let remark: Remark | undefined
    try {
      remark = await remarkLimiter().attempt(`lawmaking:remarks:${ctx.tenant.slug}:${user.id}`, () =>
        new SubmitRemark().handle(draft.id, input, user, (name, data) => i18n.t(name, data))
      )
    } catch (error) {
      // the period ended between the page and the post
      if ((error as { code?: string }).code !== 'E_FORBIDDEN_TRANSITION') throw error
      return this.#refuse(ctx, draft, key, 409, 'E_FORBIDDEN_TRANSITION', (error as Error).message, typed)
    }
    if (!remark) return this.#refuse(ctx, draft, key, 429, 'E_TOO_MANY_REQUESTS', i18n.t('lawmaking.remarks.too_many'), typed)
    const anchor = `#remark-${input.parentId ?? remark.id}`
    if (wantsJson(ctx.request)) {
      return response.created({ remark: { id: remark.id, parentId: remark.parentId, clauseKey: remark.clauseKey, versionNumber: remark.versionNumber, url: `/lawmaking/drafts/${draft.id}/clauses/${remark.clauseKey}${anchor}` } })
    }
    session.flash('notice', i18n.t(input.parentId ? 'lawmaking.flash.replied' : 'lawmaking.flash.remarked'))
    return response.redirect(`/lawmaking/drafts/${draft.id}/clauses/${remark.clauseKey}${anchor}`)
  }

  /** The clause page again with the refusal and what was typed (or JSON), with the status. */
  async #refuse(ctx: HttpContext, draft: PublicDraft, key: string, status: 403 | 409 | 429, code: string, message: string, typed: Typed) {
    ctx.response.status(status)
    if (wantsJson(ctx.request)) return ctx.response.json({ errors: [{ code, message }] })
    return this.#render(ctx, draft, key, { refusal: message, typed })
  }

  async #render(ctx: HttpContext, draft: PublicDraft, key: string, extra: { refusal?: string; typed?: Typed } = {}) {
    const { auth, request, view } = ctx
    const clause = await latestClause(draft.id, key)
    if (!clause) throw new errors.E_NOT_FOUND(`No clause ${key} in draft ${draft.id}`)
    const current = clause.version === draft.currentVersion
    const who = reader(ctx)
    const cursor = keysetCursor(request.qs())
    const remarks = new KeysetPaginator(await clauseRemarksPage(draft.id, key, who, cursor, KeysetPaginator.limitFor(REMARKS_PAGE)), REMARKS_PAGE, cursor).baseUrl(
      `/lawmaking/drafts/${draft.id}/clauses/${key}`
    )
    const ids = remarks.all().map((remark) => remark.id)
    const replies = await repliesTo(ids, who)
    const user = auth.user
    const today = regionTodayIso()
    const confirmed = user ? await hasConfirmedEmail(user) : false
    const shown = [...ids, ...[...replies.values()].flat().map((reply) => reply.id)]
    return view.render('pages/lawmaking/portal/clause', {
      draft,
      clause,
      current,
      remarks,
      replies,
      supported: await supportedBy(user?.id ?? null, ids),
      // a remark applies to the current text unchanged iff the clause has not changed since its version
      earlier: new Set(remarks.all().filter((remark) => !current || clause.changedIn > remark.versionNumber).map((remark) => remark.id)),
      open: current && draft.isOpenForRemarks(today),
      closedNote: remarksRefusal(draft, today, (name, data) => ctx.i18n.t(name, data)),
      confirmed,
      // who may flag now: confirmed, with flags left this hour (each remark once, never one's own)
      mayFlag: !!user && user.isActive && confirmed && (await flagLimiter().remaining(flagLimiterKey(ctx.tenant.slug, user.id))) > 0,
      flagged: await flaggedBy(user?.id ?? null, shown),
      moderator: who.moderator,
      refusal: extra.refusal ?? null,
      typed: extra.typed ?? {},
    })
  }
}
