import { test } from '@japa/runner'
import ICAL from 'ical.js'
import { ICalWriter, beforeStart, escapeText, foldLine, localStamp, utcStamp } from '#modules/planner/services/ical_writer'

test.group('Planner | iCal writer (RFC 5545)', () => {
  test('folds at 75 octets without splitting a character; unfolding gives the line back', ({ assert }) => {
    const line = `DESCRIPTION:${'Планёрка по паводку, отчёт к пятнице; '.repeat(8)}😀 end`
    const folded = foldLine(line)
    for (const part of folded.split('\r\n')) assert.isAtMost(Buffer.byteLength(part), 75)
    assert.notInclude(folded, '\uFFFD')
    assert.equal(folded.replaceAll('\r\n ', ''), line)
    assert.equal(foldLine('SUMMARY:short'), 'SUMMARY:short')
  })

  test('escapes TEXT, writes UTC and zone times and alarm durations', ({ assert }) => {
    assert.equal(escapeText('a\\b; c, d\r\ne\nf'), 'a\\\\b\\; c\\, d\\ne\\nf')
    const moment = Date.parse('2026-12-31T22:30:05Z')
    assert.equal(utcStamp(moment), '20261231T223005Z')
    assert.equal(localStamp(moment, 'Europe/Moscow'), '20270101T013005')
    // a zone with summer time, on both sides of its changes
    assert.equal(localStamp(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin'), '20260329T015959')
    assert.equal(localStamp(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin'), '20260329T030000')
    assert.equal(localStamp(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin'), '20261025T023000')
    assert.equal(localStamp(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin'), '20261025T023000')
    assert.equal(localStamp(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Berlin'), '20260701T140000')
    assert.equal(beforeStart(10), '-PT10M')
    assert.equal(beforeStart(90), '-PT1H30M')
    assert.equal(beforeStart(1440), '-P1D')
    assert.equal(beforeStart(0), '-PT0M')
  })

  test('an independent reader (ical.js) reads back every field', ({ assert }) => {
    const writer = new ICalWriter('Europe/Moscow', { prodId: '-//Krai//Planner//RU', name: 'Календарь, мой', refreshMinutes: 15 })
    const start = Date.parse('2027-03-02T07:00:00Z')
    const description = 'Длинное описание; с запятыми, точками с запятой и\nпереводом строки. '.repeat(5)
    writer.event({
      uid: 'planner-1@social.localhost', stamp: start, lastModified: start, start, end: start + 3_600_000,
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', exdates: ['20270309T100000'], summary: 'Планёрка, зал 2; важно',
      description, location: 'Зал 2', url: 'https://social.example/planner/items/1/edit', alarms: [10],
    })
    writer.event({ uid: 'order-7@social.localhost', stamp: start, startDay: '20270305', endDay: '20270306', summary: 'Срок поручения', url: 'https://social.example/orders/7' })
    const text = writer.toString()
    // encoded event by event: the same bytes as the text
    assert.isTrue(writer.toBuffer().equals(Buffer.from(text)))
    assert.isTrue(text.endsWith('END:VCALENDAR\r\n'))
    assert.notInclude(text.replaceAll('\r\n', ''), '\n')
    const calendar = new ICAL.Component(ICAL.parse(text))
    assert.equal(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'), 'Europe/Moscow')
    const [meeting, deadline] = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component))
    assert.equal(meeting.summary, 'Планёрка, зал 2; важно')
    assert.equal(meeting.description, description)
    assert.equal(meeting.startDate.toString(), '2027-03-02T10:00:00')
    assert.equal(meeting.component.getFirstProperty('dtstart')?.getParameter('tzid'), 'Europe/Moscow')
    assert.equal(meeting.component.getFirstPropertyValue('dtstamp')?.toString(), '2027-03-02T07:00:00Z')
    const iterator = meeting.iterator()
    const days = [iterator.next(), iterator.next(), iterator.next(), iterator.next()].filter(Boolean).map((time) => time!.toString())
    // ical.js expands the rule without the cancelled 9 March
    assert.deepEqual(days, ['2027-03-02T10:00:00', '2027-03-16T10:00:00', '2027-03-23T10:00:00'])
    assert.equal(meeting.component.getFirstPropertyValue('exdate')?.toString(), '2027-03-09T10:00:00')
    assert.equal(meeting.component.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString(), '-PT10M')
    assert.isTrue(deadline.startDate.isDate)
    assert.equal(deadline.startDate.toString(), '2027-03-05')
    assert.equal(deadline.endDate.toString(), '2027-03-06')
  })
})
