import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { WorkingCalendar, loadProductionCalendar } from '#modules/orders/calendar/working_calendar'

const calendar = WorkingCalendar.fromData(loadProductionCalendar())
const day = (iso: string) => DateTime.fromISO(iso)
const iso = (date: DateTime) => date.toISODate()

/** Working days of a whole year, counted on the shipped calendar. */
const workingDaysIn = (year: number) => calendar.workingDaysBetween(day(`${year - 1}-12-31`), day(`${year}-12-31`))

test.group('Orders | calendar | working days', () => {
  test('{0} is {1}')
    .with([
      ['2026-11-20', 'working'], // Friday
      ['2026-11-21', 'off'], // Saturday
      ['2026-11-22', 'off'], // Sunday
      ['2026-11-23', 'working'], // Monday
      ['2025-02-24', 'working'], // Feb 23 (Sun) was moved to May 8 by decree, not to Monday
      ['2025-03-10', 'working'], // Mar 8 (Sat) was moved to Jun 13 by decree
      ['2026-02-20', 'working'],
      ['2027-12-31', 'working'], // no 2027 decree known: Dec 31 is an ordinary Friday
    ] as const)
    .run(({ assert }, [date, expected]) => {
      assert.equal(calendar.isWorkingDay(day(date)), expected === 'working')
    })

  test('the time of day and the zone do not matter', ({ assert }) => {
    assert.isTrue(calendar.isWorkingDay(day('2026-11-23T23:59:59')))
    assert.isFalse(calendar.isWorkingDay(day('2026-01-09T00:00:01')))
    const yekaterinburg = DateTime.fromISO('2026-01-05T15:30', { zone: 'Asia/Yekaterinburg' })
    const moved = calendar.previousWorkingDay(yekaterinburg)
    assert.equal(moved.toISO(), '2025-12-30T00:00:00.000+05:00')
    assert.equal(calendar.nextWorkingDay(day('2026-11-23T18:00')).toISO(), day('2026-11-23').toISO())
  })

  test('invalid input is refused', ({ assert }) => {
    assert.throws(() => calendar.isWorkingDay(DateTime.fromISO('2026-02-30')), /Invalid date/)
    assert.throws(() => new WorkingCalendar({ holidays: ['2026-02-30'], workingWeekends: [] }), /Invalid calendar date "2026-02-30"/)
    assert.throws(() => new WorkingCalendar({ holidays: ['1.05.2026'], workingWeekends: [] }), /Invalid calendar date/)
    assert.throws(() => calendar.addWorkingDays(day('2026-11-23'), 1.5), /whole number/)
  })
})

test.group('Orders | calendar | holidays', () => {
  test('{$self} is a day off')
    .with([
      '2025-01-01',
      '2025-01-03',
      '2025-01-06',
      '2025-01-08',
      '2025-05-01',
      '2025-05-02', // from Sat Jan 4
      '2025-05-08', // from Sun Feb 23
      '2025-05-09',
      '2025-06-12',
      '2025-06-13', // from Sat Mar 8
      '2025-11-03', // from Sat Nov 1
      '2025-11-04',
      '2025-12-31', // from Sun Jan 5
      '2026-01-01',
      '2026-01-09', // from Sat Jan 3
      '2026-02-23',
      '2026-03-09', // Mar 8 is a Sunday
      '2026-05-11', // May 9 is a Saturday
      '2026-06-12',
      '2026-11-04',
      '2026-12-31', // from Sun Jan 4
      '2027-01-08',
      '2027-03-08',
      '2027-05-03', // May 1 is a Saturday
      '2027-05-10', // May 9 is a Sunday
      '2027-06-14', // Jun 12 is a Saturday
    ])
    .run(({ assert }, date) => {
      assert.isFalse(calendar.isWorkingDay(day(date)))
    })

  test('the first working day after the New Year holidays', ({ assert }) => {
    assert.equal(iso(calendar.nextWorkingDay(day('2025-01-01'))), '2025-01-09')
    assert.equal(iso(calendar.nextWorkingDay(day('2025-12-31'))), '2026-01-12')
    assert.equal(iso(calendar.nextWorkingDay(day('2026-12-31'))), '2027-01-11')
  })
})

test.group('Orders | calendar | transfers', () => {
  test('Saturday 2025-11-01 is a working day, Monday 2025-11-03 is not', ({ assert }) => {
    assert.isTrue(calendar.isWorkingDay(day('2025-11-01')))
    assert.isFalse(calendar.isWorkingDay(day('2025-11-02')))
    assert.isFalse(calendar.isWorkingDay(day('2025-11-03')))
    assert.equal(iso(calendar.previousWorkingDay(day('2025-11-04'))), '2025-11-01')
    assert.equal(iso(calendar.nextWorkingDay(day('2025-11-01'))), '2025-11-01')
  })

  test('working days are counted through the working Saturday', ({ assert }) => {
    assert.equal(iso(calendar.addWorkingDays(day('2025-10-31'), 1)), '2025-11-01')
    assert.equal(iso(calendar.addWorkingDays(day('2025-10-31'), 2)), '2025-11-05')
    assert.equal(calendar.workingDaysBetween(day('2025-10-26'), day('2025-11-09')), 9)
  })

  test('a day listed both ways counts as a holiday; an empty calendar is plain weekends', ({ assert }) => {
    const both = new WorkingCalendar({ holidays: ['2026-11-21'], workingWeekends: ['2026-11-21', '2026-11-22'] })
    assert.isFalse(both.isWorkingDay(day('2026-11-21')))
    assert.isTrue(both.isWorkingDay(day('2026-11-22')))
    const plain = new WorkingCalendar({ holidays: [], workingWeekends: [] })
    assert.isTrue(plain.isWorkingDay(day('2026-01-01')))
    assert.isFalse(plain.isWorkingDay(day('1969-12-28'))) // a Sunday before 1970
    assert.equal(plain.workingDaysBetween(day('2030-12-31'), day('2031-12-31')), 261)
  })
})

test.group('Orders | calendar | moving and counting', () => {
  test('a non-working day moves back to the preceding working day', ({ assert }) => {
    assert.equal(iso(calendar.previousWorkingDay(day('2026-01-05'))), '2025-12-30')
    assert.equal(iso(calendar.previousWorkingDay(day('2025-01-08T12:00'))), '2024-12-31') // 2024 is not in the data
    assert.equal(iso(calendar.previousWorkingDay(day('2025-05-11'))), '2025-05-07')
    assert.equal(iso(calendar.previousWorkingDay(day('2025-06-15'))), '2025-06-11')
    assert.equal(iso(calendar.previousWorkingDay(day('2026-05-10'))), '2026-05-08')
    assert.equal(iso(calendar.previousWorkingDay(day('2026-11-24'))), '2026-11-24')
  })

  test('working days are added across the January holidays', ({ assert }) => {
    assert.equal(iso(calendar.addWorkingDays(day('2025-12-29'), 1)), '2025-12-30')
    assert.equal(iso(calendar.addWorkingDays(day('2025-12-29'), 2)), '2026-01-12')
    assert.equal(iso(calendar.addWorkingDays(day('2025-12-29'), 3)), '2026-01-13')
    assert.equal(iso(calendar.addWorkingDays(day('2026-12-30'), 1)), '2027-01-11')
    assert.equal(iso(calendar.addWorkingDays(day('2026-01-03'), 1)), '2026-01-12') // starting on a day off
    assert.equal(iso(calendar.addWorkingDays(day('2026-11-20'), 1)), '2026-11-23')
  })

  test('zero and negative counts', ({ assert }) => {
    assert.equal(iso(calendar.addWorkingDays(day('2026-01-03'), 0)), '2026-01-03')
    assert.equal(iso(calendar.addWorkingDays(day('2026-01-12'), -1)), '2025-12-30')
    assert.equal(iso(calendar.addWorkingDays(day('2026-01-10'), -1)), '2025-12-30')
    assert.equal(calendar.workingDaysBetween(day('2026-01-12'), day('2025-12-30')), -1)
    assert.equal(calendar.workingDaysBetween(day('2026-01-12'), day('2026-01-12')), 0)
  })

  test('counting working days between dates', ({ assert }) => {
    assert.equal(calendar.workingDaysBetween(day('2025-12-31'), day('2026-01-12')), 1)
    assert.equal(calendar.workingDaysBetween(day('2025-12-29'), day('2026-01-13')), 3)
    assert.equal(calendar.workingDaysBetween(day('2025-04-30'), day('2025-05-31')), 18) // May 2025
    assert.equal(calendar.workingDaysBetween(day('2026-04-30'), day('2026-05-31')), 19) // May 2026
  })

  test('counting undoes adding, forwards and backwards', ({ assert }) => {
    for (const start of ['2025-12-27', '2025-10-31', '2026-01-09', '2026-05-08', '2027-06-12']) {
      for (let days = -25; days <= 25; days++) {
        const end = calendar.addWorkingDays(day(start), days)
        assert.equal(calendar.workingDaysBetween(day(start), end), days, `${start} ${days}`)
        if (days !== 0) assert.isTrue(calendar.isWorkingDay(end), `${start} ${days}`)
      }
    }
  })
})

test.group('Orders | calendar | shipped data', () => {
  const data = loadProductionCalendar()

  test('covers 2025–2027 and names its sources', ({ assert }) => {
    assert.deepEqual(Object.keys(data.years), ['2025', '2026', '2027'])
    assert.include(data.source, '1335')
    assert.include(data.source, '1466')
  })

  test('every day parses, sits in its year and is listed once', ({ assert }) => {
    for (const [year, days] of Object.entries(data.years)) {
      const listed = [...days.holidays, ...days.workingWeekends, ...(days.shortened ?? [])]
      for (const date of listed) {
        assert.match(date, /^\d{4}-\d{2}-\d{2}$/)
        assert.isTrue(day(date).isValid, date)
        assert.equal(day(date).year, Number(year), date)
      }
      assert.equal(new Set(days.holidays).size, days.holidays.length, `${year}: duplicate holidays`)
      assert.deepEqual([...days.holidays].sort(), days.holidays, `${year}: holidays in order`)
    }
  })

  test('holidays are weekdays, working weekends are weekends, never both', ({ assert }) => {
    for (const days of Object.values(data.years)) {
      for (const date of days.holidays) assert.isBelow(day(date).weekday, 6, `${date} is a weekend; list only weekday holidays`)
      for (const date of days.workingWeekends) {
        assert.isAbove(day(date).weekday, 5, `${date} is not a weekend`)
        assert.notInclude(days.holidays, date)
      }
    }
  })

  test('shortened days are working days', ({ assert }) => {
    for (const days of Object.values(data.years)) {
      for (const date of days.shortened ?? []) assert.isTrue(calendar.isWorkingDay(day(date)), date)
    }
  })

  test('{0} has {1} working days and {2} hours on a 40-hour week')
    .with([
      [2025, 247, 1972],
      [2026, 247, 1972],
      [2027, 249, 1987], // Art. 112 only: the January weekend holidays are not moved yet
    ] as const)
    .run(({ assert }, [year, workingDays, hours]) => {
      assert.equal(workingDaysIn(year), workingDays)
      const shortened = data.years[String(year)].shortened ?? []
      assert.equal(workingDays * 8 - shortened.length, hours)
    })
})
