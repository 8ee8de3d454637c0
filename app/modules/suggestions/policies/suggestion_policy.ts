import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#modules/identity/models/user'

/** What the policy needs of a suggestion row. */
export interface SuggestionFacts {
  author_id: number | null
  status: string
  hidden_at: Date | null
}

/**
 * The portal's side: everybody reads public suggestions; one in moderation,
 * declined or hidden only its author and the moderators. Citizens submit and
 * support (not their own); moderators and admins moderate; admins set the
 * support thresholds.
 */
export default class SuggestionPolicy extends BasePolicy {
  @allowGuest()
  view(user: User | null, suggestion: SuggestionFacts): AuthorizerResponse {
    const open = !suggestion.hidden_at && suggestion.status !== 'moderation' && suggestion.status !== 'declined'
    if (open) return true
    return !!user && (user.id === suggestion.author_id || user.hasRole('moderator', 'admin'))
  }

  submit(user: User): AuthorizerResponse {
    return user.isActive
  }

  support(user: User, suggestion: SuggestionFacts): AuthorizerResponse {
    return user.isActive && suggestion.author_id !== user.id && suggestion.status === 'public' && !suggestion.hidden_at
  }

  moderate(user: User): AuthorizerResponse {
    return user.hasRole('moderator', 'admin')
  }

  configure(user: User): AuthorizerResponse {
    return user.hasRole('admin')
  }
}
