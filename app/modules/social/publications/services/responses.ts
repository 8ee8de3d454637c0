import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import drive from '@adonisjs/drive/services/main'
import { wantsJson } from '#core/wants_json'
import { PublishingRefused, assertMayPublish } from '#modules/social/publications/services/refusal'

/** Writes per person and hour: publications and galleries, comments, likes and votes. */
export const LIMITS = {
  publications: { requests: 20, duration: '1 hour' },
  comments: { requests: 60, duration: '1 hour' },
  reactions: { requests: 300, duration: '1 hour' },
} as const

/**
 * Runs a user's write under the publishing guard and a rate limit: a
 * suspended author gets a 403 (JSON) or the reason on the page they came
 * from; too many writes a 429.
 */
export async function guardedWrite<T>(ctx: HttpContext, bucket: keyof typeof LIMITS, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: unknown }> {
  const user = ctx.auth.getUserOrFail()
  try {
    // the moderation area's guard first: a suspended author's likes and votes are refused as their texts are
    await assertMayPublish(user.id, (key, data) => ctx.i18n.t(key, data))
    const value = await limiter.use(LIMITS[bucket]).attempt(`social:${bucket}:${ctx.tenant.slug}:${user.id}`, work)
    if (value === undefined) {
      const message = ctx.i18n.t('social_publications.errors.too_fast')
      ctx.response.status(429)
      return { ok: false, response: wantsJson(ctx.request) ? { error: message } : ctx.view.render('pages/social/publications/too_many', { message }) }
    }
    return { ok: true, value }
  } catch (error) {
    if (!(error instanceof PublishingRefused)) throw error
    if (wantsJson(ctx.request)) {
      ctx.response.status(403)
      return { ok: false, response: { error: error.userMessage } }
    }
    ctx.session.flash('errorsBag', { E_PUBLISHING_REFUSED: error.userMessage })
    return { ok: false, response: ctx.response.redirect().back() }
  }
}

/** A done write: JSON for scripts, otherwise a notice and a redirect. */
export function done(ctx: HttpContext, key: string, location: string, json: Record<string, unknown> = {}) {
  if (wantsJson(ctx.request)) return ctx.response.json({ message: ctx.i18n.t(key), ...json })
  ctx.session.flash('notice', ctx.i18n.t(key))
  return ctx.response.redirect(location)
}

/** Streams a stored photo; hidden content's photos are never kept by a shared cache. */
export async function sendPhoto(ctx: HttpContext, key: string, mimeType: string, hidden: boolean) {
  ctx.response.header('content-type', mimeType)
  ctx.response.header('x-content-type-options', 'nosniff')
  ctx.response.header('cache-control', hidden ? 'private, no-store' : 'public, max-age=86400')
  return ctx.response.send(Buffer.from(await drive.use().getBytes(key)))
}
