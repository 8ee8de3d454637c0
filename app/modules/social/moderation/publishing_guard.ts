import type { PublishingVerdict } from '#modules/social/moderation/registry'

/** Whether the user may publish now (suspensions and blocks decided by moderators). */
export default async function publishingGuard(_userId: number): Promise<PublishingVerdict> {
  return { allowed: true }
}
