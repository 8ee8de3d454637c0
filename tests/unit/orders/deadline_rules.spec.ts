import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { WorkingCalendar, loadProductionCalendar } from '#modules/orders/calendar/working_calendar'
import {
  DEADLINE_KEYWORD_LABELS,
  DEFAULT_DEADLINE_RULES,
  resolveDeadline,
  type DeadlineKeyword,
  type DeadlineRules,
} from '#modules/orders/calendar/deadline_rules'

const calendar = WorkingCalendar.fromData(loadProductionCalendar())
const resolve = (keyword: DeadlineKeyword, signedAt: string, date?: string, rules?: DeadlineRules) =>
  resolveDeadline(
    { keyword, signedAt: DateTime.fromISO(signedAt), date: date ? DateTime.fromISO(date) : null },
    calendar,
    rules
  ).toISODate()

test.group('Orders | deadlines | working-day keywords', () => {
  test('{0} signed {1} is due {2}')
    .with([
      ['immediately', '2026-11-20', '2026-11-23'], // Friday → Monday
      ['immediately', '2026-11-21', '2026-11-23'], // signed on a Saturday
      ['immediately', '2025-12-30', '2026-01-12'], // across the New Year holidays
      ['urgent', '2026-11-20', '2026-11-25'],
      ['urgent', '2025-12-29', '2026-01-13'],
      ['urgent', '2025-10-30', '2025-11-05'], // counts the working Saturday 2025-11-01
      ['promptly', '2026-11-22', '2026-12-04'],
      ['promptly', '2025-04-28', '2025-05-16'], // across both May holidays
    ] as const)
    .run(({ assert }, [keyword, signedAt, due]) => {
      assert.equal(resolve(keyword, signedAt), due)
    })
})

test.group('Orders | deadlines | monthly, quarterly, permanent', () => {
  test('{0} signed {1} is due {2}')
    .with([
      ['monthly', '2026-11-22', '2026-12-10'],
      ['monthly', '2026-01-31', '2026-02-10'],
      ['monthly', '2025-04-15', '2025-05-07'], // May 10 is a Saturday after the May 8–9 days off
      ['monthly', '2025-12-20', '2025-12-30'], // Jan 10 2026 falls in the New Year holidays
      ['quarterly', '2026-04-15', '2026-05-08'], // May 10 is a Sunday
      ['quarterly', '2026-12-01', '2026-12-30'], // Jan 10 2027 is a Sunday after the New Year holidays
      ['permanent', '2026-03-01', '2027-01-20'],
      ['permanent', '2025-12-31', '2026-01-20'],
      ['permanent', '2028-05-05', '2029-01-19'], // Jan 20 2029 is a Saturday
    ] as const)
    .run(({ assert }, [keyword, signedAt, due]) => {
      assert.equal(resolve(keyword, signedAt), due)
    })
})

test.group('Orders | deadlines | no date is one calendar month', () => {
  test('signed {0} is due {1}')
    .with([
      ['2026-11-22', '2026-12-22'],
      ['2026-03-31', '2026-04-30'], // 30-day month: the last day
      ['2025-01-31', '2025-02-28'], // Feb 28 2025 is a Friday
      ['2026-01-31', '2026-02-27'], // Feb 28 2026 is a Saturday
      ['2028-01-31', '2028-02-29'], // leap year
      ['2026-04-09', '2026-05-08'], // May 9 2026 is a Saturday
      ['2025-04-08', '2025-05-07'], // May 8 2025 is a day off
      ['2025-12-01', '2025-12-30'], // Jan 1 2026 → back before Dec 31
      ['2026-12-05', '2026-12-30'], // Jan 5 2027 → back past the January holidays
    ] as const)
    .run(({ assert }, [signedAt, due]) => {
      assert.equal(resolve('none', signedAt), due)
    })
})

test.group('Orders | deadlines | explicit dates', () => {
  test('date {0} is due {1}')
    .with([
      ['2026-12-15', '2026-12-15'],
      ['2026-11-04', '2026-11-03'],
      ['2027-01-03', '2026-12-30'], // across the New Year holidays
      ['2026-01-11', '2025-12-30'],
      ['2025-05-11', '2025-05-07'], // across the May holidays
      ['2025-06-13', '2025-06-11'],
      ['2025-11-02', '2025-11-01'], // the working Saturday
    ] as const)
    .run(({ assert }, [date, due]) => {
      assert.equal(resolve('date', '2025-01-15', date), due)
    })

  test('the time of day is dropped', ({ assert }) => {
    const due = resolveDeadline(
      { keyword: 'date', date: DateTime.fromISO('2026-12-15T17:45'), signedAt: DateTime.fromISO('2026-12-01T09:00') },
      calendar
    )
    assert.equal(due.toISO(), DateTime.fromISO('2026-12-15').toISO())
  })

  test('a date keyword without a date is refused', ({ assert }) => {
    assert.throws(() => resolve('date', '2026-11-01'), 'A deadline given as a date needs the date')
    assert.throws(
      () => resolveDeadline({ keyword: 'date', signedAt: DateTime.fromISO('2026-11-01') }, calendar),
      /needs the date/
    )
  })
})

test.group('Orders | deadlines | tenant rules and labels', () => {
  test('a tenant may set its own rules', ({ assert }) => {
    const rules: DeadlineRules = {
      ...DEFAULT_DEADLINE_RULES,
      urgent: { kind: 'working_days', days: 5 },
      monthly: { kind: 'day_of_next_month', day: 31 },
      quarterly: { kind: 'day_of_next_month', day: 5 },
      permanent: { kind: 'date_of_next_year', month: 2, day: 29 },
      none: { kind: 'calendar_months', months: 2 },
    }
    assert.equal(resolve('urgent', '2026-11-20', undefined, rules), '2026-11-27')
    assert.equal(resolve('monthly', '2026-03-10', undefined, rules), '2026-04-30') // clamped to the month's end
    assert.equal(resolve('monthly', '2026-01-05', undefined, rules), '2026-02-27') // Feb 28 2026 is a Saturday
    assert.equal(resolve('quarterly', '2026-12-15', undefined, rules), '2026-12-30') // Jan 5 2027 is a day off
    assert.equal(resolve('permanent', '2027-03-01', undefined, rules), '2028-02-29')
    assert.equal(resolve('permanent', '2026-03-01', undefined, rules), '2027-02-26') // no Feb 29 in 2027; 28th is a Sunday
    assert.equal(resolve('none', '2025-12-31', undefined, rules), '2026-02-27')
  })

  test('the defaults follow the regional rules', ({ assert }) => {
    assert.deepEqual(DEFAULT_DEADLINE_RULES, {
      immediately: { kind: 'working_days', days: 1 },
      urgent: { kind: 'working_days', days: 3 },
      promptly: { kind: 'working_days', days: 10 },
      monthly: { kind: 'day_of_next_month', day: 10 },
      quarterly: { kind: 'day_of_next_month', day: 10 },
      permanent: { kind: 'date_of_next_year', month: 1, day: 20 },
      none: { kind: 'calendar_months', months: 1 },
    })
  })

  test('a broken rule is refused', ({ assert }) => {
    const rules: DeadlineRules = { ...DEFAULT_DEADLINE_RULES, monthly: { kind: 'day_of_next_month', day: 0 } }
    assert.throws(() => resolve('monthly', '2026-03-10', undefined, rules), /Invalid deadline rule: day/)
    const months: DeadlineRules = { ...DEFAULT_DEADLINE_RULES, permanent: { kind: 'date_of_next_year', month: 13, day: 1 } }
    assert.throws(() => resolve('permanent', '2026-03-10', undefined, months), /Invalid deadline rule: month/)
  })

  test('every keyword has a Russian and an English label', ({ assert }) => {
    assert.sameMembers(Object.keys(DEADLINE_KEYWORD_LABELS), ['date', ...Object.keys(DEFAULT_DEADLINE_RULES)])
    for (const label of Object.values(DEADLINE_KEYWORD_LABELS)) {
      assert.match(label.ru, /[а-яё]/i)
      assert.match(label.en, /^[A-Z][A-Za-z /]+$/)
    }
    assert.equal(DEADLINE_KEYWORD_LABELS.immediately.ru, 'Немедленно / весьма срочно')
    assert.equal(DEADLINE_KEYWORD_LABELS.immediately.en, 'Immediately')
  })
})
