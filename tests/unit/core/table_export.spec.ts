import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { dateCell, writePdfTable, writeXlsxTable, type Cell } from '#core/table_export'
import { collectStream, openpyxlRows, popplerText, searchable } from '#tests/helpers/documents'


test.group('Core | table export | PDF cells', () => {
  test('cells wrap at spaces only: words and case numbers in narrow columns stay whole and can be searched', async ({ assert }) => {
    const rows: Cell[][] = [
      ['А32-41877/2026', 'Просрочено', 'Арбитражный суд Краснодарского края рассматривает дело о взыскании задолженности', dateCell('2026-12-15')],
      ['А32-5/2027', '1\u00a0500\u00a0000,25\u00a0₽', 'Коротко', dateCell(DateTime.fromISO('2026-11-30T22:30:00Z'), true)],
    ]
    const pdf = await collectStream((output) =>
      writePdfTable({
        output,
        title: 'Проверка переносов',
        // narrow on purpose: the header «Просрочено» and the case number are wider than their columns at 8 pt
        header: ['Номер дела', 'Просрочено', 'Суд', 'Дата'],
        widths: [50, 40, 90, 50],
        batches: [rows],
      })
    )
    const text = await popplerText(pdf)
    const words = new Set(text.split(/\s+/))
    for (const whole of ['А32-41877/2026', 'А32-5/2027', 'Просрочено', 'Краснодарского', 'задолженности', '15.12.2026']) {
      assert.isTrue(words.has(whole), `«${whole}» is one word in the PDF text:\n${text}`)
    }
    // a moment is written in Moscow time (22:30 UTC is 01:30 the next day)
    assert.include(searchable(text), '01.12.2026 01:30')
    // the sentence wraps (several lines), at its spaces
    assert.include(searchable(text), 'Арбитражный суд Краснодарского края рассматривает дело о взыскании задолженности')
    assert.notMatch(text, /2026-12-15/)
    // no-break spaces hold: an amount in a narrow column stays on one line
    assert.match(text, /1.500.000,25.₽/)
  })
})

test.group('Core | table export | PDF text drawn by the table', () => {
  test('kerned pairs, repeated words, combining marks and both fonts come out as the same words', async ({ assert }) => {
    // «AVAWAY» and «Tyre» have kerning pairs in DejaVu; «и\u0306» places a combining mark (pdfkit draws that line itself)
    const rows: Cell[][] = [
      ['AVAWAY Tyre', 'повтор повтор повтор', 'Йошкар-Ола'],
      ['AVAWAY Tyre', 'повтор', 'и\u0306од'],
    ]
    const pdf = await collectStream((output) => writePdfTable({ output, title: 'Кернинг', header: ['Латиница', 'Повтор', 'Знаки'], widths: [120, 160, 120], batches: [rows] }))
    const text = searchable(await popplerText(pdf))
    for (const expected of ['Латиница Повтор Знаки', 'AVAWAY Tyre повтор повтор повтор Йошкар-Ола', 'AVAWAY Tyre повтор']) assert.include(text, expected)
    // (poppler puts a space after the mark, as it did when pdfkit drew every line)
    assert.match(text, /и\u0306 ?од/)
  })
})

test.group('Core | table export | PDF rows taller than a page', () => {
  test('a row taller than a page goes on over the next pages to its last line; the next row follows it', async ({ assert }) => {
    const long = Array.from({ length: 600 }, (_, index) => `строка${index}`).join(' ')
    const pdf = await collectStream((output) =>
      writePdfTable({ output, title: 'Длинная строка', header: ['№', 'Текст'], widths: [40, 60], batches: [[['1', long], ['2', 'последняя']]] })
    )
    const text = await popplerText(pdf)
    const words = text.split(/\s+/)
    for (const word of ['строка0', 'строка300', 'строка599', 'последняя']) assert.include(words, word)
    assert.isBelow(words.indexOf('строка599'), words.indexOf('последняя'))
    assert.isAbove(text.split('\f').filter((page) => page.trim()).length, 2, 'the row spans pages')
  })
})

test.group('Core | table export | XLSX dates', () => {
  test('dates are real date cells with a ДД.ММ.ГГГГ format (read back by openpyxl), not text', async ({ assert }) => {
    const xlsx = await collectStream((output) =>
      writeXlsxTable({
        output,
        sheetName: 'Даты',
        columns: [
          { header: 'Номер', width: 10 },
          { header: 'Срок', width: 12 },
          { header: 'Время', width: 18 },
        ],
        batches: [
          [
            ['П-1', dateCell('2026-12-08'), dateCell(DateTime.fromISO('2026-11-30T22:30:00Z'), true)],
            ['П-2', dateCell(null), null],
          ],
        ],
      })
    )
    const rows = await openpyxlRows(xlsx)
    assert.deepEqual(rows[1][1], { type: 'd', value: '2026-12-08T00:00:00', format: 'dd.mm.yyyy' })
    assert.deepEqual(rows[1][2], { type: 'd', value: '2026-12-01T01:30:00', format: 'dd.mm.yyyy hh:mm' })
    assert.equal(rows[1][0].value, 'П-1')
    assert.isNull(rows[2][1].value)
  })
})
