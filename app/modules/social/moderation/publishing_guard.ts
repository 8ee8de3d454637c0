import type { PublishingVerdict } from '#modules/social/moderation/registry'
import { activeSanction } from '#modules/social/moderation/services/sanctions'

/**
 * Whether the user may publish now: not while a moderator's suspension or
 * block is in force (suspended and blocked users are read-only). The verdict
 * says until when (null: indefinitely) and why; guard_message.ts words it.
 */
export default async function publishingGuard(userId: number): Promise<PublishingVerdict> {
  const sanction = await activeSanction(userId)
  if (!sanction) return { allowed: true }
  return { allowed: false, until: sanction.until, reason: sanction.reason }
}
