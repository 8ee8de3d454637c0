import { tenantDb } from '#tenancy/tenant_model'
import type { LinkType } from '#modules/social/publications/models/publication'

/**
 * Whether what a publication links to exists on this portal and may be seen
 * by the public: a problem not hidden, a public draft act, a priority that
 * is (or was) open to votes, a suggestion. The suggestions' table belongs to
 * another module and may not exist yet on a portal: then any id is accepted
 * and the link is checked again when shown (linkTarget answers null).
 */
export async function linkExists(type: LinkType, id: number): Promise<boolean> {
  return (await linkTarget(type, id)) !== null || (type === 'suggestion' && !(await hasTable('suggestions')))
}

/** The linked thing's title and public address, or null when it is gone (or never was). */
export async function linkTarget(type: LinkType, id: number): Promise<{ title: string; url: string } | null> {
  const db = tenantDb()
  if (type === 'problem') {
    const row = await db.from('problems').where('id', id).whereNull('hidden_at').select('id', 'address').first()
    return row ? { title: String(row.address), url: `/problems/${row.id}` } : null
  }
  if (type === 'draft_act') {
    const row = await db.from('lawmaking_public_drafts').where('id', id).select('id', 'title').first()
    return row ? { title: String(row.title), url: `/lawmaking/drafts/${row.id}` } : null
  }
  if (type === 'priority') {
    const row = await db.from('priority_items').where('id', id).whereIn('status', ['published', 'archived']).select('id', 'title').first()
    return row ? { title: String(row.title), url: '/priorities' } : null
  }
  if (!(await hasTable('suggestions'))) return null
  const row = await db.from('suggestions').where('id', id).select('id', 'title').first()
  return row ? { title: String(row.title), url: `/suggestions/${row.id}` } : null
}

async function hasTable(name: string) {
  const result = await tenantDb().rawQuery('select to_regclass(?) is not null as present', [name])
  return Boolean(result.rows[0]?.present)
}
