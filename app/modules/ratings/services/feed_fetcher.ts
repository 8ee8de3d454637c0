import { tenantDb } from '#tenancy/tenant_model'
import type MediaFeed from '#modules/ratings/models/media_feed'
import { parseFeed } from '#modules/ratings/services/feed_parser'
import { insertMediaItems } from '#modules/ratings/actions/store_media_items'
import { clockDate } from '#core/clock'

const TIMEOUT_MS = Number(process.env.MEDIA_FEED_TIMEOUT_MS ?? 15_000)
const MAX_BYTES = 5 * 1024 * 1024

async function download(url: string) {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1', 'user-agent': 'Krai media monitor' },
    redirect: 'follow',
  })
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim())
  const body = Buffer.from(await response.arrayBuffer())
  if (body.length > MAX_BYTES) throw new Error(`The feed is larger than ${MAX_BYTES / 1024 / 1024} MB`)
  return body.toString('utf8')
}

/**
 * Pulls one feed: new items become publications (neutral tone, the feed's
 * outlet and topic), known URLs are ignored. The outcome is kept on the feed;
 * a failure is recorded there and thrown again so the job is retried.
 */
export async function pullFeed(feed: MediaFeed) {
  try {
    const entries = parseFeed(await download(feed.url), feed.url)
    const added = await tenantDb().transaction(async (trx) => {
      const count = await insertMediaItems(
        trx,
        entries.map((entry) => ({
          outlet: feed.outlet,
          publishedAt: entry.publishedAt ?? clockDate(),
          title: entry.title,
          url: entry.link,
          topic: feed.topic,
          tone: 'neutral' as const,
        })),
        { source: 'feed', feedId: feed.id }
      )
      await trx.from('media_feeds').where('id', feed.id).update({ last_fetched_at: clockDate(), last_added: count, last_error: null, last_error_at: null, updated_at: clockDate() })
      return count
    })
    return { feedId: feed.id, added, entries: entries.length }
  } catch (error) {
    await tenantDb()
      .from('media_feeds')
      .where('id', feed.id)
      .update({ last_error: (error as Error).message.slice(0, 1000), last_error_at: clockDate(), updated_at: clockDate() })
    throw error
  }
}
