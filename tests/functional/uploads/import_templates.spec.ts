import { test } from '@japa/runner'
import { openpyxlPython } from '#tests/helpers/documents'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import type { ApiClient } from '@japa/api-client'
import { tenantDb } from '#tenancy/tenant_model'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import { SESSION_COOKIE, csrfTokenFrom, signIn } from '#tests/helpers/http'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { staffingOffice, postImport, type StaffingOffice } from '#tests/helpers/staffing'
import { lawsuitsOffice, submitFile, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { inOffice } from '#tests/helpers/tenants'
import '#tests/helpers/documents'
import { regionToday } from '#core/region_time'

const run = promisify(execFile)

/** What a spreadsheet program sees in a template: the header row, the sample row, and which sample cells are dates. */
interface Parsed {
  reader: string
  headers: string[]
  sample: (string | number | null)[]
  dates: { column: number; value: string; format: string }[]
}

const OPENPYXL = `
import json, sys, datetime, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
rows = list(sheet.iter_rows(min_row=1, max_row=2))
out = {"reader": "openpyxl", "headers": [c.value for c in rows[0]], "sample": [], "dates": []}
for index, cell in enumerate(rows[1]):
    value = cell.value
    if isinstance(value, datetime.datetime):
        out["dates"].append({"column": index, "value": value.date().isoformat(), "format": cell.number_format})
        value = value.date().isoformat()
    out["sample"].append(value)
print(json.dumps(out, ensure_ascii=False))
`

/** Reads a template with openpyxl, an independent reader (`.ci/run` installs it). */
async function parseTemplate(buffer: Buffer): Promise<Parsed> {
  const folder = await mkdtemp(join(tmpdir(), 'krai-template-'))
  try {
    const path = join(folder, 'template.xlsx')
    await writeFile(path, buffer)
    const { stdout } = await run(await openpyxlPython(), ['-c', OPENPYXL, path])
    return JSON.parse(stdout)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

async function download(client: ApiClient, host: string, session: string, path: string) {
  const response = await client.get(path).header('host', host).withCookie(SESSION_COOKIE, session)
  response.assertStatus(200)
  response.assertHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const buffer = response.body() as Buffer
  return { buffer, parsed: await parseTemplate(buffer) }
}

/** Uploads a file to an import form that answers by a redirect to a page with the report (ratings, media). */
async function uploadAndFollow(client: ApiClient, host: string, session: string, page: string, action: string, file: Buffer, filename: string) {
  const form = await client.get(page).header('host', host).withCookie(SESSION_COOKIE, session)
  const posted = await client
    .post(action)
    .header('host', host)
    .header('referer', `http://${host}${page}`)
    .withCookie(SESSION_COOKIE, session)
    .field('_csrf', csrfTokenFrom(form.text()))
    .file('file', file, { filename })
    .redirects(0)
  posted.assertStatus(302)
  return client.get(page).header('host', host).withCookie(SESSION_COOKIE, session)
}

async function xlsx(rows: (string | number | Date | null)[][]) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('data')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const count = (office: { tenant: any }, table: string) =>
  inOffice(office, async () => Number((await tenantDb().from(table).count('* as n').first()).n))

const firstOfMonth = () => regionToday().startOf('month').toISODate()!

test.group('Uploads | import templates: download, round trip, every error at once', (group) => {
  group.each.timeout(60_000)
  let staffing: StaffingOffice

  test('staffing: both templates carry the import\'s headers and a sample that imports as it is', async ({ assert, client }) => {
    staffing = await staffingOffice('tpl_staffing')
    const { session } = await signIn(client, staffing.host, staffing.healthHead.email)
    const page = await client.get('/staffing/import').header('host', staffing.host).withCookie(SESSION_COOKIE, session!)
    page.assertTextIncludes('href="/staffing/import/template/positions"')
    page.assertTextIncludes('Скачать шаблон: Фактический состав (XLSX)')

    const positions = await download(client, staffing.host, session!, '/staffing/import/template/positions')
    assert.deepEqual(positions.parsed.headers, ['Подразделение', 'Должность', 'Категория (разряд)', 'Штатная численность (ставок)', 'Ключевая должность', 'Действует с', 'Действует по'])
    // the department head's own department; the start as a real date cell shown as DD.MM.YYYY
    assert.deepEqual(positions.parsed.sample.slice(0, 4), ['health', 'Главный специалист', 'Специалисты', 1])
    assert.deepEqual(positions.parsed.dates, [{ column: 5, value: firstOfMonth(), format: 'dd.mm.yyyy' }])

    const imported = await postImport(client, staffing.host, session!, { buffer: positions.buffer, name: 'positions.xlsx' }, { kind: 'positions' })
    imported.assertStatus(200)
    imported.assertTextIncludes('Загружено строк: 1 из 1.')
    assert.equal(await count(staffing, 'staffing_positions'), 1)

    // the staff template names a position in force in that department: the one just imported
    const staff = await download(client, staffing.host, session!, '/staffing/import/template/staff')
    assert.deepEqual(staff.parsed.headers, ['Подразделение', 'Должность', 'Сотрудник', 'Статус', 'Ставка', 'С даты'])
    assert.deepEqual(staff.parsed.sample.slice(0, 4), ['health', 'Главный специалист', 'Иванова Мария Петровна', 'Замещает'])
    const appointed = await postImport(client, staffing.host, session!, { buffer: staff.buffer, name: 'staff.xlsx' }, { kind: 'staff' })
    appointed.assertStatus(200)
    appointed.assertTextIncludes('Загружено строк: 1 из 1.')
    const person = await inOffice(staffing, () => tenantDb().from('staffing_staff').whereNull('ended_on').first())
    assert.equal(person.person_name, 'Иванова Мария Петровна')
  })

  test('staffing: an English reader gets English headers that the import reads too', async ({ assert, client }) => {
    await inOffice(staffing, () => tenantDb().from('users').where('id', staffing.admin.id).update({ locale: 'en' }))
    const { session } = await signIn(client, staffing.host, staffing.admin.email)
    const template = await download(client, staffing.host, session!, '/staffing/import/template/positions')
    assert.deepEqual(template.parsed.headers.slice(0, 2), ['Department', 'Position'])
    assert.equal(template.parsed.sample[1], 'Chief specialist')
    const imported = await postImport(client, staffing.host, session!, { buffer: template.buffer, name: 'positions.xlsx' }, { kind: 'positions' })
    imported.assertStatus(200)
    assert.equal(await count(staffing, 'staffing_positions'), 2)
  })

  test('lawsuits: the template imports as it is; a file with bad rows reports every row and saves nothing', async ({ assert, client }) => {
    const office: LawsuitsOffice = await lawsuitsOffice('tpl_lawsuits')
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const page = await client.get('/lawsuits/import').header('host', office.host).withCookie(SESSION_COOKIE, session!)
    page.assertTextIncludes('href="/lawsuits/import/template"')
    const template = await download(client, office.host, session!, '/lawsuits/import/template')
    assert.deepEqual(template.parsed.headers.slice(0, 8), ['Номер дела', 'Суд', 'Инстанция', 'Судья', 'Категория', 'Наша роль', 'Предмет спора', 'Заявленная сумма'])
    assert.lengthOf(template.parsed.headers, 19)
    assert.equal(template.parsed.sample[2], 'Первая')
    assert.deepEqual(template.parsed.dates.map((date) => date.format), ['dd.mm.yyyy'])
    assert.equal(template.parsed.dates[0].value, regionToday().plus({ months: 1 }).startOf('month').toISODate())

    const imported = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', {}, { field: 'file', content: template.buffer, filename: 'template.xlsx' })
    imported.assertStatus(200)
    assert.equal(await count(office, 'lawsuit_cases'), 1)
    assert.equal(await count(office, 'lawsuit_events'), 1)

    // three bad rows and a good one: all three reported at once, nothing saved
    const headers = template.parsed.headers
    const row = (changes: Record<number, string | number | null>) => template.parsed.sample.map((value, index) => (index in changes ? changes[index] : value))
    const bad = await xlsx([
      headers,
      row({ 0: 'А32-1/2026', 2: 'четвёртая' }),
      row({ 0: 'А32-2/2026' }),
      row({ 0: 'А32-3/2026', 7: 'много', 12: 'nowhere' }),
      row({ 0: 'А32-4/2026', 13: 'nobody@example.test' }),
    ])
    const rejected = await submitFile(client, office.host, session!, '/lawsuits/import', '/lawsuits/import', {}, { field: 'file', content: bad, filename: 'bad.xlsx' })
    rejected.assertStatus(422)
    const text = rejected.text()
    for (const line of ['2', '4', '5']) assert.match(text, new RegExp(`(Строка|строка) ${line}\\b`))
    assert.notMatch(text, /(Строка|строка) 3\b/)
    assert.include(text, 'nowhere')
    assert.include(text, 'nobody@example.test')
    assert.equal(await count(office, 'lawsuit_cases'), 1, 'the file is rejected whole')
  })

  test('ratings: the edition template carries the rating\'s own indicator; bad rows are all reported', async ({ assert, client }) => {
    const office: OrdersOffice = await ordersOffice('tpl_ratings')
    const { session } = await signIn(client, office.host, office.head.email)
    const { rating, edition } = await inOffice(office, async () => {
      const created = await Rating.create({ code: 'ASI', title: 'Инвестклимат', publisher: 'АСИ', periodicity: 'yearly', alertDropPlaces: 5 } as any)
      await RatingIndicator.create({ ratingId: created.id, code: 'A1', name: 'Качество дорог' } as any)
      const made = await RatingEdition.create({ ratingId: created.id, period: '2025', publishedOn: regionToday().startOf('year'), regionsCount: 85 } as any)
      return { rating: created, edition: made }
    })
    const page = `/ratings/${rating.id}/editions/${edition.id}`
    ;(await client.get(page).header('host', office.host).withCookie(SESSION_COOKIE, session!)).assertTextIncludes(`href="${page}/import/template"`)
    const template = await download(client, office.host, session!, `${page}/import/template`)
    assert.deepEqual(template.parsed.headers, ['Код показателя', 'Значение', 'Балл', 'Место', 'Место разделено', 'Место в округе'])
    assert.deepEqual(template.parsed.sample, ['A1', 75.5, 3, 10, 'нет', 2])
    const imported = await uploadAndFollow(client, office.host, session!, page, `${page}/import`, template.buffer, 'template.xlsx')
    imported.assertTextIncludes('Загружено строк: 1 из 1.')
    assert.equal(await count(office, 'rating_observations'), 1)

    const bad = await xlsx([template.parsed.headers, ['ZZ', 1, 1, 'первое', '', ''], ['A1', 1, 1, 5, '', ''], ['YY', 'много', 1, 90, '', '']])
    const rejected = await uploadAndFollow(client, office.host, session!, page, `${page}/import`, bad, 'bad.xlsx')
    const text = rejected.text()
    // one row with two problems reports both: a bad place and an unknown indicator
    for (const message of ['Строка 2', 'Поле «Место» должно быть числом', 'Показателя с кодом «ZZ» нет в этом рейтинге', 'Строка 4', 'Показателя с кодом «YY» нет в этом рейтинге', 'Поле «Значение» должно быть числом']) {
      assert.include(text, message)
    }
    assert.notInclude(text, 'Строка 3')
    assert.equal(await count(office, 'rating_observations'), 1)
  })

  test('media: the template imports as it is; unknown departments are named even in rows with other errors', async ({ assert, client }) => {
    const office: OrdersOffice = await ordersOffice('tpl_media')
    const { session } = await signIn(client, office.host, office.head.email)
    ;(await client.get('/media/entry').header('host', office.host).withCookie(SESSION_COOKIE, session!)).assertTextIncludes('href="/media/import/template"')
    const template = await download(client, office.host, session!, '/media/import/template')
    assert.deepEqual(template.parsed.headers, ['Издание', 'Дата', 'Заголовок', 'Ссылка', 'Тема', 'Тональность', 'Подразделения'])
    assert.deepEqual(template.parsed.dates, [{ column: 1, value: firstOfMonth(), format: 'dd.mm.yyyy' }])
    const imported = await uploadAndFollow(client, office.host, session!, '/media/entry', '/media/import', template.buffer, 'template.xlsx')
    imported.assertTextIncludes('Загружено строк: 1 из 1.')
    assert.equal(await count(office, 'media_items'), 1)

    const bad = await xlsx([
      template.parsed.headers,
      ['Кубань 24', 'вчера', 'Заголовок новости', 'https://kuban24.example/1', '', '', 'nowhere'],
      ['Кубань 24', '2025-06-02', 'Заголовок новости', 'https://kuban24.example/2', '', '', ''],
      ['Кубань 24', '2025-06-03', 'Заголовок', 'не ссылка', '', '', ''],
    ])
    const rejected = await uploadAndFollow(client, office.host, session!, '/media/entry', '/media/import', bad, 'bad.xlsx')
    const text = rejected.text()
    for (const message of ['Строка 2', 'nowhere', 'Строка 4']) assert.include(text, message)
    assert.notInclude(text, 'Строка 3')
    assert.equal(await count(office, 'media_items'), 1, 'the file is rejected whole')
  })
})
