import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { actorFromContext, recordAudit } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import ApiKey from '#modules/problems/models/api_key'
import ProblemPolicy from '#modules/problems/policies/problem_policy'

const keyValidator = vine.create({ name: vine.string().trim().minLength(2).maxLength(120) })

/**
 * Portal admins issue and revoke Open311 API keys. A key files reports
 * under its own service account named after the application (the public
 * name on the problem), never under a citizen's identity.
 */
export default class Open311KeysController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('manageApiKeys')
    return view.render('pages/problems/open311', { keys: await ApiKey.query().orderBy('id', 'desc') })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('manageApiKeys')
    const { name } = await ctx.request.validateUsing(keyValidator)
    const secret = `o311_${randomBytes(24).toString('base64url')}`
    const key = await tenantDb().transaction(async (trx) => {
      const account = await User.create(
        { email: `open311-${randomBytes(8).toString('hex')}@open311.invalid`, fullName: name, role: 'citizen', password: null, status: 'active' },
        { client: trx }
      )
      return ApiKey.create(
        { name, keyHash: ApiKey.hash(secret), keyPrefix: secret.slice(0, 10), userId: account.id, createdBy: ctx.auth.getUserOrFail().id },
        { client: trx }
      )
    })
    await recordAudit(actorFromContext(ctx), 'open311_key.issued', { type: 'open311_key', id: key.id }, { name })
    ctx.session.flash('notice', ctx.i18n.t('problems.open311.issued', { name, key: secret }))
    return ctx.response.redirect('/problems/admin/open311')
  }

  async revoke(ctx: HttpContext) {
    await ctx.bouncer.with(ProblemPolicy).authorize('manageApiKeys')
    const key = await ApiKey.findOrFail(ctx.params.id)
    if (!key.revokedAt) {
      key.revokedAt = DateTime.now()
      await key.save()
      await recordAudit(actorFromContext(ctx), 'open311_key.revoked', { type: 'open311_key', id: key.id }, { name: key.name })
    }
    ctx.session.flash('notice', ctx.i18n.t('problems.open311.revoked_flash'))
    return ctx.response.redirect('/problems/admin/open311')
  }
}
