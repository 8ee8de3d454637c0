import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { freshnessOf } from '#modules/opendata/services/freshness'
import { REGION_ZONE } from '#core/region_time'

const at = (iso: string) => DateTime.fromISO(iso, { zone: REGION_ZONE })

test.group('Open data freshness', () => {
  test('a version is due one period after the day of the last one, overdue from the day after', ({ assert }) => {
    const published = at('2026-01-31T23:30')
    assert.deepEqual(freshnessOf('monthly', published, at('2026-02-28T12:00')), { dueOn: '2026-02-28', overdue: false, daysOverdue: 0 })
    assert.deepEqual(freshnessOf('monthly', published, at('2026-03-01T00:10')), { dueOn: '2026-02-28', overdue: true, daysOverdue: 1 })
    assert.deepEqual(freshnessOf('daily', published, at('2026-02-03T08:00')), { dueOn: '2026-02-01', overdue: true, daysOverdue: 2 })
    assert.equal(freshnessOf('weekly', published, at('2026-02-07T12:00')).overdue, false)
    assert.equal(freshnessOf('quarterly', published, at('2026-05-01T12:00')).overdue, true)
    assert.equal(freshnessOf('yearly', published, at('2027-01-31T12:00')).overdue, false)
  })

  test('an irregular dataset and one never published are never overdue', ({ assert }) => {
    assert.isFalse(freshnessOf('irregular', at('2020-01-01T12:00'), at('2026-12-01T12:00')).overdue)
    assert.isFalse(freshnessOf('daily', null, at('2026-12-01T12:00')).overdue)
  })

  test('the day is the region\'s, not the server\'s', ({ assert }) => {
    // 22:30 UTC on the 1st is already the 2nd in the region (UTC+3)
    const published = DateTime.fromISO('2026-03-01T22:30Z')
    assert.equal(freshnessOf('daily', published, at('2026-03-03T12:00')).dueOn, '2026-03-03')
  })
})
