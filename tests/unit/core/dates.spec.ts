import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatLongDate,
  formatMonth,
  formatShortDate,
  formatValue,
  readableData,
  xlsxDate,
} from '#core/dates'

test.group('Core | dates | formatting for people', () => {
  test('a date is ДД.ММ.ГГГГ in {locale}, whatever form it comes in')
    .with([{ locale: 'ru' }, { locale: 'en' }])
    .run(({ assert }, { locale }) => {
      assert.equal(formatDate('2026-11-30', locale), '30.11.2026')
      assert.equal(formatDate(DateTime.fromISO('2026-12-08'), locale), '08.12.2026')
      // a PostgreSQL date as pg reads it: local midnight
      assert.equal(formatDate(new Date(2026, 0, 5), locale), '05.01.2026')
      assert.equal(formatDate(null, locale), '—')
    })

  test('a moment is shown in Moscow time, across midnight UTC', ({ assert }) => {
    // 22:30 UTC on 30 November is 01:30 on 1 December in Moscow
    const late = DateTime.fromISO('2026-11-30T22:30:00Z', { setZone: true })
    assert.equal(formatDateTime(late), '01.12.2026 01:30')
    assert.equal(formatDateTime(late.toJSDate(), 'en'), '01.12.2026 01:30')
    assert.equal(formatDateTime('2026-11-30T22:30:00.000Z'), '01.12.2026 01:30')
    // its calendar day is the Moscow day, too
    assert.equal(formatDate(late), '01.12.2026')
    assert.equal(formatDate(late.toJSDate()), '01.12.2026')
    // 20:59 UTC is still the same day in Moscow
    assert.equal(formatDate(DateTime.fromISO('2026-11-30T20:59:00Z', { setZone: true })), '30.11.2026')
  })

  test('a calendar day never shifts through a zone, whatever the DateTime zone', ({ assert }) => {
    assert.equal(formatDate(DateTime.fromISO('2026-12-15', { zone: 'Asia/Vladivostok' })), '15.12.2026')
    assert.equal(formatDate(DateTime.fromISO('2026-12-15', { zone: 'America/New_York' })), '15.12.2026')
  })

  test('in running text the Russian month is a lower-case word', ({ assert }) => {
    assert.equal(formatLongDate('2026-11-30', 'ru'), '30 ноября 2026')
    assert.equal(formatLongDate('2026-03-08', 'ru'), '8 марта 2026')
    assert.equal(formatDayMonth('2026-11-30', 'ru'), '30 ноября')
    assert.equal(formatLongDate('2026-11-30', 'en'), '30 November 2026')
    assert.equal(formatDayMonth('2026-05-01', 'en'), '1 May')
    assert.equal(formatShortDate('2026-12-07'), '07.12')
    assert.equal(formatMonth('2026-11', 'ru'), 'ноябрь 2026')
    assert.equal(formatMonth('2026-11-30', 'en'), 'November 2026')
  })

  test('stored values: ISO days and moments become readable, other texts stay', ({ assert }) => {
    assert.equal(formatValue('2026-12-08'), '08.12.2026')
    assert.equal(formatValue('2026-12-08T09:00:00.000+00:00'), '08.12.2026 12:00')
    assert.equal(formatValue('А32-41877/2026'), 'А32-41877/2026')
    assert.equal(formatValue('in_progress'), 'in_progress')
    assert.equal(formatValue(null), '—')
    assert.deepEqual(readableData({ number: 'П-12/2026', deadline: '2026-12-15', minutes: 15, time: '10:30' }), {
      number: 'П-12/2026',
      deadline: '15.12.2026',
      minutes: 15,
      time: '10:30',
    })
  })

  test('an XLSX date cell holds the region day (or wall-clock moment) in its UTC fields', ({ assert }) => {
    assert.equal(xlsxDate('2026-11-30')!.toISOString(), '2026-11-30T00:00:00.000Z')
    assert.equal(xlsxDate(DateTime.fromISO('2026-11-30T22:30:00Z'))!.toISOString(), '2026-12-01T00:00:00.000Z')
    assert.equal(xlsxDate(DateTime.fromISO('2026-11-30T22:30:00Z'), true)!.toISOString(), '2026-12-01T01:30:00.000Z')
    assert.isNull(xlsxDate(null))
  })
})
