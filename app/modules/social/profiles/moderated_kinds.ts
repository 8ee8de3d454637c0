import type { ModeratedKind } from '#modules/social/moderation/registry'
import { tenantDb } from '#tenancy/tenant_model'

/**
 * This module's kinds of user content, as the moderation queue sees them:
 * a profile's about text and avatar ('social.profile', id = the user's id),
 * hidden together by a moderator (the display name stays: it names the
 * author everywhere).
 */
const kinds: ModeratedKind[] = [
  {
    kind: 'social.profile',
    label: 'social_profiles.moderation.kind',
    async load(id, trx) {
      const client = trx ?? tenantDb()
      const row = await client.from('social_profiles').where('user_id', id).whereNull('deleted_at').first()
      if (!row) return null
      const excerpt = [row.display_name, row.about ?? ''].join(' — ').replace(/\s+/g, ' ').trim().slice(0, 300)
      return { authorUserId: Number(row.user_id), excerpt, url: `/people/${row.user_id}`, hidden: !!row.hidden_at }
    },
    async setHidden(id, hidden, trx) {
      await trx.from('social_profiles').where('user_id', id).update({ hidden_at: hidden ? new Date() : null, updated_at: new Date() })
    },
  },
]

export default kinds
