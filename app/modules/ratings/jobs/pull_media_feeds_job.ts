import logger from '@adonisjs/core/services/logger'
import { Job } from '#queue/job'
import MediaFeed from '#modules/ratings/models/media_feed'
import { pullFeed } from '#modules/ratings/services/feed_fetcher'

export interface PullMediaFeedsPayload {
  /** Pull only this feed (the "pull now" button); every active feed otherwise. */
  feedId?: number
}

/**
 * Pulls the tenant's RSS/Atom feeds. Idempotent: items are keyed by URL, so
 * a re-run or a retry adds nothing twice. One broken feed does not stop the
 * others; the run fails afterwards (the error is on the feed) and Bull
 * retries it with backoff.
 */
export default class PullMediaFeedsJob extends Job<PullMediaFeedsPayload> {
  static jobName = 'ratings.pull_media_feeds'
  static tenantScoped = true

  async handle(payload: PullMediaFeedsPayload = {}) {
    const query = MediaFeed.query().where('is_active', true).orderBy('id')
    if (payload.feedId) query.where('id', payload.feedId)
    const feeds = await query
    const results = []
    const failures: string[] = []
    for (const feed of feeds) {
      try {
        results.push(await pullFeed(feed))
      } catch (error) {
        logger.warn({ feedId: feed.id, url: feed.url, err: error }, 'media feed failed')
        failures.push(`${feed.url}: ${(error as Error).message}`)
      }
    }
    if (failures.length) throw new Error(`Feeds failed: ${failures.join('; ')}`.slice(0, 2000))
    return { feeds: feeds.length, added: results.reduce((sum, result) => sum + result.added, 0) }
  }
}
