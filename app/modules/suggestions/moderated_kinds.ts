import type { ModeratedKind } from '#modules/social/moderation/registry'
import { tenantDb } from '#tenancy/tenant_model'
import { hideSuggestion } from '#modules/suggestions/actions/moderate_suggestion'

/** This module's kinds of user content, as the moderation queue sees them. */
const kinds: ModeratedKind[] = [
  {
    kind: 'suggestions.suggestion',
    label: 'suggestions.moderation.kind',
    ownPage: true,
    async load(id, trx) {
      const row = await (trx ?? tenantDb()).from('suggestions').where('id', id).select('author_id', 'title', 'content', 'hidden_at').first()
      if (!row) return null
      return {
        authorUserId: row.author_id,
        excerpt: `${row.title}. ${row.content}`.slice(0, 300),
        url: `/suggestions/${id}`,
        hidden: !!row.hidden_at,
      }
    },
    setHidden(id, hidden, trx) {
      return hideSuggestion(trx, id, hidden)
    },
  },
]

export default kinds
