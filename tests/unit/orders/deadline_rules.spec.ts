import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { WorkingCalendar, loadProductionCalendar } from '#modules/orders/calendar/working_calendar'
import { resolveDeadline, type DeadlineKeyword } from '#modules/orders/calendar/deadline_rules'

const calendar = WorkingCalendar.fromData(loadProductionCalendar())
const resolve = (keyword: DeadlineKeyword, signedAt: string, date?: string) =>
  resolveDeadline({ keyword, signedAt: DateTime.fromISO(signedAt), date: date ? DateTime.fromISO(date) : null }, calendar).toISODate()

test.group('Orders | deadlines | keywords', () => {
  test('{0} signed {1} is due {2}')
    .with([
      ['immediately', '2026-11-20', '2026-11-23'],
      ['urgent', '2026-11-20', '2026-11-25'],
      ['promptly', '2026-11-22', '2026-12-04'],
      ['urgent', '2025-12-29', '2026-01-13'],
      ['monthly', '2026-11-22', '2026-12-10'],
      ['quarterly', '2026-04-15', '2026-05-08'],
      ['permanent', '2026-03-01', '2027-01-20'],
      ['none', '2026-11-22', '2026-12-22'],
      ['none', '2026-01-31', '2026-02-27'],
      ['none', '2026-04-09', '2026-05-08'],
    ] as const)
    .run(({ assert }, [keyword, signedAt, due]) => {
      assert.equal(resolve(keyword, signedAt), due)
    })

  test('a date on a holiday moves back to the preceding working day', ({ assert }) => {
    assert.equal(resolve('date', '2026-11-01', '2026-11-04'), '2026-11-03')
    assert.equal(resolve('date', '2026-11-01', '2027-01-03'), '2026-12-30')
    assert.equal(resolve('date', '2026-11-01', '2026-12-15'), '2026-12-15')
  })

  test('a date keyword without a date is refused', ({ assert }) => {
    assert.throws(() => resolve('date', '2026-11-01'), /needs the date/)
  })
})
