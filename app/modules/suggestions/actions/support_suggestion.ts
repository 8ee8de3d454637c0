import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'
import { sendSuggestion } from '#modules/suggestions/actions/send_suggestion'
import { recordEvent } from '#modules/suggestions/services/timeline'

/**
 * One support per person on a public suggestion (not one's own); at the
 * category's threshold the suggestion goes to its body over the bus, in the
 * same transaction. Supporting twice changes nothing.
 */
export class SupportSuggestion {
  async handle(suggestionId: number, user: User) {
    return tenantDb().transaction(async (trx) => {
      const suggestion = await trx.from('suggestions').where('id', suggestionId).whereNull('hidden_at').forUpdate().first()
      if (!suggestion || suggestion.author_id === user.id) throw new errors.E_NOT_FOUND('No such suggestion to support')
      if (suggestion.status !== 'public') throw new errors.E_FORBIDDEN_TRANSITION('Only a public suggestion gathers support')
      const inserted = await trx
        .insertQuery()
        .table('suggestion_supports')
        .insert({ suggestion_id: suggestionId, user_id: user.id, created_at: clockDate() })
        .onConflict(['suggestion_id', 'user_id'])
        .ignore()
        .returning('user_id')
      if (!inserted.length) return { supports: Number(suggestion.supports_count), sent: false }
      const supports = Number(suggestion.supports_count) + 1
      await trx.from('suggestions').where('id', suggestionId).update({ supports_count: supports, updated_at: clockDate() })
      const category = await trx.from('suggestion_categories').where('code', suggestion.category).first()
      if (supports < category.threshold) return { supports, sent: false }
      await recordEvent(trx, suggestionId, 'threshold_reached', { supports, threshold: category.threshold })
      await sendSuggestion(trx, { ...suggestion, supports_count: supports }, 'threshold', null)
      return { supports, sent: true }
    })
  }
}
