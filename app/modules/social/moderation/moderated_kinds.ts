import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import i18nManager from '@adonisjs/i18n/services/main'
import type { FlagReason, ModeratedKind } from '#modules/social/moderation/registry'
import { clockDate } from '#core/clock'
import { tenantDb } from '#tenancy/tenant_model'
import { recordDraftEvent } from '#modules/lawmaking/services/timeline'
import { clearFlags } from '#modules/lawmaking/actions/flag_remark'

/**
 * Citizens' remarks on draft acts (app/modules/lawmaking), as the one queue
 * sees them. Hiding and restoring keep law-making's own semantics (the same
 * columns its moderate_remark action writes: hidden_at and hidden_reason; a
 * "remark hidden" entry on the draft's public timeline; hiding clears the
 * remark's law-making flags), so its pages, summaries and its own queue at
 * /lawmaking/moderation stay right whichever queue a moderator works in; a
 * flag through the shared control is also recorded as a law-making flag.
 */
const lawmakingRemark: ModeratedKind = {
  kind: 'lawmaking.remark',
  label: 'social_moderation.kinds.lawmaking_remark',

  async load(id: number, trx?: TransactionClientContract) {
    const row = await (trx ?? tenantDb()).from('lawmaking_remarks').where('id', id).select('id', 'draft_id', 'clause_key', 'author_id', 'text', 'hidden_at').first()
    if (!row) return null
    const text = String(row.text).replace(/\s+/g, ' ').trim()
    return {
      authorUserId: row.author_id ?? null,
      excerpt: text.length > 300 ? `${text.slice(0, 299)}…` : text,
      url: `/lawmaking/drafts/${row.draft_id}/clauses/${row.clause_key}#remark-${row.id}`,
      hidden: !!row.hidden_at,
    }
  },

  async setHidden(id: number, hidden: boolean, trx: TransactionClientContract, reason?: string | null) {
    const row = await trx.from('lawmaking_remarks').where('id', id).forUpdate().first()
    if (!row || hidden === !!row.hidden_at) return
    await trx
      .from('lawmaking_remarks')
      .where('id', id)
      .update(hidden ? { hidden_at: DateTime.now().toJSDate(), hidden_reason: reason ?? null } : { hidden_at: null, hidden_reason: null })
    if (hidden) {
      await recordDraftEvent(trx, row.draft_id, 'remark_hidden', { remarkId: id, reason: reason ?? null })
      await clearFlags(trx, id)
    }
  },

  // a flag through the shared control also counts in law-making's own flags (its queue and "you flagged this" mark)
  async flagged(id: number, userId: number, reason: FlagReason, note: string | null, trx: TransactionClientContract) {
    const label = i18nManager.locale('ru').t(`social_moderation.reasons.${reason}`)
    const inserted = await trx
      .insertQuery()
      .table('lawmaking_remark_flags')
      .insert({ remark_id: id, user_id: userId, reason: (note ? `${label}: ${note}` : label).slice(0, 500), created_at: clockDate() })
      .onConflict(['remark_id', 'user_id'])
      .ignore()
      .returning('remark_id')
    if (inserted.length) await trx.from('lawmaking_remarks').where('id', id).increment('flags_count', 1)
  },
}

/** This module's kinds of user content, as the moderation queue sees them. */
const kinds: ModeratedKind[] = [lawmakingRemark]

export default kinds
