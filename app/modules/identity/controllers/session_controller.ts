import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import User from '#modules/identity/models/user'
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
 * Verifies credentials of an active user, counting failures against the limiter.
 * Returns the user, 'invalid' or the seconds to wait.
 */
export async function attemptCredentials(ctx: HttpContext, email: string, password: string) {
  const [throttled, user] = await loginLimiter().penalize(loginThrottleKey(ctx, email), async () => {
    const found = await User.verifyCredentials(email.toLowerCase(), password)
    if (found.status !== 'active') throw new Error('inactive account')
    return found
  })
  if (throttled) return { retryAfter: throttled.response.availableIn }
  return { user: user! }
}

/**
 * Sign in and out with a session on the tenant's host.
 */
export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, response, session, auth, i18n, tenant, view } = ctx
    const { email, password } = await request.validateUsing(loginValidator)

    let outcome: { user?: User; retryAfter?: number }
    try {
      outcome = await attemptCredentials(ctx, email, password)
    } catch {
      session.flashExcept(['password'])
      session.flash('loginError', i18n.t('auth.invalid_credentials'))
      return response.redirect('/login')
    }
    if (outcome.retryAfter !== undefined) {
      response.header('Retry-After', String(outcome.retryAfter))
      return response.status(429).send(
        await view.render('pages/auth/login', {
          email,
          loginError: i18n.t('auth.too_many_attempts', { seconds: outcome.retryAfter }),
        })
      )
    }

    const user = outcome.user!
    await auth.use('web').login(user)
    session.put(SESSION_TENANT_KEY, tenant.slug)
    user.lastLoginAt = DateTime.now()
    await user.save()
    await recordAudit({ ...actorFromContext(ctx), id: user.id, email: user.email }, 'auth.login', {
      type: 'user',
      id: user.id,
    })
    return response.redirect(tenant.kind === 'portal' && !['admin', 'moderator'].includes(user.role) ? '/' : '/dashboard')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.clear()
    return response.redirect('/login')
  }
}
