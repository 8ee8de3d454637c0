import logger from '@adonisjs/core/services/logger'
import { tenantDb } from '#tenancy/tenant_model'
import type MediaFeed from '#modules/ratings/models/media_feed'
import { parseFeed } from '#modules/ratings/services/feed_parser'
import { insertMediaItems } from '#modules/ratings/actions/store_media_items'
import { FeedFetchError, downloadFeed } from '#modules/ratings/services/feed_download'
import { clockDate } from '#core/clock'

/**
 * Pulls one feed: new items become publications (neutral tone, the feed's
 * outlet and topic), known URLs are ignored. The outcome is kept on the feed;
 * a failure of the feed itself is recorded there as a generic reason
 * (`unreachable`, `not_a_feed`, `too_large`; the details go to the log) and
 * thrown again so the job is retried.
 */
export async function pullFeed(feed: MediaFeed) {
  try {
    const body = await downloadFeed(feed.url)
    let entries: ReturnType<typeof parseFeed>
    try {
      entries = parseFeed(body, feed.url)
    } catch (error) {
      throw new FeedFetchError('not_a_feed', (error as Error).message)
    }
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
    if (error instanceof FeedFetchError) {
      logger.warn({ feedId: feed.id, url: feed.url, reason: error.reason, detail: error.detail }, 'media feed not pulled')
      await tenantDb().from('media_feeds').where('id', feed.id).update({ last_error: error.reason, last_error_at: clockDate(), updated_at: clockDate() })
    }
    throw error
  }
}
