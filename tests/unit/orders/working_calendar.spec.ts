import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { WorkingCalendar, loadProductionCalendar } from '#modules/orders/calendar/working_calendar'

const calendar = WorkingCalendar.fromData(loadProductionCalendar())
const day = (iso: string) => DateTime.fromISO(iso)

test.group('Orders | calendar | working days', () => {
  test('{0} is {1}')
    .with([
      ['2026-11-23', 'working'],
      ['2026-11-21', 'off'],
      ['2026-01-01', 'off'],
      ['2026-01-09', 'off'],
      ['2026-01-12', 'working'],
      ['2026-03-09', 'off'],
      ['2025-11-01', 'working'],
      ['2025-11-03', 'off'],
      ['2025-05-08', 'working'],
      ['2027-06-14', 'off'],
    ] as const)
    .run(({ assert }, [iso, expected]) => {
      assert.equal(calendar.isWorkingDay(day(iso)), expected === 'working')
    })

  test('a non-working day moves back to the preceding working day', ({ assert }) => {
    assert.equal(calendar.previousWorkingDay(day('2026-01-05')).toISODate(), '2025-12-30')
    assert.equal(calendar.previousWorkingDay(day('2026-05-10')).toISODate(), '2026-05-08')
    assert.equal(calendar.previousWorkingDay(day('2026-11-24')).toISODate(), '2026-11-24')
  })

  test('working days are counted across the January holidays', ({ assert }) => {
    assert.equal(calendar.addWorkingDays(day('2025-12-29'), 3).toISODate(), '2026-01-13')
    assert.equal(calendar.addWorkingDays(day('2026-11-20'), 1).toISODate(), '2026-11-23')
    assert.equal(calendar.workingDaysBetween(day('2025-12-31'), day('2026-01-12')), 1)
  })

  test('each year has the working days of its calendar ({0}: {1})')
    .with([
      ['2025', 247],
      ['2026', 247],
      ['2027', 249],
    ] as const)
    .run(({ assert }, [year, expected]) => {
      const start = day(`${Number(year) - 1}-12-31`)
      assert.equal(calendar.workingDaysBetween(start, day(`${year}-12-31`)), expected)
    })

  test('the shipped data is consistent', ({ assert }) => {
    const data = loadProductionCalendar()
    for (const [year, days] of Object.entries(data.years)) {
      for (const iso of [...days.holidays, ...days.workingWeekends]) {
        assert.isTrue(day(iso).isValid, iso)
        assert.equal(day(iso).year, Number(year))
      }
      for (const iso of days.holidays) assert.isBelow(day(iso).weekday, 6, `${iso} is a weekend; list only weekday holidays`)
      for (const iso of days.workingWeekends) assert.isAbove(day(iso).weekday, 5)
    }
  })
})
