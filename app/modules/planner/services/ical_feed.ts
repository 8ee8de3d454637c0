import { REGION_ZONE } from '#core/region_time'
import redis from '@adonisjs/redis/services/main'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { ICalWriter, dateValue, localStamp } from '#modules/planner/services/ical_writer'
import { DateTime } from 'luxon'
import PlannerItem from '#modules/planner/models/planner_item'
import { orderDeadlinesFor } from '#modules/planner/services/order_deadlines'
import { alignStart } from '#modules/planner/services/recurrence'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** How far back the feed reaches: calendars keep what they already imported. */
const FEED_HISTORY_DAYS = 30
/** A cached feed is rebuilt at the latest after this (order deadlines change elsewhere). */
const FEED_CACHE_SECONDS = 300

/** The next calendar day of a DATE value (YYYYMMDD). */
function nextDay(day: string) {
  const date = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)) + 1))
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`
}

/**
 * One user's iCalendar feed (RFC 5545, VTIMEZONE Europe/Moscow): their own
 * items from 30 days ago on, series as RRULE with EXDATE, reminders as
 * alarms, and the deadlines of the open orders they execute as all-day
 * events. Nothing of anyone else.
 */
export async function buildFeed(userId: number, options: { baseUrl: string; name: string; labels: { deadline: string } }) {
  const since = DateTime.now().minus({ days: FEED_HISTORY_DAYS })
  const [items, deadlines] = await Promise.all([
    PlannerItem.query()
      .where('user_id', userId)
      .where((recent) =>
        recent
          .where((single) => single.whereNull('rrule').where('starts_at', '>=', since.minus({ days: 62 }).toISO()!))
          .orWhere((series) => series.whereNotNull('rrule').where('series_ends_at', '>=', since.toISO()!))
      )
      .orderBy('starts_at'),
    orderDeadlinesFor(userId, since.setZone(REGION_ZONE).toISODate(), null),
  ])

  const host = new URL(options.baseUrl).host
  const calendar = new ICalWriter(REGION_ZONE, { prodId: '-//Krai//Planner//RU', name: options.name, refreshMinutes: 15 })
  for (const item of items) {
    // a series starts on one of its own rule's days (items stored before that rule are aligned here)
    const aligned = alignStart(item)
    const start = aligned.startsAt.toMillis()
    // a task is a moment: an event without length
    const end = (aligned.endsAt ?? aligned.startsAt).toMillis()
    const updated = item.updatedAt.toMillis()
    const base = {
      uid: `planner-${item.id}@${host}`,
      stamp: updated,
      lastModified: updated,
      rrule: item.rrule,
      summary: item.title,
      description: item.notes,
      location: item.location,
      url: `${options.baseUrl}/planner/items/${item.id}/edit`,
      alarms: item.reminders,
    }
    if (item.allDay) {
      const startDay = localStamp(start, REGION_ZONE).slice(0, 8)
      const lastDay = localStamp(end, REGION_ZONE).slice(0, 8)
      calendar.event({
        ...base,
        startDay,
        // DTEND of a day is exclusive: the day after the last one
        endDay: nextDay(lastDay > startDay ? lastDay : startDay),
        exdates: item.exdates.map((day) => dateValue(day)),
      })
    } else {
      // cancelled occurrences at the series' wall-clock time
      const time = localStamp(item.startsAt.toMillis(), REGION_ZONE).slice(8)
      calendar.event({ ...base, start, end, exdates: item.exdates.map((day) => dateValue(day) + time) })
    }
  }
  const now = Date.now()
  for (const deadline of deadlines) {
    const day = dateValue(deadline.deadline)
    calendar.event({
      uid: `order-${deadline.orderId}-${deadline.deadline}@${host}`,
      stamp: now,
      startDay: day,
      endDay: nextDay(day),
      summary: `${options.labels.deadline} ${deadline.number}: ${deadline.text.slice(0, 200)}`,
      description: deadline.text,
      url: `${options.baseUrl}/orders/${deadline.orderId}`,
    })
  }
  return calendar.toString()
}

/**
 * The feed as last built, gzipped, while the user's items are unchanged
 * (same count, same latest update: one index-only lookup) and for at most
 * five minutes, so calendar apps polling every few minutes cost little. The
 * stamp doubles as the ETag. Kept compressed: a busy person's feed is 1.5 MB
 * of text and a tenth of that gzipped, which calendar apps accept.
 */
export async function cachedFeed(userId: number, options: Parameters<typeof buildFeed>[1]): Promise<{ etag: string; gzipped: Buffer }> {
  const stamp = await tenantDb()
    .from('planner_items')
    .where('user_id', userId)
    .select(tenantDb().raw('count(*)::int as total'), tenantDb().raw('max(updated_at) as latest'))
    .first()
  const etag = `"${userId}-${stamp?.total ?? 0}-${stamp?.latest ? new Date(stamp.latest).getTime() : 0}"`
  const key = `planner:feed:${tenantScope.currentOrFail().slug}:${userId}:${options.baseUrl}:${options.name}:${options.labels.deadline}`
  const cached = await redis.getBuffer(key)
  if (cached) {
    const separator = cached.indexOf(0x0a)
    if (separator > 0 && cached.subarray(0, separator).toString() === etag) return { etag, gzipped: cached.subarray(separator + 1) }
  }
  const gzipped = await gzipAsync(await buildFeed(userId, options), { level: 6 })
  await redis.setex(key, FEED_CACHE_SECONDS, Buffer.concat([Buffer.from(`${etag}\n`), gzipped]))
  return { etag, gzipped }
}

/** The feed for a client that does not take gzip (rare among calendar apps). */
export function plainFeed(gzipped: Buffer) {
  return gunzipAsync(gzipped)
}
