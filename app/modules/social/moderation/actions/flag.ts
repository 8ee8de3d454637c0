import limiter from '@adonisjs/limiter/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { clockDate } from '#core/clock'
import { recordAudit, systemActor } from '#core/audit'
import { notifyUsers } from '#modules/notifications/services/notify'
import { moderatedKind, type FlagReason } from '#modules/social/moderation/registry'
import { autoHideThreshold } from '#modules/social/moderation/services/settings'

/** Flags a user may raise per hour on a portal (any kinds together). */
export const FLAGS_PER_HOUR = 30

export const flagLimiter = () => limiter.use({ requests: FLAGS_PER_HOUR, duration: '1 hour' })

export function flagLimiterKey(tenantSlug: string, userId: number) {
  return `social:moderation:flags:${tenantSlug}:${userId}`
}

export type FlagOutcome = 'flagged' | 'already' | 'hidden'

/**
 * A signed-in user flags someone else's visible item, once per item. The
 * item's case opens (or reopens after an earlier decision); when the open
 * flags from distinct users reach the portal's threshold the item is hidden
 * through its kind until a moderator decides, and its author is told.
 * Throws 404 for an unknown kind, a missing or hidden item, or one's own item.
 */
export async function flagItem(kindName: string, itemId: number, userId: number, reason: FlagReason, note: string | null): Promise<FlagOutcome> {
  const kind = await moderatedKind(kindName)
  if (!kind) throw new errors.E_NOT_FOUND(`No moderated kind ${kindName}`)
  let autoHidden: { caseId: number; authorUserId: number | null; flags: number } | null = null
  const outcome = await tenantDb().transaction(async (trx) => {
    const content = await kind.load(itemId, trx)
    if (!content || content.hidden || content.authorUserId === userId) throw new errors.E_NOT_FOUND(`No ${kindName} ${itemId} to flag`)
    const now = clockDate()
    await trx
      .insertQuery()
      .table('social_moderation_cases')
      .insert({ kind: kindName, item_id: itemId, author_user_id: content.authorUserId, state: 'pending', first_flag_at: now, created_at: now, updated_at: now })
      .onConflict(['kind', 'item_id'])
      .ignore()
    const found = await trx.from('social_moderation_cases').where({ kind: kindName, item_id: itemId }).forUpdate().firstOrFail()
    const inserted = await trx
      .insertQuery()
      .table('social_moderation_flags')
      .insert({ case_id: found.id, user_id: userId, reason, note: note || null, created_at: now })
      .onConflict(['case_id', 'user_id'])
      .ignore()
      .returning('id')
    if (!inserted.length) return 'already' as const
    if (kind.flagged) await kind.flagged(itemId, userId, reason, note || null, trx)
    const openFlags = Number(found.open_flags) + 1
    const reopened = found.state === 'decided' || Number(found.open_flags) === 0
    const changes: Record<string, unknown> = { open_flags: openFlags, state: 'pending', author_user_id: content.authorUserId, updated_at: now }
    // the queue measures from the first flag it has not dealt with yet
    if (reopened) changes.first_flag_at = now
    if (!found.hidden && openFlags >= (await autoHideThreshold(trx))) {
      await kind.setHidden(itemId, true, trx, null)
      Object.assign(changes, { hidden: true, auto_hidden_at: now })
      autoHidden = { caseId: found.id, authorUserId: content.authorUserId, flags: openFlags }
      if (content.authorUserId) {
        await notifyUsers(trx, [content.authorUserId], 'social_moderation.auto_hidden', '/moderation/mine', { excerpt: content.excerpt.slice(0, 80) })
      }
    }
    await trx.from('social_moderation_cases').where('id', found.id).update(changes)
    return autoHidden ? ('hidden' as const) : ('flagged' as const)
  })
  if (autoHidden) {
    const { caseId, flags } = autoHidden as { caseId: number; flags: number }
    await recordAudit(systemActor('moderation.auto_hide'), 'social_moderation.auto_hidden', { type: 'social_moderation_case', id: caseId }, { kind: kindName, itemId, flags })
  }
  return outcome
}
