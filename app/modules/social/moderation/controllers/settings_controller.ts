import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'
import { actorFromContext, recordAudit } from '#core/audit'
import { clockDate } from '#core/clock'
import { moduleMessages } from '#core/module_messages'
import { adminOrFail } from '#modules/social/moderation/services/access'
import { autoHideThreshold } from '#modules/social/moderation/services/settings'
import { settingsValidator } from '#modules/social/moderation/validators/moderation_validators'

/** Portal admins set how many flags from distinct users hide an item until a moderator decides. */
export default class SettingsController {
  async edit(ctx: HttpContext) {
    adminOrFail(ctx)
    return ctx.view.render('pages/social/moderation/settings', { threshold: await autoHideThreshold() })
  }

  async update(ctx: HttpContext) {
    const admin = adminOrFail(ctx)
    const { autoHideThreshold: threshold } = await ctx.request.validateUsing(settingsValidator, { messagesProvider: moduleMessages(ctx.i18n, 'social_moderation') })
    await tenantDb().transaction(async (trx) => {
      const before = await autoHideThreshold(trx)
      await trx
        .insertQuery()
        .table('social_moderation_settings')
        .insert({ id: 1, auto_hide_threshold: threshold, updated_by: admin.id, updated_at: clockDate() })
        .onConflict('id')
        .merge()
      await recordAudit(actorFromContext(ctx), 'social_moderation.settings_changed', { type: 'social_moderation_settings', id: 1 }, { autoHideThreshold: { from: before, to: threshold } }, trx)
    })
    ctx.session.flash('notice', ctx.i18n.t('social_moderation.flash.settings_saved'))
    return ctx.response.redirect('/moderation/settings')
  }
}
