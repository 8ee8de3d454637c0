import i18nManager from '@adonisjs/i18n/services/main'
import { peopleByIds, badgesOf } from '#modules/social/profiles/services/people'

/** How a portal user appears next to what they wrote. */
export interface PublicName {
  name: string
  /** The public profile page, when the user has one (null for a deleted account). */
  url: string | null
  /** 'official' | 'expert' | 'organisation', in that order. */
  badges: string[]
  /** The account was deleted by its owner: what they wrote stays under "deleted user". */
  deleted?: boolean
}

/**
 * The public names of portal users, for authors of publications, comments,
 * messages and suggestions (current tenant scope): the social profile's
 * display name (or the citizen profile's, or the account's name for staff),
 * the profile's URL and the badges. `locale` names a deleted account.
 */
export async function publicNames(userIds: number[], locale = 'ru'): Promise<Map<number, PublicName>> {
  const names = new Map<number, PublicName>()
  const deletedUser = i18nManager.locale(locale).t('social_profiles.deleted_user')
  for (const [id, person] of await peopleByIds(userIds)) {
    if (person.deleted) names.set(id, { name: deletedUser, url: null, badges: [], deleted: true })
    else names.set(id, { name: person.displayName, url: `/people/${id}`, badges: badgesOf(person) })
  }
  return names
}
