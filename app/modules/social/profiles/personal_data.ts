import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * What one area of the portal holds about a user, for "export my data" (JSON)
 * and "delete my account". Each area keeps its own part in a file of its own.
 */
export interface PersonalDataPart {
  /** Key of this part in the exported JSON, e.g. 'publications'. */
  name: string
  /** Everything of this area the user wrote or set, as plain JSON (private content included: it is theirs). */
  export(userId: number): Promise<unknown>
  /**
   * On account deletion: remove what is only the user's (drafts, settings, follows, messages nobody else
   * saw); keep what others replied to, shown as "deleted user".
   */
  forget(userId: number, trx: TransactionClientContract): Promise<void>
}

const sources: Array<() => Promise<{ default: PersonalDataPart[] }>> = [
  () => import('#modules/social/profiles/personal_data_parts'),
  () => import('#modules/social/publications/personal_data_parts'),
  () => import('#modules/social/conversations/personal_data_parts'),
  () => import('#modules/suggestions/personal_data_parts'),
  () => import('#modules/social/moderation/personal_data_parts'),
]

export async function personalDataParts(): Promise<PersonalDataPart[]> {
  const modules = await Promise.all(sources.map((source) => source()))
  return modules.flatMap((module) => module.default)
}
