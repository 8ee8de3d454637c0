import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { MediaTone } from '#modules/ratings/models/media_item'

export interface MediaItemInput {
  outlet: string
  publishedAt: Date
  title: string
  url: string
  topic?: string | null
  tone: MediaTone
  departmentIds?: number[]
}

/**
 * Inserts publications in the caller's transaction; one whose URL is known
 * already is left alone (the unique index decides, so concurrent runs and
 * re-runs add nothing twice). Returns how many were new.
 */
export async function insertMediaItems(
  trx: TransactionClientContract,
  items: MediaItemInput[],
  origin: { source: 'manual' | 'csv' | 'feed'; feedId?: number | null; createdBy?: number | null }
) {
  let added = 0
  for (const item of items) {
    const inserted = await trx
      .table('media_items')
      .insert({
        outlet: item.outlet.slice(0, 255),
        published_at: item.publishedAt,
        title: item.title.slice(0, 1000),
        url: item.url.trim(),
        topic: item.topic || null,
        tone: item.tone,
        source: origin.source,
        feed_id: origin.feedId ?? null,
        created_by: origin.createdBy ?? null,
      })
      .onConflict('url')
      .ignore()
      .returning('id')
    const id = inserted[0]?.id ?? inserted[0]
    if (!id) continue
    added++
    if (item.departmentIds?.length) {
      await trx.table('media_item_departments').insert(item.departmentIds.map((departmentId) => ({ media_item_id: id, department_id: departmentId })))
    }
  }
  return added
}
