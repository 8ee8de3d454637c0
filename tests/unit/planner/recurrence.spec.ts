import { test } from '@japa/runner'
import { REGION_ZONE } from '#core/region_time'
import { DateTime } from 'luxon'
import {
  InvalidRule,
  alignStart,
  isOccurrence,
  nextOccurrenceAfter,
  normalizeRule,
  occurrences,
  ruleKeepsStart,
  seriesEnd,
  shiftRule,
  shiftSeries,
  splitSeries,
  withoutOccurrence,
  type Series,
} from '#modules/planner/services/recurrence'

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

test.group('Planner | recurrence | changing a series', () => {
  // Mondays and Wednesdays at 10:00 from Monday 2 November 2026, ten times
  const weekly = () => series({ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10' })
  const range = [moscow('2026-10-01'), moscow('2027-03-01')] as const

  test('the whole series dragged a day later: DTSTART, BYDAY and exception dates move together', ({ assert }) => {
    const original = { ...weekly(), exdates: ['2026-11-11'] }
    // drag Wednesday 4 November 10:00 to Thursday 5 November 14:00
    const moved = shiftSeries(original, moscow('2026-11-04T10:00'), moscow('2026-11-05T14:00'))
    assert.equal(moved.rrule, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10')
    assert.equal(moved.startsAt.toISO(), moscow('2026-11-03T14:00').toISO())
    assert.deepEqual(moved.exdates, ['2026-11-12'])
    const found = starts(occurrences(moved, ...range))
    assert.lengthOf(found, 9)
    assert.deepEqual(found.slice(0, 4), ['2026-11-03T14:00', '2026-11-05T14:00', '2026-11-10T14:00', '2026-11-17T14:00'])
    // the series does not vanish: every occurrence is on Tuesday or Thursday
    for (const occurrence of occurrences(moved, ...range)) assert.include([2, 4], occurrence.start.setZone(REGION_ZONE).weekday)
  })

  test('a weekday rule wraps around the week; UNTIL moves with the series', ({ assert }) => {
    assert.equal(shiftRule('FREQ=WEEKLY;BYDAY=SA,SU', moscow('2026-11-07T10:00'), moscow('2026-11-09T10:00'), false), 'FREQ=WEEKLY;BYDAY=MO,TU')
    assert.equal(
      shiftRule('FREQ=DAILY;UNTIL=20261130T205959Z', moscow('2026-11-02T10:00'), moscow('2026-11-03T12:00'), false),
      'FREQ=DAILY;UNTIL=20261201T225959Z'
    )
    assert.equal(shiftRule('FREQ=DAILY;UNTIL=20261130', moscow('2026-11-02'), moscow('2026-11-04'), true), 'FREQ=DAILY;UNTIL=20261202')
  })

  test('"second Tuesday" of a month dragged to the next day becomes that day\'s ordinal; a month day follows the start', ({ assert }) => {
    // 10 November 2026 is the second Tuesday; 11 November the second Wednesday
    assert.equal(shiftRule('FREQ=MONTHLY;BYDAY=2TU', moscow('2026-11-10T10:00'), moscow('2026-11-11T10:00'), false), 'FREQ=MONTHLY;BYDAY=2WE')
    assert.equal(shiftRule('FREQ=MONTHLY;BYDAY=-1FR', moscow('2026-11-27T10:00'), moscow('2026-11-26T10:00'), false), 'FREQ=MONTHLY;BYDAY=-1TH')
    assert.equal(shiftRule('FREQ=MONTHLY;BYMONTHDAY=15', moscow('2026-11-15T10:00'), moscow('2026-11-17T10:00'), false), 'FREQ=MONTHLY;BYMONTHDAY=17')
    const monthly = series({ startsAt: moscow('2026-11-10T10:00'), rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3' })
    const moved = shiftSeries(monthly, moscow('2026-12-08T10:00'), moscow('2026-12-09T10:00'))
    assert.deepEqual(starts(occurrences(moved, ...range)), ['2026-11-11T10:00', '2026-12-09T10:00', '2027-01-13T10:00'])
  })

  test('only this one: the series loses the occurrence, nothing else changes', ({ assert }) => {
    const cut = withoutOccurrence(weekly(), moscow('2026-11-09T10:00'))
    assert.deepEqual(cut.exdates, ['2026-11-09'])
    assert.isFalse(isOccurrence(cut, moscow('2026-11-09T10:00')))
    assert.isTrue(isOccurrence(cut, moscow('2026-11-11T10:00')))
    assert.deepEqual(starts(occurrences(cut, ...range)).slice(0, 3), ['2026-11-02T10:00', '2026-11-04T10:00', '2026-11-11T10:00'])
  })

  test('this and following: a counted series splits into two that together keep every occurrence', ({ assert }) => {
    const original = { ...weekly(), exdates: ['2026-11-04', '2026-11-18'] }
    const { before, after } = splitSeries(original, moscow('2026-11-11T10:00'))
    // before: 2 Nov, (4 Nov cancelled), 9 Nov = three counted occurrences
    assert.equal(before!.rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3')
    assert.deepEqual(before!.exdates, ['2026-11-04'])
    assert.deepEqual(starts(occurrences(before!, ...range)), ['2026-11-02T10:00', '2026-11-09T10:00'])
    assert.equal(after.rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=7')
    assert.equal(after.startsAt.toISO(), moscow('2026-11-11T10:00').toISO())
    assert.deepEqual(after.exdates, ['2026-11-18'])
    const together = [...starts(occurrences(before!, ...range)), ...starts(occurrences(after, ...range))]
    assert.deepEqual(together, starts(occurrences(original, ...range)))
  })

  test('this and following of an endless series: UNTIL a second before; then the rest moves on its own', ({ assert }) => {
    const endless = series({ rrule: 'FREQ=WEEKLY;BYDAY=MO' })
    const { before, after } = splitSeries(endless, moscow('2026-11-16T10:00'))
    assert.equal(before!.rrule, 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261116T065959Z')
    assert.deepEqual(starts(occurrences(before!, ...range)), ['2026-11-02T10:00', '2026-11-09T10:00'])
    const moved = shiftSeries(after, moscow('2026-11-16T10:00'), moscow('2026-11-17T09:00'))
    assert.equal(moved.rrule, 'FREQ=WEEKLY;BYDAY=TU')
    assert.deepEqual(starts(occurrences(moved, moscow('2026-11-01'), moscow('2026-12-01'))), ['2026-11-17T09:00', '2026-11-24T09:00'])
    // splitting at the first occurrence leaves nothing before it
    assert.isNull(splitSeries(endless, moscow('2026-11-02T10:00')).before)
  })

  test('an all-day series splits on dates', ({ assert }) => {
    const daily = series({ startsAt: moscow('2026-11-01'), endsAt: moscow('2026-11-02'), allDay: true, rrule: 'FREQ=DAILY' })
    const { before } = splitSeries(daily, moscow('2026-11-04'))
    assert.equal(before!.rrule, 'FREQ=DAILY;UNTIL=20261103')
    assert.deepEqual(occurrences(before!, ...range).map((occurrence) => occurrence.start.toISODate()), ['2026-11-01', '2026-11-02', '2026-11-03'])
  })

  test('DTSTART is aligned on the first day the rule names', ({ assert }) => {
    // Monday 2 November, but "every Tuesday and Thursday"
    const aligned = alignStart(series({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3' }))
    assert.equal(aligned.startsAt.toISO(), moscow('2026-11-03T10:00').toISO())
    assert.equal(aligned.endsAt!.toISO(), moscow('2026-11-03T11:00').toISO())
    assert.deepEqual(starts(occurrences(aligned, ...range)), ['2026-11-03T10:00', '2026-11-05T10:00', '2026-11-10T10:00'])
    const already = series({ rrule: 'FREQ=WEEKLY;BYDAY=MO' })
    assert.strictEqual(alignStart(already), already)
  })

  test('a rule that names no days of its own starts on its start: no alignment, no parsing', ({ assert }) => {
    const moments = ['2026-11-02T10:00', '2026-10-31T23:45', '2028-02-29T08:00', '2027-01-31T00:00']
    const rules = ['FREQ=DAILY', 'FREQ=WEEKLY;COUNT=10', 'FREQ=MONTHLY;INTERVAL=2', 'FREQ=YEARLY;UNTIL=20300101T000000Z', 'FREQ=WEEKLY;WKST=SU;INTERVAL=3']
    for (const start of moments) {
      for (const rule of rules) {
        const plain = series({ startsAt: moscow(start), rrule: rule })
        assert.isTrue(ruleKeepsStart(rule, plain.startsAt.toMillis()), rule)
        assert.strictEqual(alignStart(plain), plain)
        // what the rule itself says: its first occurrence is the start
        assert.equal(occurrences(plain, moscow(start), moscow(start).plus({ years: 3 }))[0].start.toMillis(), plain.startsAt.toMillis(), `${rule} from ${start}`)
      }
    }
    assert.isFalse(ruleKeepsStart('FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR', moscow('2026-11-02T10:00').toMillis()))
    assert.isFalse(ruleKeepsStart('FREQ=DAILY;BYHOUR=9', moscow('2026-11-02T10:00').toMillis()))
    // the rule is calculated in whole seconds: a start with milliseconds still goes through it
    const fraction = series({ startsAt: moscow('2026-11-02T10:00').plus({ milliseconds: 500 }), rrule: 'FREQ=WEEKLY' })
    assert.isFalse(ruleKeepsStart('FREQ=WEEKLY', fraction.startsAt.toMillis()))
    assert.equal(alignStart(fraction).startsAt.toMillis(), moscow('2026-11-02T10:00').toMillis())
  })
})
