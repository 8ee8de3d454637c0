import { test } from '@japa/runner'
import { REGION_ZONE } from '#core/region_time'
import { DateTime } from 'luxon'
import { InvalidRule, nextOccurrenceAfter, normalizeRule, occurrences, seriesEnd, type Series } from '#modules/planner/services/recurrence'

const moscow = (iso: string) => DateTime.fromISO(iso, { zone: REGION_ZONE })
const starts = (list: { start: DateTime }[]) => list.map((occurrence) => occurrence.start.setZone(REGION_ZONE).toFormat("yyyy-LL-dd'T'HH:mm"))

function series(overrides: Partial<Series>): Series {
  const startsAt = overrides.startsAt ?? moscow('2026-11-02T10:00')
  return { startsAt, endsAt: startsAt.plus({ hours: 1 }), allDay: false, rrule: null, exdates: [], ...overrides }
}

test.group('Planner | recurrence | expansion', () => {
  test('a weekly rule with COUNT and an EXDATE', ({ assert }) => {
    const weekly = series({ rrule: normalizeRule('FREQ=WEEKLY;COUNT=4', false), exdates: ['2026-11-16'] })
    assert.deepEqual(starts(occurrences(weekly, moscow('2026-10-01'), moscow('2027-01-01'))), [
      '2026-11-02T10:00',
      '2026-11-09T10:00',
      '2026-11-23T10:00',
    ])
    // the series ends with its fourth occurrence (an EXDATE does not lengthen it)
    assert.equal(seriesEnd(weekly)!.setZone(REGION_ZONE).toISO(), moscow('2026-11-23T11:00').toISO())
  })

  test('UNTIL as a bare date includes that whole Moscow day; a range cuts the series', ({ assert }) => {
    const rule = normalizeRule('RRULE:FREQ=DAILY;UNTIL=20261105', false)
    assert.equal(rule, 'FREQ=DAILY;UNTIL=20261105T205959Z')
    const daily = series({ rrule: rule })
    assert.deepEqual(starts(occurrences(daily, moscow('2026-11-01'), moscow('2026-12-01'))), [
      '2026-11-02T10:00',
      '2026-11-03T10:00',
      '2026-11-04T10:00',
      '2026-11-05T10:00',
    ])
    assert.deepEqual(starts(occurrences(daily, moscow('2026-11-03T10:30'), moscow('2026-11-04T12:00'))), ['2026-11-03T10:00', '2026-11-04T10:00'])
    assert.equal(seriesEnd(daily)!.toISO(), moscow('2026-11-05T11:00').toISO())
  })

  test('an endless rule has no series end', ({ assert }) => {
    assert.isNull(seriesEnd(series({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=2' })))
    const monthly = series({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=2' })
    assert.deepEqual(starts(occurrences(monthly, moscow('2030-01-01'), moscow('2030-03-01'))), ['2030-01-02T10:00', '2030-02-02T10:00'])
  })

  test('BYDAY follows the Moscow wall clock, not UTC (01:30 Monday is Sunday in UTC)', ({ assert }) => {
    const early = series({ startsAt: moscow('2026-11-02T01:30'), rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=30' })
    const all = occurrences(early, moscow('2026-01-01'), moscow('2028-01-01'))
    assert.lengthOf(all, 30)
    for (const occurrence of all) {
      const wall = occurrence.start.setZone(REGION_ZONE)
      assert.equal(wall.weekday, 1)
      assert.equal(wall.toFormat('HH:mm'), '01:30')
      // Moscow keeps +03:00 all year: no DST jumps in summer
      assert.equal(wall.offset, 180)
    }
  })

  test('all-day series use dates: UNTIL stays a date, EXDATE removes a day', ({ assert }) => {
    const rule = normalizeRule('FREQ=DAILY;UNTIL=20261104', true)
    assert.equal(rule, 'FREQ=DAILY;UNTIL=20261104')
    const allDay = series({ startsAt: moscow('2026-11-01'), endsAt: moscow('2026-11-02'), allDay: true, rrule: rule, exdates: ['2026-11-03'] })
    const found = occurrences(allDay, moscow('2026-10-30'), moscow('2026-11-30'))
    assert.deepEqual(found.map((occurrence) => occurrence.start.toISODate()), ['2026-11-01', '2026-11-02', '2026-11-04'])
    // a day-long occurrence overlaps a range that starts in its middle
    assert.lengthOf(occurrences(allDay, moscow('2026-11-02T15:00'), moscow('2026-11-02T16:00')), 1)
    assert.equal(seriesEnd(allDay)!.toISODate(), '2026-11-05')
  })

  test('a task (no length) falls in the range of its moment', ({ assert }) => {
    const task = series({ endsAt: null, startsAt: moscow('2026-11-02T18:00') })
    assert.lengthOf(occurrences(task, moscow('2026-11-02'), moscow('2026-11-03')), 1)
    assert.lengthOf(occurrences(task, moscow('2026-11-02T18:00'), moscow('2026-11-02T19:00')), 1)
    assert.lengthOf(occurrences(task, moscow('2026-11-03'), moscow('2026-11-04')), 0)
  })

  test('the next occurrence after a moment skips cancelled dates and ends with the series', ({ assert }) => {
    const daily = series({ rrule: 'FREQ=DAILY;COUNT=3', exdates: ['2026-11-03'] })
    assert.equal(nextOccurrenceAfter(daily, moscow('2026-11-02T10:00'))!.start.toISO(), moscow('2026-11-04T10:00').toISO())
    assert.equal(nextOccurrenceAfter(daily, moscow('2026-11-01T00:00'))!.start.toISO(), moscow('2026-11-02T10:00').toISO())
    assert.isNull(nextOccurrenceAfter(daily, moscow('2026-11-04T10:00')))
    assert.isNull(nextOccurrenceAfter(series({}), moscow('2026-11-02T10:00')))
  })

  test('bad rules are refused', ({ assert }) => {
    for (const rule of ['', 'FREQ=HOURLY', 'FREQ=SECONDLY;COUNT=5', 'FOO=BAR', 'FREQ=DAILY;COUNT=5000', 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'FREQ=DAILY;COUNT=2;UNTIL=20270101']) {
      assert.throws(() => normalizeRule(rule, false), InvalidRule as any)
    }
  })
})
