import ical, { ICalAlarmType } from 'ical-generator'
import { REGION_ZONE } from '#core/region_time'
import redis from '@adonisjs/redis/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import { DateTime } from 'luxon'
import PlannerItem from '#modules/planner/models/planner_item'
import { orderDeadlinesFor } from '#modules/planner/services/order_deadlines'
import { alignStart } from '#modules/planner/services/recurrence'

/** How far back the feed reaches: calendars keep what they already imported. */
const FEED_HISTORY_DAYS = 30
/** A cached feed is rebuilt at the latest after this (order deadlines change elsewhere). */
const FEED_CACHE_SECONDS = 300

function exdateLine(item: PlannerItem) {
  if (!item.exdates.length) return ''
  if (item.allDay) return `\nEXDATE;VALUE=DATE:${item.exdates.map((day) => day.replaceAll('-', '')).join(',')}`
  const time = item.startsAt.setZone(REGION_ZONE).toFormat("'T'HHmmss")
  return `\nEXDATE;TZID=${REGION_ZONE}:${item.exdates.map((day) => day.replaceAll('-', '') + time).join(',')}`
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

  const calendar = ical({
    name: options.name,
    prodId: { company: 'Krai', product: 'Planner', language: 'RU' },
    timezone: { name: REGION_ZONE, generator: getVtimezoneComponent },
    ttl: 15 * 60,
  })
  // DTSTAMP and LAST-MODIFIED of each event in the order written (see utcStamps)
  const stamps: { stamp: DateTime; lastModified: DateTime | null }[] = []
  const now = DateTime.now()
  for (const item of items) {
    // a series starts on one of its own rule's days (items stored before that rule are aligned here)
    const aligned = alignStart(item)
    const start = aligned.startsAt.setZone(REGION_ZONE)
    stamps.push({ stamp: item.updatedAt, lastModified: item.updatedAt })
    calendar.createEvent({
      id: `planner-${item.id}@${new URL(options.baseUrl).host}`,
      // Luxon moments in Moscow: ical-generator writes plain Dates' UTC fields under the TZID
      start,
      // a task is a moment: an event without length
      end: (aligned.endsAt ?? aligned.startsAt).setZone(REGION_ZONE),
      allDay: item.allDay,
      timezone: item.allDay ? null : REGION_ZONE,
      stamp: item.updatedAt.toJSDate(),
      lastModified: item.updatedAt.toJSDate(),
      summary: item.title,
      description: item.notes,
      location: item.location,
      url: `${options.baseUrl}/planner/items/${item.id}/edit`,
      repeating: item.rrule ? `RRULE:${item.rrule}${exdateLine(item)}` : null,
      alarms: item.reminders.map((minutes) => ({ type: ICalAlarmType.display, trigger: minutes * 60 })),
    })
  }
  for (const deadline of deadlines) {
    const day = DateTime.fromISO(deadline.deadline, { zone: REGION_ZONE })
    stamps.push({ stamp: now, lastModified: null })
    calendar.createEvent({
      id: `order-${deadline.orderId}-${deadline.deadline}@${new URL(options.baseUrl).host}`,
      start: day,
      end: day.plus({ days: 1 }),
      allDay: true,
      summary: `${options.labels.deadline} ${deadline.number}: ${deadline.text.slice(0, 200)}`,
      description: deadline.text,
      url: `${options.baseUrl}/orders/${deadline.orderId}`,
    })
  }
  return utcStamps(calendar.toString(), stamps)
}

/**
 * RFC 5545 wants DTSTAMP and LAST-MODIFIED in UTC ("…Z"); ical-generator
 * writes them in the calendar's zone without a TZID, which readers take for
 * floating time. Rewrites them event by event, and ends the stream with
 * CRLF after END:VCALENDAR as every content line must.
 */
function utcStamps(text: string, stamps: { stamp: DateTime; lastModified: DateTime | null }[]) {
  const utc = (moment: DateTime) => moment.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")
  let event = -1
  const lines = text.split('\r\n').map((line) => {
    if (line === 'BEGIN:VEVENT') event++
    const current = stamps[event]
    if (!current) return line
    if (line.startsWith('DTSTAMP:') || line.startsWith('DTSTAMP;')) return `DTSTAMP:${utc(current.stamp)}`
    if (line.startsWith('LAST-MODIFIED:') || line.startsWith('LAST-MODIFIED;')) return current.lastModified ? `LAST-MODIFIED:${utc(current.lastModified)}` : line
    return line
  })
  const body = lines.join('\r\n')
  return body.endsWith('\r\n') ? body : `${body}\r\n`
}

/**
 * The feed as last built, while the user's items are unchanged (same count,
 * same latest update: one index-only lookup) and for at most five minutes,
 * so calendar apps polling every few minutes cost little. The stamp doubles
 * as the ETag.
 */
export async function cachedFeed(userId: number, options: Parameters<typeof buildFeed>[1]) {
  const stamp = await tenantDb()
    .from('planner_items')
    .where('user_id', userId)
    .select(tenantDb().raw('count(*)::int as total'), tenantDb().raw('max(updated_at) as latest'))
    .first()
  const etag = `"${userId}-${stamp?.total ?? 0}-${stamp?.latest ? new Date(stamp.latest).getTime() : 0}"`
  const key = `planner:feed:${tenantScope.currentOrFail().slug}:${userId}:${options.baseUrl}:${options.name}:${options.labels.deadline}`
  const cached = await redis.get(key)
  if (cached) {
    const separator = cached.indexOf('\n')
    if (cached.slice(0, separator) === etag) return { etag, body: cached.slice(separator + 1) }
  }
  const body = await buildFeed(userId, options)
  await redis.setex(key, FEED_CACHE_SECONDS, `${etag}\n${body}`)
  return { etag, body }
}
