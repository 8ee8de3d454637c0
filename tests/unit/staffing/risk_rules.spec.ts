import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  assess,
  completeness,
  DEFAULT_THRESHOLDS,
  isLongVacancy,
  levelFor,
  turnover,
  type PositionFacts,
  type StaffingFigures,
} from '#modules/staffing/services/risk_rules'

const today = DateTime.fromISO('2026-06-30')
const figures = (overrides: Partial<StaffingFigures> = {}): StaffingFigures => ({
  approvedFte: 100,
  actualFte: 100,
  longVacancies: 0,
  departures: 0,
  headcount: 100,
  ...overrides,
})
const keyPost = (overrides: Partial<PositionFacts>): PositionFacts => ({
  title: 'Руководитель департамента',
  keyPost: 'head',
  status: 'vacant',
  vacantSince: '2026-06-01',
  actingSince: null,
  ...overrides,
})
const keys = (result: ReturnType<typeof assess>) => result.reasons.map((reason) => `${reason.level}:${reason.key}`)

test.group('Staffing | risk rules | completeness and bands', () => {
  test('completeness is actual ÷ approved × 100, rounded to 0.1; none without approved posts', ({ assert }) => {
    assert.equal(completeness(47, 50), 94)
    assert.equal(completeness(2, 3), 66.7)
    assert.equal(completeness(5.5, 5), 110)
    assert.isNull(completeness(3, 0))
  })

  test('bands at their boundaries: 95 green, 94.9 amber, 85 amber, 84.9 red', ({ assert }) => {
    assert.equal(levelFor(95, DEFAULT_THRESHOLDS), 'green')
    assert.equal(levelFor(94.9, DEFAULT_THRESHOLDS), 'amber')
    assert.equal(levelFor(85, DEFAULT_THRESHOLDS), 'amber')
    assert.equal(levelFor(84.9, DEFAULT_THRESHOLDS), 'red')
    assert.equal(assess(figures({ actualFte: 95 }), [], DEFAULT_THRESHOLDS, today).level, 'green')
    assert.deepEqual(keys(assess(figures({ actualFte: 94.9 }), [], DEFAULT_THRESHOLDS, today)), ['amber:low_completeness'])
    assert.deepEqual(keys(assess(figures({ actualFte: 84.9 }), [], DEFAULT_THRESHOLDS, today)), ['red:low_completeness'])
  })

  test('thresholds are configurable', ({ assert }) => {
    const strict = { ...DEFAULT_THRESHOLDS, greenMin: 99, amberMin: 97 }
    assert.equal(assess(figures({ actualFte: 98 }), [], strict, today).level, 'amber')
    assert.equal(assess(figures({ actualFte: 96 }), [], strict, today).level, 'red')
    const lenient = { ...DEFAULT_THRESHOLDS, greenMin: 80, amberMin: 60 }
    assert.equal(assess(figures({ actualFte: 80 }), [], lenient, today).level, 'green')
  })

  test('no positions, no level', ({ assert }) => {
    assert.isNull(assess(figures({ approvedFte: 0, actualFte: 0, headcount: 0 }), [], DEFAULT_THRESHOLDS, today).level)
  })
})

test.group('Staffing | risk rules | always red and amber', () => {
  test('a vacant head, deputy or chief accountant post is red even at 100 %', ({ assert }) => {
    for (const post of ['head', 'deputy', 'chief_accountant'] as const) {
      const result = assess(figures(), [keyPost({ keyPost: post })], DEFAULT_THRESHOLDS, today)
      assert.equal(result.level, 'red')
      assert.deepEqual(keys(result), ['red:vacant_key_post'])
    }
    // an acting head is not a vacant post
    assert.equal(assess(figures(), [keyPost({ status: 'acting', actingSince: '2026-06-01' })], DEFAULT_THRESHOLDS, today).level, 'green')
  })

  test('an acting head for 90 days is fine, for 91 days red; the limit is configurable', ({ assert }) => {
    const ninety = today.minus({ days: 90 }).toISODate()!
    const ninetyOne = today.minus({ days: 91 }).toISODate()!
    assert.equal(assess(figures(), [keyPost({ status: 'acting', actingSince: ninety })], DEFAULT_THRESHOLDS, today).level, 'green')
    const late = assess(figures(), [keyPost({ status: 'acting', actingSince: ninetyOne })], DEFAULT_THRESHOLDS, today)
    assert.deepEqual(keys(late), ['red:acting_head'])
    assert.equal(late.reasons[0].params.days, 91)
    assert.equal(assess(figures(), [keyPost({ status: 'acting', actingSince: ninety })], { ...DEFAULT_THRESHOLDS, actingHeadDays: 60 }, today).level, 'red')
    // an acting deputy is not the acting-head rule
    assert.equal(assess(figures(), [keyPost({ keyPost: 'deputy', status: 'acting', actingSince: ninetyOne })], DEFAULT_THRESHOLDS, today).level, 'green')
  })

  test('a vacancy is long after more than 90 days; long vacancies make a department amber', ({ assert }) => {
    assert.isFalse(isLongVacancy(today.minus({ days: 90 }).toISODate()!, DEFAULT_THRESHOLDS, today))
    assert.isTrue(isLongVacancy(today.minus({ days: 91 }).toISODate()!, DEFAULT_THRESHOLDS, today))
    assert.isFalse(isLongVacancy(today.minus({ days: 91 }).toISODate()!, { ...DEFAULT_THRESHOLDS, vacancyDays: 120 }, today))
    const result = assess(figures({ actualFte: 99, longVacancies: 1 }), [], DEFAULT_THRESHOLDS, today)
    assert.deepEqual(keys(result), ['amber:long_vacancy'])
  })

  test('turnover is departures ÷ headcount × 100; above 15 % amber, 15 % exactly not', ({ assert }) => {
    assert.equal(turnover(15, 100), 15)
    assert.equal(turnover(2, 0), 200)
    assert.equal(assess(figures({ departures: 15 }), [], DEFAULT_THRESHOLDS, today).level, 'green')
    assert.deepEqual(keys(assess(figures({ departures: 16 }), [], DEFAULT_THRESHOLDS, today)), ['amber:turnover'])
    assert.equal(assess(figures({ departures: 16 }), [], { ...DEFAULT_THRESHOLDS, turnoverMax: 20 }, today).level, 'green')
  })

  test('the worst reason decides; red reasons come first', ({ assert }) => {
    const result = assess(figures({ actualFte: 90, longVacancies: 2 }), [keyPost({ keyPost: 'chief_accountant' })], DEFAULT_THRESHOLDS, today)
    assert.equal(result.level, 'red')
    assert.deepEqual(keys(result), ['red:vacant_key_post', 'amber:low_completeness', 'amber:long_vacancy'])
  })
})
