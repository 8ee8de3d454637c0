import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModeratedKind } from '#modules/social/moderation/registry'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'

const excerptOf = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text)

/** Sets or clears `hidden_at` of one row (the area's queries leave hidden rows out for everyone else). */
async function setHiddenAt(table: string, id: number, hidden: boolean, trx: TransactionClientContract) {
  await trx.from(table).where('id', id).update({ hidden_at: hidden ? clockDate() : null })
}

/** This area's kinds of user content, as the moderation queue sees them. */
const kinds: ModeratedKind[] = [
  {
    kind: 'social.publication',
    label: 'social_publications.kinds.publication',
    ownPage: true,
    async load(id, trx) {
      const row = await (trx ?? tenantDb()).from('social_publications').where('id', id).select('id', 'author_id', 'title', 'excerpt', 'hidden_at').first()
      if (!row) return null
      return { authorUserId: row.author_id, excerpt: excerptOf(`${row.title}. ${row.excerpt}`), url: `/publications/${row.id}`, hidden: !!row.hidden_at }
    },
    setHidden: (id, hidden, trx) => setHiddenAt('social_publications', id, hidden, trx),
  },
  {
    kind: 'social.comment',
    label: 'social_publications.kinds.comment',
    async load(id, trx) {
      const row = await (trx ?? tenantDb()).from('social_comments').where('id', id).select('id', 'publication_id', 'author_id', 'body', 'hidden_at').first()
      if (!row) return null
      return { authorUserId: row.author_id, excerpt: excerptOf(row.body), url: `/publications/${row.publication_id}#comment-${row.id}`, hidden: !!row.hidden_at }
    },
    setHidden: (id, hidden, trx) => setHiddenAt('social_comments', id, hidden, trx),
  },
  {
    kind: 'social.gallery_photo',
    label: 'social_publications.kinds.gallery_photo',
    async load(id, trx) {
      const row = await (trx ?? tenantDb()).from('social_gallery_photos').where('id', id).select('id', 'gallery_id', 'author_id', 'caption', 'hidden_at').first()
      if (!row) return null
      return { authorUserId: row.author_id, excerpt: excerptOf(row.caption || `#${row.id}`), url: `/galleries/${row.gallery_id}#photo-${row.id}`, hidden: !!row.hidden_at }
    },
    setHidden: (id, hidden, trx) => setHiddenAt('social_gallery_photos', id, hidden, trx),
  },
]

export default kinds
