import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { tenantUrl } from '#tenancy/tenant_urls'
import { actorFromContext, recordAudit } from '#core/audit'
import PlannerPolicy from '#modules/planner/policies/planner_policy'
import { cachedFeed, feedSubscriber, plainFeed } from '#modules/planner/services/ical_feed'
import { feedTokenIssuedAt, regenerateFeedToken } from '#modules/planner/services/feed_tokens'

const FEED_TOKEN = /^[A-Za-z0-9_-]{20,64}$/

/**
 * The tenant's address as its users reach it: https when the request came
 * over https (directly, or through a trusted proxy's X-Forwarded-Proto),
 * even if APP_PROTOCOL still says http; never downgraded.
 */
function publicTenantUrl(ctx: Pick<HttpContext, 'request' | 'tenant'>) {
  const base = new URL(tenantUrl(ctx.tenant))
  if (ctx.request.protocol() === 'https' && base.protocol === 'http:') {
    base.protocol = 'https:'
    base.port = ''
  }
  return base.origin
}

/**
 * The iCalendar subscription: a page to get (or replace) the secret link,
 * and the public feed behind it. The feed needs no session: the token is
 * the credential, stored only as a hash; a new token revokes the old one.
 */
export default class PlannerFeedController {
  async show({ view, auth, bouncer }: HttpContext) {
    await bouncer.with(PlannerPolicy).authorize('use')
    return view.render('pages/planner/feed', { issuedAt: await feedTokenIssuedAt(auth.getUserOrFail().id) })
  }

  async regenerate(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, i18n, tenant } = ctx
    await bouncer.with(PlannerPolicy).authorize('use')
    const user = auth.getUserOrFail()
    const token = await regenerateFeedToken(user.id)
    await recordAudit(actorFromContext(ctx), 'planner.feed_token_regenerated', { type: 'user', id: user.id })
    const url = `${publicTenantUrl({ request, tenant })}/planner/feed/${token}.ics`
    if (request.url().startsWith('/api/')) return response.created({ data: { url } })
    session.flash('feedUrl', url)
    session.flash('notice', i18n.t('planner.feed.regenerated'))
    return response.redirect('/planner/feed')
  }

  async feed({ params, request, response, i18n, tenant }: HttpContext) {
    const token = String(params.token).replace(/\.ics$/, '')
    // the token's active owner and the stamp of their items: one query
    const subscriber = FEED_TOKEN.test(token) ? await feedSubscriber(token) : null
    if (!subscriber) throw new errors.E_NOT_FOUND('Unknown calendar feed')
    const { etag, gzipped } = await cachedFeed(subscriber, {
      baseUrl: publicTenantUrl({ request, tenant }),
      name: i18n.t('planner.feed.calendar_name', { name: subscriber.fullName }),
      labels: { deadline: i18n.t('planner.feed.deadline') },
    })
    response.header('content-type', 'text/calendar; charset=utf-8')
    response.header('cache-control', 'private, max-age=300')
    response.header('etag', etag)
    response.header('vary', 'Accept-Encoding')
    if (request.header('if-none-match') === etag) return response.notModified()
    if (/\bgzip\b/.test(request.header('accept-encoding') ?? '')) {
      response.header('content-encoding', 'gzip')
      return response.send(gzipped)
    }
    return response.send(await plainFeed(gzipped))
  }
}
