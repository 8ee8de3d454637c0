import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { actorFromContext } from '#core/audit'
import { moduleMessages } from '#core/module_messages'
import { idParam, moderatorOrFail } from '#modules/social/moderation/services/access'
import { imposeSanction, liftSanction, SanctionInputError } from '#modules/social/moderation/actions/sanctions'
import { liftValidator, sanctionValidator } from '#modules/social/moderation/validators/moderation_validators'
import { publicNames } from '#modules/social/profiles/public_names'

const PAGE_SIZE = 30

/** Moderators warn, suspend or block users, and lift sanctions early; newest first. */
export default class SanctionsController {
  async index(ctx: HttpContext) {
    moderatorOrFail(ctx)
    const page = Math.max(1, Number(ctx.request.input('page')) || 1)
    const sanctions = await tenantDb().from('social_sanctions').orderBy('created_at', 'desc').orderBy('id', 'desc').paginate(page, PAGE_SIZE)
    sanctions.baseUrl('/moderation/sanctions')
    const rows = sanctions.all()
    const names = await publicNames(rows.flatMap((row) => [row.user_id, row.created_by]).filter(Boolean))
    return ctx.view.render('pages/social/moderation/sanctions', {
      sanctions,
      rows: rows.map((row) => ({ ...row, userName: names.get(row.user_id)?.name ?? '—', byName: names.get(row.created_by)?.name ?? '—' })),
      now: clockDate(),
      userId: ctx.request.input('user') ?? '',
    })
  }

  async store(ctx: HttpContext) {
    const moderator = moderatorOrFail(ctx)
    const { i18n } = ctx
    const input = await ctx.request.validateUsing(sanctionValidator, { messagesProvider: moduleMessages(i18n, 'social_moderation') })
    try {
      await imposeSanction({ userId: input.userId, kind: input.kind, until: input.until ?? null, reason: input.reason }, { ...actorFromContext(ctx), id: moderator.id })
    } catch (error) {
      if (error instanceof SanctionInputError) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: error.field, rule: error.code, message: i18n.t(`social_moderation.errors.${error.code}`) }])
      }
      throw error
    }
    ctx.session.flash('notice', i18n.t('social_moderation.flash.sanctioned'))
    return ctx.response.redirect('/moderation/sanctions')
  }

  async lift(ctx: HttpContext) {
    const moderator = moderatorOrFail(ctx)
    const { i18n } = ctx
    const { reason } = await ctx.request.validateUsing(liftValidator, { messagesProvider: moduleMessages(i18n, 'social_moderation') })
    try {
      await liftSanction(idParam(ctx), reason, { ...actorFromContext(ctx), id: moderator.id })
    } catch (error) {
      if (error instanceof SanctionInputError) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: error.field, rule: error.code, message: i18n.t(`social_moderation.errors.${error.code}`) }])
      }
      throw error
    }
    ctx.session.flash('notice', i18n.t('social_moderation.flash.lifted'))
    return ctx.response.redirect('/moderation/sanctions')
  }
}
