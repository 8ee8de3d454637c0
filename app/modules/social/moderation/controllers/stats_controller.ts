import type { HttpContext } from '@adonisjs/core/http'
import { moderatorOrFail } from '#modules/social/moderation/services/access'
import { moderationStats } from '#modules/social/moderation/services/stats'
import { moderatedKinds } from '#modules/social/moderation/registry'

/** Moderation statistics for moderators and admins. */
export default class StatsController {
  async show(ctx: HttpContext) {
    moderatorOrFail(ctx)
    const kinds = await moderatedKinds()
    const stats = await moderationStats()
    const label = (kind: string) => kinds.get(kind)?.label ?? null
    return ctx.view.render('pages/social/moderation/stats', { stats, label })
  }
}
