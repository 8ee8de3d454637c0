import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import { refusal, type Translate } from '#modules/priorities/services/refusal'
import { notifyUsers } from '#modules/notifications/services/notify'
import { sendSuggestion } from '#modules/suggestions/actions/send_suggestion'
import { recordEvent } from '#modules/suggestions/services/timeline'

async function locked(trx: TransactionClientContract, id: number) {
  const suggestion = await trx.from('suggestions').where('id', id).forUpdate().first()
  if (!suggestion) throw new errors.E_NOT_FOUND('No such suggestion')
  return suggestion
}

function refuseUnless(suggestion: { status: string }, statuses: string[]) {
  if (!statuses.includes(suggestion.status)) throw new errors.E_FORBIDDEN_TRANSITION(`A suggestion in status ${suggestion.status} cannot do that`)
}

/**
 * The moderators' decisions on a suggestion, each audited and on its
 * timeline: publish it (it gathers support), decline it with a reason, send
 * it to its body now (without waiting for the threshold), re-address one the
 * body returned as "not ours", and hide or restore it.
 */
export class ModerateSuggestion {
  constructor(
    private actor: Actor,
    private t: Translate
  ) {}

  publish(id: number) {
    return tenantDb().transaction(async (trx) => {
      const suggestion = await locked(trx, id)
      refuseUnless(suggestion, ['moderation'])
      await trx.from('suggestions').where('id', id).update({ status: 'public', updated_at: clockDate() })
      await recordEvent(trx, id, 'published', {}, { actorId: this.actor.id })
      await recordAudit(this.actor, 'suggestions.published', { type: 'suggestion', id }, {}, trx)
      if (suggestion.author_id) await notifyUsers(trx, [suggestion.author_id], 'suggestion.published', `/suggestions/${id}`, { suggestionId: id, title: suggestion.title })
    })
  }

  decline(id: number, reason: string) {
    return tenantDb().transaction(async (trx) => {
      const suggestion = await locked(trx, id)
      refuseUnless(suggestion, ['moderation'])
      await trx.from('suggestions').where('id', id).update({ status: 'declined', moderation_note: reason, updated_at: clockDate() })
      // the author sees why; the public never sees a declined suggestion
      await recordEvent(trx, id, 'declined', { reason }, { actorId: this.actor.id, isPublic: false })
      await recordAudit(this.actor, 'suggestions.declined', { type: 'suggestion', id }, { reason }, trx)
      if (suggestion.author_id) await notifyUsers(trx, [suggestion.author_id], 'suggestion.declined', `/suggestions/${id}`, { suggestionId: id, title: suggestion.title })
    })
  }

  send(id: number) {
    return tenantDb().transaction(async (trx) => {
      const suggestion = await locked(trx, id)
      if (suggestion.hidden_at) throw new errors.E_FORBIDDEN_TRANSITION('A hidden suggestion is not sent')
      refuseUnless(suggestion, ['public', 'returned'])
      await sendSuggestion(trx, suggestion, 'moderator', this.actor.id)
      await recordAudit(this.actor, 'suggestions.sent', { type: 'suggestion', id }, { body: suggestion.body_slug }, trx)
    })
  }

  /** A suggestion the body returned goes to another body of the directory (a new round). */
  readdress(id: number, bodySlug: string) {
    return tenantDb().transaction(async (trx) => {
      const suggestion = await locked(trx, id)
      refuseUnless(suggestion, ['returned'])
      const body = await trx.from('known_bodies').where('slug', bodySlug).first()
      if (body.kind === 'municipality' && body.slug !== suggestion.municipality_code.replace(/-/g, '_')) {
        throw refusal('bodySlug', 'directory.foreign_municipality', this.t('suggestions.errors.foreign_municipality'))
      }
      const moved = { body_slug: body.slug, body_name_ru: body.name_ru, body_name_en: body.name_en }
      await trx.from('suggestions').where('id', id).update({ ...moved, updated_at: clockDate() })
      await recordEvent(trx, id, 'readdressed', { from: suggestion.body_slug, body: body.slug, bodyNameRu: body.name_ru, bodyNameEn: body.name_en }, { actorId: this.actor.id })
      await sendSuggestion(trx, { ...suggestion, ...moved }, 'moderator', this.actor.id)
      await recordAudit(this.actor, 'suggestions.readdressed', { type: 'suggestion', id }, { from: suggestion.body_slug, to: body.slug }, trx)
    })
  }

  setHidden(id: number, hidden: boolean, reason: string) {
    return tenantDb().transaction(async (trx) => {
      await locked(trx, id)
      await hideSuggestion(trx, id, hidden)
      await recordEvent(trx, id, hidden ? 'hidden' : 'restored', { reason }, { actorId: this.actor.id, isPublic: false })
      await recordAudit(this.actor, hidden ? 'suggestions.hidden' : 'suggestions.restored', { type: 'suggestion', id }, { reason }, trx)
    })
  }
}

/** Hidden: gone from the catalogue, the map, the statistics and its page for all but the author and moderators. */
export async function hideSuggestion(trx: TransactionClientContract, id: number, hidden: boolean) {
  await trx.from('suggestions').where('id', id).update({ hidden_at: hidden ? clockDate() : null, updated_at: clockDate() })
}
