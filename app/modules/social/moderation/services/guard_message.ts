import type { I18n } from '@adonisjs/i18n'
import type { PublishingVerdict } from '#modules/social/moderation/registry'
import { formatDate } from '#core/dates'

/**
 * The refusal a module shows when mayPublish() says no, in the user's
 * language: until when (or indefinitely) and the moderator's reason.
 */
export function publishingRefusal(i18n: I18n, verdict: Exclude<PublishingVerdict, { allowed: true }>) {
  if (!verdict.until) return i18n.t('social_moderation.guard.blocked', { reason: verdict.reason })
  return i18n.t('social_moderation.guard.suspended_until', { until: formatDate(verdict.until, i18n.locale), reason: verdict.reason })
}
