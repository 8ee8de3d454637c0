import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import User from '#modules/identity/models/user'
import { errors } from '#core/errors'
import { sameHostPath } from '#core/safe_redirect'
import { actorFromContext, recordAudit } from '#core/audit'
import { loginValidator } from '#modules/identity/validators/session_validators'
import { SESSION_TENANT_KEY } from '#middleware/tenant_session_guard_middleware'

/**
 * Failed sign-ins per tenant, address and email: 5 a minute, then a
 * 15-minute block. Exported so the API token endpoint shares the budget.
 */
export const loginLimiter = () => limiter.use({ requests: 5, duration: '1 min', blockDuration: '15 mins' })

export function loginThrottleKey(ctx: HttpContext, email: string) {
  return `login:${ctx.tenant.slug}:${ctx.request.ip()}:${email.toLowerCase()}`
}

/**
 * Verifies credentials of an active user, counting refusals (and only
 * refusals: a wrong password, an inactive account) against the limiter.
 * Returns the user, `refused`, or the seconds to wait. A database or Redis
 * failure is not a wrong password: it is logged and thrown as
 * E_SERVICE_UNAVAILABLE (503), and it neither costs nor clears an attempt.
 */
export async function attemptCredentials(ctx: HttpContext, email: string, password: string): Promise<{ user: User } | { refused: true } | { retryAfter: number }> {
  const limiter = loginLimiter()
  const key = loginThrottleKey(ctx, email)
  try {
    const state = await limiter.get(key)
    if (state && state.remaining <= 0) return { retryAfter: state.availableIn }
    let user: User | null = null
    try {
      user = await User.verifyCredentials(email.toLowerCase(), password)
    } catch (error) {
      if ((error as { code?: string }).code !== 'E_INVALID_CREDENTIALS') throw error
    }
    if (!user || user.status !== 'active') {
      const { consumed, limit } = await limiter.increment(key)
      if (consumed >= limit && limiter.blockDuration) await limiter.block(key, limiter.blockDuration)
      return { refused: true }
    }
    await limiter.delete(key)
    return { user }
  } catch (error) {
    ctx.logger.error({ err: error }, 'sign-in could not check credentials')
    throw new errors.E_SERVICE_UNAVAILABLE('Credentials cannot be checked now', { cause: error })
  }
}

/**
 * Sign in and out with a session on the tenant's host.
 */
export default class SessionController {
  /** `?next=` (a path on this host, anything else is dropped) is where a successful sign-in goes. */
  async create({ view, request }: HttpContext) {
    return view.render('pages/auth/login', { next: sameHostPath(request.qs().next, '') })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, auth, i18n, tenant, view } = ctx
    const { email, password } = await request.validateUsing(loginValidator)

    const next = sameHostPath(request.input('next'), '')
    const outcome = await attemptCredentials(ctx, email, password)
    if ('refused' in outcome) {
      session.flashExcept(['password'])
      session.flash('loginError', i18n.t('auth.invalid_credentials'))
      return response.redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
    }
    if ('retryAfter' in outcome) {
      response.header('Retry-After', String(outcome.retryAfter))
      return response.status(429).send(
        await view.render('pages/auth/login', {
          email,
          next,
          loginError: i18n.t('auth.too_many_attempts', { seconds: outcome.retryAfter }),
        })
      )
    }

    const user = outcome.user
    await auth.use('web').login(user)
    session.put(SESSION_TENANT_KEY, tenant.slug)
    user.lastLoginAt = DateTime.now()
    await user.save()
    await recordAudit({ ...actorFromContext(ctx), id: user.id, email: user.email }, 'auth.login', {
      type: 'user',
      id: user.id,
    })
    if (next) return response.redirect(next)
    return response.redirect(tenant.kind === 'portal' && !['admin', 'moderator'].includes(user.role) ? '/' : '/dashboard')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.clear()
    return response.redirect('/login')
  }
}
