import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import type { ApiClient } from '@japa/api-client'
import { tenantDb } from '#tenancy/tenant_model'
import Order from '#modules/orders/models/order'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingAlert from '#modules/ratings/models/rating_alert'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { SESSION_COOKIE, csrfTokenFrom, signIn, submitForm } from '#tests/helpers/http'
import { pdfText, xlsxRows } from '#tests/helpers/documents'

let office: OrdersOffice
let session: string

/** Uploads a file to an import form like a browser (page's CSRF token, same session). */
async function upload(client: ApiClient, host: string, cookie: string, pagePath: string, action: string, file: Buffer, filename: string, fields: Record<string, string> = {}) {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, cookie)
  let request = client
    .post(action)
    .header('host', host)
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, cookie)
    .field('_csrf', csrfTokenFrom(page.text()))
  for (const [key, value] of Object.entries(fields)) request = request.field(key, value)
  const posted = await request.file('file', file, { filename }).redirects(0)
  const location = posted.header('location')?.replace(/^https?:\/\/[^/]+/, '')
  if (posted.status() !== 302 || !location) return posted
  return client.get(location).header('host', host).withCookie(SESSION_COOKIE, cookie)
}

async function observationCount(editionId: number) {
  return inOffice(office, async () => Number((await tenantDb().from('rating_observations').where('edition_id', editionId).count('* as n').first()).n))
}

test.group('Ratings | pages, entry, import, alert → order', (group) => {
  group.setup(async () => {
    office = await ordersOffice('rank_web')
  })

  test('create a rating, its indicator tree and two editions; enter figures by form', async ({ assert, client }) => {
    session = (await signIn(client, office.host, office.head.email)).session!
    const created = await submitForm(client, office.host, session, '/ratings', '/ratings', {
      code: 'ASI', title: 'Национальный рейтинг инвестиционного климата', publisher: 'АСИ', periodicity: 'yearly', alertDropPlaces: '5',
    })
    created.assertTextIncludes('Рейтинг создан.')
    const rating = await inOffice(office, () => Rating.findByOrFail('code', 'ASI'))
    const path = `/ratings/${rating.id}`
    await submitForm(client, office.host, session, path, `${path}/indicators`, { code: 'TOTAL', name: 'Итоговое место', departmentId: String(office.departments.finance.id) })
    const parent = await inOffice(office, async () => (await tenantDb().from('rating_indicators').where('code', 'TOTAL').first()).id)
    const child = await submitForm(client, office.host, session, path, `${path}/indicators`, {
      code: 'A1', name: 'Качество дорог', parentId: String(parent), departmentId: String(office.departments.roads.id),
    })
    child.assertTextIncludes('Показатель добавлен.')
    child.assertTextIncludes('Качество дорог')
    await submitForm(client, office.host, session, path, `${path}/indicators`, { code: 'A2', name: 'Здравоохранение', parentId: String(parent) })

    const first = await submitForm(client, office.host, session, path, `${path}/editions`, { period: '2024', publishedOn: '2024-06-01', methodologyVersion: '3.0', regionsCount: '85' })
    first.assertTextIncludes('Выпуск добавлен.')
    const second = await submitForm(client, office.host, session, path, `${path}/editions`, { period: '2025', publishedOn: '2025-06-01', methodologyVersion: '3.1', regionsCount: '85' })
    second.assertTextIncludes('Опубликован')
    const [e2024, e2025] = await inOffice(office, () => RatingEdition.query().where('rating_id', rating.id).orderBy('published_on'))
    const roadsId = await inOffice(office, async () => (await tenantDb().from('rating_indicators').where('code', 'A1').first()).id)
    const saved = await submitForm(client, office.host, session, `${path}/editions/${e2024.id}`, `${path}/editions/${e2024.id}/observations`, {
      indicatorId: String(roadsId), value: '72,5'.replace(',', '.'), score: '3.4', rank: '12', districtRank: '2',
    })
    saved.assertTextIncludes('Показатель сохранён.')
    saved.assertTextIncludes('Качество дорог')

    // bad input: per-field messages in Russian; a place beyond the regions
    const bad = await submitForm(client, office.host, session, `${path}/editions/${e2025.id}`, `${path}/editions/${e2025.id}/observations`, {
      indicatorId: String(roadsId), rank: 'первое', value: 'много',
    })
    bad.assertTextIncludes('Поле «Место» должно быть числом')
    bad.assertTextIncludes('Поле «Значение» должно быть числом')
    const beyond = await submitForm(client, office.host, session, `${path}/editions/${e2025.id}`, `${path}/editions/${e2025.id}/observations`, {
      indicatorId: String(roadsId), rank: '90',
    })
    beyond.assertTextIncludes('Место не может быть больше числа регионов в выпуске (85)')
    assert.equal(await observationCount(e2025.id), 0)
  })

  test('CSV import with bad rows: a report per line, nothing imported; valid rows only on request', async ({ assert, client }) => {
    const rating = await inOffice(office, () => Rating.findByOrFail('code', 'ASI'))
    const e2025 = await inOffice(office, () => RatingEdition.query().where('rating_id', rating.id).where('period', '2025').firstOrFail())
    const page = `/ratings/${rating.id}/editions/${e2025.id}`
    const csv = Buffer.from(
      '\uFEFFКод показателя;Значение;Балл;Место;Место разделено;Место в округе\n' +
        'TOTAL;;;30;нет;3\n' +
        'A1;70,1;3,1;19;да;4\n' +
        'A2;;;абв;;\n' +
        'ZZ;1;1;5;;\n' +
        'A1;1;1;99;;\n',
      'utf8'
    )
    const rejected = await upload(client, office.host, session, page, `${page}/import`, csv, 'asi-2025.csv')
    rejected.assertTextIncludes('Ничего не загружено: в файле есть ошибки (3 строк)')
    rejected.assertTextIncludes('Строка 4')
    rejected.assertTextIncludes('Поле «Место» должно быть числом')
    rejected.assertTextIncludes('Строка 5')
    rejected.assertTextIncludes('Показателя с кодом «ZZ» нет в этом рейтинге')
    rejected.assertTextIncludes('Строка 6')
    rejected.assertTextIncludes('Место не может быть больше числа регионов в выпуске (85)')
    rejected.assertTextIncludes('Показатель «A1» уже есть в строке 3')
    assert.equal(await observationCount(e2025.id), 0, 'nothing is half-applied')

    const partial = await upload(client, office.host, session, page, `${page}/import`, csv, 'asi-2025.csv', { validOnly: 'true' })
    partial.assertTextIncludes('Загружено строк: 2 из 5.')
    partial.assertTextIncludes('Пропущено строк с ошибками: 3.')
    assert.equal(await observationCount(e2025.id), 2)
    // Δ for A1: 12 → 19 = −7 (shared place shown with "=")
    const row = partial.text().match(/<tr data-indicator="A1">([\s\S]*?)<\/tr>/)![1]
    assert.include(row, '19=')
    assert.include(row, '−7')

    // English report for an English reader; an XLSX file works too
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('data')
    sheet.addRow(['indicator_code', 'rank', 'value'])
    sheet.addRow(['A2', 'x', 5])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    const english = (await signIn(client, office.host, office.controller.email)).session!
    await inOffice(office, async () => tenantDb().from('users').where('id', office.controller.id).update({ locale: 'en' }))
    const report = await upload(client, office.host, english, page, `${page}/import`, xlsx, 'asi.xlsx')
    report.assertTextIncludes('Nothing imported: the file has errors (1 rows)')
    report.assertTextIncludes('Line 2')
    report.assertTextIncludes('Place')
    const missing = await upload(client, office.host, english, page, `${page}/import`, Buffer.from('foo,bar\n1,2\n'), 'x.csv')
    missing.assertTextIncludes('The file lacks required columns: Indicator code, Place')
    await inOffice(office, async () => tenantDb().from('users').where('id', office.controller.id).update({ locale: 'ru' }))
  })

  test('a drop raises an alert; the alert becomes an order to the indicator\'s department', async ({ assert, client }) => {
    const rating = await inOffice(office, () => Rating.findByOrFail('code', 'ASI'))
    const card = await client.get(`/ratings/${rating.id}`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    card.assertTextIncludes('Падение на 7 мест(а): 12 → 19')
    card.assertTextIncludes('Динамика мест по выпускам')
    const alert = await inOffice(office, () => RatingAlert.query().where('kind', 'drop').firstOrFail())

    // an executor may look but not order
    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session!
    const refused = await submitForm(client, office.host, executor, `/ratings/${rating.id}`, `/ratings/${rating.id}/alerts/${alert.id}/order`, {})
    refused.assertStatus(403)
    const executorPage = await client.get(`/ratings/${rating.id}`).header('host', office.host).withCookie(SESSION_COOKIE, executor)
    assert.notInclude(executorPage.text(), 'Создать поручение')

    const done = await submitForm(client, office.host, session, `/ratings/${rating.id}`, `/ratings/${rating.id}/alerts/${alert.id}/order`, {})
    done.assertTextIncludes('выдано ответственному подразделению')
    const order = await inOffice(office, async () => Order.query().where('category', 'rating').preload('executors').firstOrFail())
    assert.equal(order.status, 'issued')
    assert.equal(order.issuerId, office.head.id)
    assert.equal(order.basis, 'Рейтинг «Национальный рейтинг инвестиционного климата», выпуск 2025')
    assert.include(order.text, 'опустился с 12 на 19 место из 85')
    assert.lengthOf(order.executors, 1)
    assert.equal(order.executors[0].role, 'responsible')
    assert.equal(order.executors[0].departmentId, office.departments.roads.id)
    done.assertTextIncludes(`Поручение ${order.number}`)

    // a second click explains itself and creates nothing
    const again = await submitForm(client, office.host, session, `/ratings/${rating.id}`, `/ratings/${rating.id}/alerts/${alert.id}/order`, {})
    again.assertTextIncludes('alert--error')
    assert.lengthOf(await inOffice(office, () => Order.query().where('category', 'rating')), 1)
    const audit = await inOffice(office, async () => tenantDb().from('audit_entries').where('action', 'rating.alert_order_created').first())
    assert.exists(audit)
  })

  test('dashboard and exports', async ({ assert, client }) => {
    const rating = await inOffice(office, () => Rating.findByOrFail('code', 'ASI'))
    const e2025 = await inOffice(office, () => RatingEdition.query().where('rating_id', rating.id).where('period', '2025').firstOrFail())
    const dashboard = await client.get('/ratings').header('host', office.host).withCookie(SESSION_COOKIE, session)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes('Национальный рейтинг инвестиционного климата')
    dashboard.assertTextIncludes('data-chart=')

    const xlsx = await client.get(`/ratings/${rating.id}/editions/${e2025.id}/export/xlsx`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    xlsx.assertStatus(200)
    const rows = await xlsxRows(xlsx.body() as Buffer)
    assert.include(rows[0], 'Δ места')
    const roads = rows.find((row) => row[0] === 'A1')!
    assert.equal(roads[5], '19=')
    assert.equal(roads[7], '−7')
    const pdf = await client.get(`/ratings/${rating.id}/editions/${e2025.id}/export/pdf`).header('host', office.host).withCookie(SESSION_COOKIE, session)
    pdf.assertStatus(200)
    assert.equal(pdf.header('content-type'), 'application/pdf')
    const text = await pdfText(pdf.body() as Buffer)
    assert.include(text, 'Качество дорог')
  })

  test('isolation: another tenant\'s rating and edition ids are 404; executors cannot manage', async ({ client }) => {
    const rating = await inOffice(office, () => Rating.findByOrFail('code', 'ASI'))
    const edition = await inOffice(office, () => RatingEdition.query().where('rating_id', rating.id).firstOrFail())
    const other = await ensureTenant('rank_other')
    const head = await ensureUser(other, 'head')
    const otherSession = (await signIn(client, hostOf(other), head.email)).session!
    for (const path of [`/ratings/${rating.id}`, `/ratings/${rating.id}/editions/${edition.id}`, `/ratings/${rating.id}/editions/${edition.id}/export/xlsx`]) {
      const response = await client.get(path).header('host', hostOf(other)).withCookie(SESSION_COOKIE, otherSession)
      response.assertStatus(404)
    }
    const list = await client.get('/ratings').header('host', hostOf(other)).withCookie(SESSION_COOKIE, otherSession)
    list.assertTextIncludes('Рейтингов пока нет.')
    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session!
    const refused = await submitForm(client, office.host, executor, '/ratings', '/ratings', { code: 'X', title: 'Свой рейтинг', periodicity: 'yearly', alertDropPlaces: '3' })
    refused.assertStatus(403)
  })
})
