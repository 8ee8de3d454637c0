import type { HttpContext } from '@adonisjs/core/http'
import User from '#modules/identity/models/user'
import { actorFromContext, recordAudit } from '#core/audit'
import { tokenRequestValidator } from '#modules/identity/validators/session_validators'
import { attemptCredentials } from '#modules/identity/controllers/session_controller'

/**
 * Access tokens for mobile apps and integrations (Bearer auth on /api).
 */
export default class TokensController {
  async store(ctx: HttpContext) {
    const { request, response, i18n } = ctx
    const { email, password, name } = await request.validateUsing(tokenRequestValidator)
    const outcome = await attemptCredentials(ctx, email, password)
    if ('refused' in outcome) {
      return response.unauthorized({ errors: [{ message: i18n.t('auth.invalid_credentials') }] })
    }
    if ('retryAfter' in outcome) {
      response.header('Retry-After', String(outcome.retryAfter))
      return response.tooManyRequests({
        errors: [{ message: i18n.t('auth.too_many_attempts', { seconds: outcome.retryAfter }) }],
      })
    }
    const user = outcome.user
    const token = await User.accessTokens.create(user, ['*'], { name: name ?? 'api' })
    await recordAudit({ ...actorFromContext(ctx), id: user.id, email: user.email }, 'auth.token_created', {
      type: 'user',
      id: user.id,
    })
    return response.created({
      type: 'bearer',
      token: token.value!.release(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
    })
  }

  async destroy({ auth, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    return response.noContent()
  }
}
