import { errors as vineErrors } from '@vinejs/vine'
import { mayPublish } from '#modules/social/moderation/registry'
import { formatDate } from '#core/dates'

/** Translates an i18n key for the person acting. */
export type Translate = (key: string, data?: Record<string, unknown>) => string

/** A refusal on one field, answered 422 with the message in the person's language (JSON, or back to the form). */
export function refusal(field: string, rule: string, message: string) {
  return new vineErrors.E_VALIDATION_ERROR([{ field, rule, message }])
}

/** Refuses (403) a user whom moderators suspended or blocked, saying until when. */
export class PublishingRefused extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage)
  }
}

/** Asks the moderation area before anything a user writes is saved. */
export async function assertMayPublish(userId: number, t: Translate) {
  const verdict = await mayPublish(userId)
  if (verdict.allowed) return
  throw new PublishingRefused(
    verdict.until ? t('social_publications.errors.suspended_until', { until: formatDate(verdict.until), reason: verdict.reason }) : t('social_publications.errors.blocked', { reason: verdict.reason })
  )
}
