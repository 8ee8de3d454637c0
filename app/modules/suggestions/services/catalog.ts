/** Categories of suggestions, in the order the forms list them. */
export const SUGGESTION_CATEGORIES = ['transport_organisation', 'transport_route', 'regulation', 'order_change', 'other'] as const
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number]

/**
 * moderation → public (supported) → sent to the body → accepted | planned | rejected;
 * declined by a moderator; returned by the body ("not ours") to the moderators, who re-address it.
 */
export const SUGGESTION_STATUSES = ['moderation', 'declined', 'public', 'sent', 'returned', 'accepted', 'planned', 'rejected'] as const
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number]

/** What the public sees (the catalogue, the map, statistics). */
export const PUBLIC_STATUSES: SuggestionStatus[] = ['public', 'sent', 'returned', 'accepted', 'planned', 'rejected']

/** The body's answer. */
export const ANSWER_KINDS = ['accepted', 'planned', 'rejected', 'not_ours'] as const
export type AnswerKind = (typeof ANSWER_KINDS)[number]

/** What a suggestion may refer to on the portal. */
export const LINK_TYPES = ['problem', 'priority', 'draft'] as const
export type LinkType = (typeof LINK_TYPES)[number]

/** Days the body has to answer. */
export const ANSWER_DAYS = 10

/** Where a linked item lives on the portal. */
export function linkUrl(type: string | null, id: number | null) {
  if (!type || !id) return null
  if (type === 'problem') return `/problems/${id}`
  if (type === 'draft') return `/lawmaking/drafts/${id}`
  return `/priorities#priority-${id}`
}
