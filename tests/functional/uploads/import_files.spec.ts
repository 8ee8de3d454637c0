import { test } from '@japa/runner'
import iconv from 'iconv-lite'
import StaffingPosition from '#modules/staffing/models/staffing_position'
import { signIn } from '#tests/helpers/http'
import { inOffice } from '#tests/helpers/tenants'
import { staffingOffice, xlsxFile, type StaffingOffice } from '#tests/helpers/staffing'
import { lawsuitsOffice, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { bombXlsx, pageAfter, postFile } from '#tests/helpers/uploads'

let staffing: StaffingOffice
let lawsuits: LawsuitsOffice

const HEADER_RU = 'Подразделение;Должность;Штатная численность (ставок);Действует с'

/** The three import forms, each as a browser reaches it. */
async function imports(client: any) {
  const staffingSession = (await signIn(client, staffing.host, staffing.head.email)).session!
  const lawsuitsSession = (await signIn(client, lawsuits.host, lawsuits.lawyer.email)).session!
  return {
    staffing: { host: staffing.host, session: staffingSession, page: '/staffing/import', action: '/staffing/import', fields: { kind: 'positions' } },
    lawsuits: { host: lawsuits.host, session: lawsuitsSession, page: '/lawsuits/import', action: '/lawsuits/import', fields: {} },
    media: { host: staffing.host, session: staffingSession, page: '/media/entry', action: '/media/import', fields: {} },
  }
}

const titles = () => inOffice(staffing, async () => (await StaffingPosition.query().orderBy('title')).map((position) => position.title))

test.group('Uploads | import files (XLSX, CSV) in every import', (group) => {
  group.setup(async () => {
    staffing = await staffingOffice('upl_staffing')
    lawsuits = await lawsuitsOffice('upl_lawsuits')
  })

  test('an XLSX zip bomb is refused from its central directory, before any parsing, in every import', async ({ assert, client }) => {
    const bomb = bombXlsx()
    assert.isBelow(bomb.length, 300 * 1024, 'the bomb is small')
    for (const [name, target] of Object.entries(await imports(client))) {
      const started = performance.now()
      const response = await postFile(client, target, { buffer: bomb, name: 'bomb.xlsx' }, target.fields, { json: true })
      assert.equal(response.status(), 422, name)
      const [error] = response.body().errors
      assert.equal(error.field, 'file', name)
      assert.match(error.message, /^Файл «bomb\.xlsx»: файл сжат в \d+ раз/, name)
      assert.isBelow(performance.now() - started, 3000, `${name} answers at once`)
    }
  })

  test('a truncated or non-zip .xlsx is "could not be read" on the file field in every import; the form answers as before', async ({ assert, client }) => {
    const good = await xlsxFile([['Подразделение', 'Должность'], ['health', 'Министр']])
    const truncated = good.subarray(0, Math.floor(good.length / 2))
    for (const [name, target] of Object.entries(await imports(client))) {
      for (const buffer of [truncated, Buffer.from('PK\u0003\u0004 not really a zip')]) {
        const response = await postFile(client, target, { buffer, name: 'штат.xlsx' }, target.fields, { json: true })
        assert.equal(response.status(), 422, name)
        assert.deepInclude(response.body().errors[0], { field: 'file', message: 'Файл «штат.xlsx»: файл не удалось прочитать — он повреждён, обрезан или это не таблица XLSX/CSV' })
      }
      const form = await postFile(client, target, { buffer: truncated, name: 'штат.xlsx' }, target.fields)
      assert.equal(form.status(), 302, name)
      const page = await pageAfter(client, target, form)
      assert.include(page.text(), 'Файл «штат.xlsx»: файл не удалось прочитать', name)
    }
  })

  test('an empty file is "the file is empty"; headers only is the same answer in every import', async ({ assert, client }) => {
    const headersOnly = { staffing: HEADER_RU, lawsuits: 'Номер дела;Суд;Инстанция;Категория;Наша роль;Заявленная сумма;Подразделение', media: 'outlet;date;title;url' }
    for (const [name, target] of Object.entries(await imports(client))) {
      const empty = await postFile(client, target, { buffer: Buffer.alloc(0), name: 'пусто.csv' }, target.fields, { json: true })
      assert.equal(empty.status(), 422, name)
      assert.deepInclude(empty.body().errors[0], { field: 'file', message: 'Файл «пусто.csv»: файл пуст' })

      const header = headersOnly[name as keyof typeof headersOnly]
      for (const [buffer, fileName] of [
        [Buffer.from(`${header}\r\n;;;\r\n\r\n`), 'заголовки.csv'],
        [await xlsxFile([header.split(';')]), 'заголовки.xlsx'],
      ] as const) {
        const response = await postFile(client, target, { buffer, name: fileName }, target.fields, { json: true })
        assert.equal(response.status(), 422, `${name} ${fileName}`)
        assert.deepInclude(response.body().errors[0], { field: 'file', message: `Файл «${fileName}»: в файле только строка заголовков, строк с данными нет` })
      }
    }
  })

  test('a CSV saved by Russian Excel (Windows-1251) is decoded, with or without BOM UTF-8 too; never stored as mojibake', async ({ assert, client }) => {
    const { staffing: target } = await imports(client)
    const rows = (title: string) => `${HEADER_RU}\r\nhealth;${title};1;2024-01-01\r\n`
    const files: [Buffer, string][] = [
      [iconv.encode(rows('Главный специалист-эксперт'), 'win1251'), 'ansi.csv'],
      [Buffer.from('\uFEFF' + rows('Ведущий консультант'), 'utf8'), 'bom.csv'],
      [Buffer.from(rows('Начальник отдела'), 'utf8'), 'utf8.csv'],
    ]
    for (const [buffer, name] of files) {
      const response = await postFile(client, target, { buffer, name }, target.fields)
      assert.equal(response.status(), 200, `${name}: ${response.text().match(/<li[^>]*>[^<]*/g)?.join(' ')}`)
    }
    assert.deepEqual(await titles(), ['Ведущий консультант', 'Главный специалист-эксперт', 'Начальник отдела'])
  })

  test('a text file neither UTF-8 nor Windows-1251 (UTF-16, binary) is refused naming the encoding', async ({ assert, client }) => {
    for (const [name, target] of Object.entries(await imports(client))) {
      const utf16 = Buffer.from(`${HEADER_RU}\r\nhealth;Министр;1;2024-01-01\r\n`, 'utf16le')
      const response = await postFile(client, target, { buffer: utf16, name: 'unicode.csv' }, target.fields, { json: true })
      assert.equal(response.status(), 422, name)
      assert.deepInclude(response.body().errors[0], { field: 'file', message: 'Файл «unicode.csv»: кодировка не распознана: сохраните файл в UTF-8 или Windows-1251' })
    }
  })

  test('one pass reports every problem of a row: an unknown department together with its bad cells', async ({ assert, client }) => {
    const { staffing: target } = await imports(client)
    const csv = Buffer.from(`${HEADER_RU}\r\nnowhere;Специалист;три;2024-01-01\r\n`)
    const response = await postFile(client, target, { buffer: csv, name: 'штат.csv' }, target.fields)
    assert.equal(response.status(), 422)
    const text = response.text()
    assert.include(text, 'Нет подразделения с кодом «nowhere»')
    assert.include(text, 'Поле «Штатная численность (ставок)» должно быть числом')
  })
})
