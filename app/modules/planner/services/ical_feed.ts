import { REGION_ZONE } from '#core/region_time'
import redis from '@adonisjs/redis/services/main'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { ICalWriter, dateValue, localStamp } from '#modules/planner/services/ical_writer'
import { DateTime } from 'luxon'
import { isoDay } from '#core/date_column'
import { orderDeadlinesFor } from '#modules/planner/services/order_deadlines'
import { hashFeedToken } from '#modules/planner/services/feed_tokens'
import { alignStart, ruleKeepsStart } from '#modules/planner/services/recurrence'

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

/** The columns the feed writes, read as plain rows: hydrating ~3 000 models with Luxon dates cost more than the rest of a build. */
const FEED_COLUMNS = ['id', 'title', 'notes', 'location', 'all_day', 'starts_at', 'ends_at', 'rrule', 'exdates', 'reminders', 'updated_at']

interface FeedRow {
  id: number | string
  title: string
  notes: string | null
  location: string | null
  all_day: boolean
  starts_at: Date
  ends_at: Date | null
  rrule: string | null
  exdates: (Date | string)[] | null
  reminders: number[] | null
  updated_at: Date
}

/**
 * Where a series' first event starts and ends (epoch ms): its stored start,
 * or the first day its rule names for a series stored before the rule's days
 * had to include the start (alignStart; Luxon only for those series).
 */
function firstEvent(row: FeedRow, exdates: string[]) {
  const start = row.starts_at.getTime()
  const end = row.ends_at ? row.ends_at.getTime() : null
  if (!row.rrule || ruleKeepsStart(row.rrule, start)) return { start, end }
  const aligned = alignStart({
    startsAt: DateTime.fromMillis(start),
    endsAt: end === null ? null : DateTime.fromMillis(end),
    allDay: row.all_day,
    rrule: row.rrule,
    exdates,
  })
  return { start: aligned.startsAt.toMillis(), end: aligned.endsAt ? aligned.endsAt.toMillis() : null }
}

/**
 * One user's iCalendar feed (RFC 5545, VTIMEZONE Europe/Moscow): their own
 * items from 30 days ago on, series as RRULE with EXDATE, reminders as
 * alarms, and the deadlines of the open orders they execute as all-day
 * events. Nothing of anyone else. The calendar in UTF-8.
 */
export async function buildFeed(userId: number, options: { baseUrl: string; name: string; labels: { deadline: string } }) {
  const since = DateTime.now().minus({ days: FEED_HISTORY_DAYS })
  const [items, deadlines] = await Promise.all([
    tenantDb()
      .from('planner_items')
      .select(FEED_COLUMNS)
      .where('user_id', userId)
      .where((recent) =>
        recent
          .where((single) => single.whereNull('rrule').where('starts_at', '>=', since.minus({ days: 62 }).toISO()!))
          .orWhere((series) => series.whereNotNull('rrule').where('series_ends_at', '>=', since.toISO()!))
      )
      .orderBy('starts_at') as Promise<FeedRow[]>,
    orderDeadlinesFor(userId, since.setZone(REGION_ZONE).toISODate(), null),
  ])

  const host = new URL(options.baseUrl).host
  const calendar = new ICalWriter(REGION_ZONE, { prodId: '-//Krai//Planner//RU', name: options.name, refreshMinutes: 15 })
  for (const item of items) {
    const exdates = (item.exdates ?? []).map((day) => isoDay(day))
    // a series starts on one of its own rule's days (items stored before that rule are aligned here)
    const aligned = firstEvent(item, exdates)
    const start = aligned.start
    // a task is a moment: an event without length
    const end = aligned.end ?? start
    const updated = item.updated_at.getTime()
    const base = {
      uid: `planner-${item.id}@${host}`,
      stamp: updated,
      lastModified: updated,
      rrule: item.rrule,
      summary: item.title,
      description: item.notes,
      location: item.location,
      url: `${options.baseUrl}/planner/items/${item.id}/edit`,
      alarms: item.reminders ?? [],
    }
    if (item.all_day) {
      const startDay = localStamp(start, REGION_ZONE).slice(0, 8)
      const lastDay = localStamp(end, REGION_ZONE).slice(0, 8)
      calendar.event({
        ...base,
        startDay,
        // DTEND of a day is exclusive: the day after the last one
        endDay: nextDay(lastDay > startDay ? lastDay : startDay),
        exdates: exdates.map((day) => dateValue(day)),
      })
    } else {
      // cancelled occurrences at the series' wall-clock time (as stored, before any alignment)
      const time = exdates.length ? localStamp(item.starts_at.getTime(), REGION_ZONE).slice(8) : ''
      calendar.event({ ...base, start, end, exdates: exdates.map((day) => dateValue(day) + time) })
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
  return calendar.toBuffer()
}

/** A feed token's owner, active, with the change stamp of their items (their count and latest update). */
export interface FeedSubscriber {
  userId: number
  fullName: string
  stamp: string
}

/**
 * The owner of a feed token, or null when the token is unknown or was
 * replaced or the owner is not active; with the stamp of their items, all in
 * one query (the stamp reads the (user_id, updated_at) index).
 */
export async function feedSubscriber(token: string): Promise<FeedSubscriber | null> {
  const row = await tenantDb()
    .from('planner_feed_tokens as t')
    .join('users as u', 'u.id', 't.user_id')
    .joinRaw('cross join lateral (select count(*)::int as total, max(p.updated_at) as latest from planner_items p where p.user_id = u.id) as s')
    .where('t.token_hash', hashFeedToken(token))
    .where('u.status', 'active')
    .select('u.id', 'u.full_name', 's.total', 's.latest')
    .first()
  if (!row) return null
  const latest = row.latest ? new Date(row.latest).getTime() : 0
  return { userId: Number(row.id), fullName: row.full_name, stamp: `${row.id}-${row.total ?? 0}-${latest}` }
}

/**
 * The feed as last built, gzipped, while the user's items are unchanged
 * (same count, same latest update) and for at most five minutes, so
 * calendar apps polling every few minutes cost little and order deadlines
 * follow. The ETag is the stamp and the moment of the build: a client's
 * copy is current (304) only while the cached build is, deadlines included.
 * Kept compressed: a busy person's feed is 1.1 MB of text and a twentieth
 * of that gzipped, which calendar apps accept. Level 5 is 3 % larger than
 * level 6 and takes two thirds of its time (1 MB: 3.0 ms against 4.3 ms).
 */
export async function cachedFeed(subscriber: Pick<FeedSubscriber, 'userId' | 'stamp'>, options: Parameters<typeof buildFeed>[1]): Promise<{ etag: string; gzipped: Buffer }> {
  const { userId, stamp } = subscriber
  const key = `planner:feed:${tenantScope.currentOrFail().slug}:${userId}:${options.baseUrl}:${options.name}:${options.labels.deadline}`
  const cached = await redis.getBuffer(key)
  if (cached) {
    const separator = cached.indexOf(0x0a)
    const etag = separator > 0 ? cached.subarray(0, separator).toString() : ''
    if (etag.startsWith(`"${stamp}-`)) return { etag, gzipped: cached.subarray(separator + 1) }
  }
  const gzipped = await gzipAsync(await buildFeed(userId, options), { level: 5 })
  const etag = `"${stamp}-${Date.now()}"`
  await redis.setex(key, FEED_CACHE_SECONDS, Buffer.concat([Buffer.from(`${etag}\n`), gzipped]))
  return { etag, gzipped }
}

/** The feed for a client that does not take gzip (rare among calendar apps). */
export function plainFeed(gzipped: Buffer) {
  return gunzipAsync(gzipped)
}
