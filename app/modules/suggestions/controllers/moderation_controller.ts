import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'
import { actorFromContext, recordAudit } from '#core/audit'
import { clockDate } from '#core/clock'
import SuggestionPolicy from '#modules/suggestions/policies/suggestion_policy'
import { ModerateSuggestion } from '#modules/suggestions/actions/moderate_suggestion'
import { SUGGESTION_CATEGORIES } from '#modules/suggestions/services/catalog'
import { readdressValidator, reasonValidator, thresholdsValidator } from '#modules/suggestions/validators/suggestion_validators'

const QUEUE_SIZE = 50

/**
 * The portal's moderators: the queue of new suggestions and of those a body
 * returned as "not ours", publish / decline, send to the body now,
 * re-address, hide / restore; admins set the support thresholds.
 */
export default class SuggestionsModerationController {
  #action(ctx: HttpContext) {
    return new ModerateSuggestion(actorFromContext(ctx), ctx.i18n.t.bind(ctx.i18n))
  }

  async index(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    const columns = ['id', 'category', 'title', 'content', 'status', 'municipality_code', 'body_slug', 'body_name_ru', 'body_name_en', 'supports_count', 'created_at', 'hidden_at']
    const [fresh, returned, ready] = await Promise.all([
      tenantDb().from('suggestions').where('status', 'moderation').select(columns).orderBy('id').limit(QUEUE_SIZE),
      tenantDb().from('suggestions').where('status', 'returned').select(columns).orderBy('id').limit(QUEUE_SIZE),
      tenantDb().from('suggestions').where('status', 'public').whereNull('hidden_at').select(columns).orderBy('supports_count', 'desc').orderBy('id').limit(QUEUE_SIZE),
    ])
    const en = ctx.i18n.locale === 'en'
    const bodies = await tenantDb().from('known_bodies').orderByRaw(`kind = 'municipality'`).orderBy(en ? 'name_en' : 'name_ru').select('slug', 'name_ru', 'name_en')
    return ctx.view.render('pages/suggestions/moderation', {
      fresh,
      returned,
      ready,
      bodyOptions: bodies.map((body) => ({ value: body.slug, label: en ? body.name_en : body.name_ru })),
      canConfigure: await ctx.bouncer.with(SuggestionPolicy).allows('configure'),
    })
  }

  async #done(ctx: HttpContext, key: string) {
    ctx.session.flash('notice', ctx.i18n.t(`suggestions.flash.${key}`))
    return ctx.response.redirect().back()
  }

  async publish(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    await this.#action(ctx).publish(Number(ctx.params.id))
    return this.#done(ctx, 'published')
  }

  async decline(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    await this.#action(ctx).decline(Number(ctx.params.id), reason)
    return this.#done(ctx, 'declined')
  }

  async send(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    await this.#action(ctx).send(Number(ctx.params.id))
    return this.#done(ctx, 'sent')
  }

  async readdress(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    const { bodySlug } = await ctx.request.validateUsing(readdressValidator)
    await this.#action(ctx).readdress(Number(ctx.params.id), bodySlug)
    return this.#done(ctx, 'sent')
  }

  async hide(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    await this.#action(ctx).setHidden(Number(ctx.params.id), true, reason)
    return this.#done(ctx, 'hidden')
  }

  async restore(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('moderate')
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    await this.#action(ctx).setHidden(Number(ctx.params.id), false, reason)
    return this.#done(ctx, 'restored')
  }

  async thresholds(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('configure')
    const rows = await tenantDb().from('suggestion_categories').orderBy('position')
    return ctx.view.render('pages/suggestions/thresholds', { rows })
  }

  async saveThresholds(ctx: HttpContext) {
    await ctx.bouncer.with(SuggestionPolicy).authorize('configure')
    const { thresholds } = await ctx.request.validateUsing(thresholdsValidator)
    await tenantDb().transaction(async (trx) => {
      for (const code of SUGGESTION_CATEGORIES) {
        await trx.from('suggestion_categories').where('code', code).update({ threshold: thresholds[code], updated_at: clockDate() })
      }
      await recordAudit(actorFromContext(ctx), 'suggestions.thresholds_changed', null, thresholds, trx)
    })
    ctx.session.flash('notice', ctx.i18n.t('suggestions.flash.thresholds_saved'))
    return ctx.response.redirect('/suggestions/admin/thresholds')
  }
}
