import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { loadRows } from '#modules/opendata/services/rows'
import { inTenant } from '#tests/helpers/tenants'
import { postFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { pageAfter, postFile } from '#tests/helpers/uploads'
import { problemsBlock, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, cp1251Csv, csvRecords, givePublisherProfile, loadPortalRows, pathOf, validateList, validateMeta, validateStructure, xlsxOf } from '#tests/helpers/opendata'

let portal: ProblemsPortal
let block: ProblemsBlock
let session: string
let datasetId: number
const INN = '2308000001'
const IDENTIFIER = `${INN}-road_repairs`
const page = () => `/opendata/office/datasets/${datasetId}`

const HEADER = ['Участок дороги', 'Дата ремонта', 'Протяжённость, км', 'Широта', 'Долгота', 'Завершён']
const GOOD = [
  HEADER,
  ['ул. Красная', '15.03.2026', '1,25', '45.0355', '38.9753', 'да'],
  ['ул. Северная, участок 2', '02.04.2026', '0,8', '45.0512', '38.9611', 'нет'],
  ['пр. Чекистов', '20.05.2026', '2', '45.0231', '39.0435', 'да'],
]

type Field = { name: string; descriptionRu: string; descriptionEn: string; type: string; personal?: boolean }

function fieldsForm(fields: Field[], changeNote = 'Первая публикация') {
  const form: Record<string, string> = { changeNote }
  fields.forEach((field, index) => {
    form[`fields[${index}][name]`] = field.name
    form[`fields[${index}][descriptionRu]`] = field.descriptionRu
    form[`fields[${index}][descriptionEn]`] = field.descriptionEn
    form[`fields[${index}][type]`] = field.type
    if (field.personal) form[`fields[${index}][personal]`] = 'true'
  })
  return form
}

function upload(client: any, buffer: Buffer, name: string) {
  return postFile(client, { host: block.host, session, page: page(), action: `${page()}/uploads` }, { buffer, name }, {}, { json: true })
}

function publish(client: any, uploadId: number, fields: Field[], changeNote?: string) {
  return postJson(client, block.host, session, `${page()}/uploads/${uploadId}`, `${page()}/uploads/${uploadId}/publish`, fieldsForm(fields, changeNote))
}

function bodyCounts() {
  return inTenant(block.tenant, async () => ({
    versions: Number((await tenantDb().from('opendata_versions').count('* as total').first())?.total),
    // to this file's portal: the suite's other portals are told too (a body publishes to every portal)
    messages: Number((await tenantDb().from('bus_outbox').where('type', 'opendata.version_published').where('target_tenant', portal.tenant.slug).count('* as total').first())?.total),
  }))
}

test.group('Open data | a body publishes, the portal serves methodology 3.0', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('od_portal')
    block = await problemsBlock('od_block')
  })

  test('only the head, admins and department heads keep open data; the portal has no office; no profile → 409 naming the INN', async ({ assert, client }) => {
    const executor = await sessionOf(client, block.host, block.roadsExecutor.email)
    ;(await client.get('/opendata/office/datasets').header('host', block.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)
    ;(await client.get('/opendata/office/datasets').header('host', portal.host)).assertStatus(404)

    session = await sessionOf(client, block.host, block.roadsHead.email)
    const created = await postJson(client, block.host, session, '/opendata/office/datasets/new', '/opendata/office/datasets', {
      name: 'road_repairs',
      titleRu: 'Ремонт дорог',
      titleEn: 'Road repairs',
      descriptionRu: 'Участки дорог, отремонтированные в текущем году.',
      descriptionEn: 'Road sections repaired this year.',
      subject: 'transport',
      keywords: 'дороги, ремонт',
      licence: 'cc-by-4.0',
      frequency: 'monthly',
    })
    created.assertStatus(201)
    datasetId = created.body().data.id
    for (const path of ['/opendata/office/datasets', '/opendata/office/profile', `${page()}/edit`]) {
      const shown = await client.get(path).header('host', block.host).withCookie(SESSION_COOKIE, session)
      shown.assertStatus(200)
      assert.include(shown.text(), path === '/opendata/office/profile' ? 'ИНН' : 'Ремонт дорог', path)
    }
    ;(await client.get('/opendata').header('host', block.host)).assertStatus(404)
    // the menu: in the office's work menu for who may use it, not for an executor; the catalogue in the portal's footer
    assert.include((await client.get('/opendata/office/datasets').header('host', block.host).withCookie(SESSION_COOKIE, session)).text(), 'href="/opendata/office/datasets"')
    assert.notInclude((await client.get('/').header('host', block.host).withCookie(SESSION_COOKIE, executor)).text(), 'href="/opendata/office/datasets"')
    assert.match((await client.get('/').header('host', portal.host)).text(), /<footer class="site-footer">\s*<nav[^>]*>(?:(?!<\/nav>)[\s\S])*<a href="\/opendata"/)
    const duplicate = await postJson(client, block.host, session, '/opendata/office/datasets/new', '/opendata/office/datasets', {
      name: 'road_repairs', titleRu: 'Ещё раз', titleEn: 'Again', descriptionRu: 'Тот же набор ещё раз.', descriptionEn: 'The same dataset again.', subject: 'transport', licence: 'cc-by-4.0', frequency: 'monthly',
    })
    duplicate.assertStatus(422)
    assert.equal(duplicate.body().errors[0].field, 'name')

    // a file that is no table is 422 on `file`, by the shared upload readers
    const broken = await upload(client, Buffer.from('PK\u0003\u0004 not really a zip'), 'ремонт.xlsx')
    broken.assertStatus(422)
    assert.equal(broken.body().errors[0].field, 'file')
    const uploaded = await upload(client, cp1251Csv(GOOD), 'ремонт.csv')
    uploaded.assertStatus(201)
    const refused = await publish(client, uploaded.body().data.id, uploaded.body().data.fields)
    refused.assertStatus(409)
    assert.include(JSON.stringify(refused.body()), 'ИНН')
    assert.deepEqual(await bodyCounts(), { versions: 0, messages: 0 })
  })

  test('a Windows-1251 CSV: the structure is inferred; bad cells are 422 by row and column in Russian; a personal column is refused; nothing is published', async ({ assert, client }) => {
    await givePublisherProfile(block.tenant, INN)
    const bad = GOOD.map((row) => [...row])
    bad[2][1] = '31.02.2026'
    bad[3][2] = 'два'
    const uploaded = await upload(client, cp1251Csv(bad), 'ремонт.csv')
    uploaded.assertStatus(201)
    const { id, fields, rowCount } = uploaded.body().data as { id: number; fields: Field[]; rowCount: number }
    assert.equal(rowCount, 3)
    assert.deepEqual(fields.map((field) => field.type), ['string', 'string', 'string', 'latitude', 'longitude', 'boolean'], 'a column with a bad value falls back to text')
    assert.deepEqual(fields.map((field) => field.name), ['uchastok_dorogi', 'data_remonta', 'protyazhennost_km', 'shirota', 'dolgota', 'zavershen'])
    assert.equal(fields[0].descriptionRu, 'Участок дороги', 'the header was read from Windows-1251')

    // the person corrects the types; the file's bad cells are then reported, each by row and column
    const typed = fields.map((field, index) => ({ ...field, type: ['string', 'date', 'decimal', 'latitude', 'longitude', 'boolean'][index] }))
    const invalid = await publish(client, id, typed)
    invalid.assertStatus(422)
    const messages = (invalid.body().errors as { field: string; message: string }[]).map((error) => error.message)
    assert.deepEqual(messages, [
      'Строка 3, столбец «Дата ремонта»: ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ (значение «31.02.2026»).',
      'Строка 4, столбец «Протяжённость, км»: ожидается число (дробная часть через точку или запятую) (значение «два»).',
    ])

    const personal = await publish(client, id, typed.map((field, index) => (index === 0 ? { ...field, personal: true } : field)))
    personal.assertStatus(422)
    assert.equal(personal.body().errors[0].field, 'fields.0.personal')
    assert.include(personal.body().errors[0].message, 'персональные данные')
    // the same from the form: back to it, each message shown
    const structurePage = `${page()}/uploads/${id}`
    const posted = await postFrom(client, block.host, session, structurePage, `${structurePage}/publish`, fieldsForm(typed))
    assert.equal(posted.response.status(), 302)
    const shown = await pageAfter(client, { host: block.host, session, page: structurePage }, posted.response)
    assert.include(shown.text(), 'Строка 3, столбец «Дата ремонта»')
    const marked = await postFrom(client, block.host, session, structurePage, `${structurePage}/publish`, fieldsForm(typed.map((field, index) => (index === 0 ? { ...field, personal: true } : field))))
    const again = await pageAfter(client, { host: block.host, session, page: structurePage }, marked.response)
    assert.include(again.text(), 'отмечен как персональные данные')
    assert.deepEqual(await bodyCounts(), { versions: 0, messages: 0 }, 'nothing published, nothing sent')

    // the person gives the table up: its row and its file go
    const key = await inTenant(block.tenant, async () => (await tenantDb().from('opendata_uploads').where('id', id).first()).storage_key)
    ;(await postJson(client, block.host, session, structurePage, `${structurePage}/delete`, {})).assertStatus(204)
    assert.isFalse(await drive.use().exists(key))
    ;(await client.get(structurePage).header('host', block.host).withCookie(SESSION_COOKIE, session)).assertStatus(404)
  })

  test('a good CSV is version 1; an XLSX with another column is version 2 with structure 2; both travel to the portal', async ({ assert, client }) => {
    const first = await upload(client, cp1251Csv(GOOD), 'ремонт.csv')
    const fields = first.body().data.fields as Field[]
    assert.deepEqual(fields.map((field) => field.type), ['string', 'date', 'decimal', 'latitude', 'longitude', 'boolean'])
    const published = await publish(client, first.body().data.id, fields)
    published.assertStatus(201)
    assert.deepInclude(published.body().data, { identifier: IDENTIFIER, number: 1, structureNumber: 1, rowCount: 3 })
    assert.match(published.body().data.sha256, /^[0-9a-f]{64}$/)

    const xlsx = await xlsxOf([
      [...HEADER, 'Подрядчик'],
      ['ул. Красная', new Date(Date.UTC(2026, 2, 15)), 1.25, 45.0355, 38.9753, 'да', 'ООО «Дорстрой»'],
      ['пр. Чекистов', new Date(Date.UTC(2026, 4, 20)), 2, 45.0231, 39.0435, 'нет', 'АО «Кубаньдор»'],
    ])
    const second = await upload(client, xlsx, 'ремонт.xlsx')
    second.assertStatus(201)
    const secondFields = (second.body().data.fields as Field[]).map((field) => (field.name === 'podryadchik' ? { ...field, descriptionEn: 'Contractor' } : field))
    assert.deepEqual(secondFields.map((field) => field.type), ['string', 'date', 'decimal', 'latitude', 'longitude', 'boolean', 'string'])
    const again = await publish(client, second.body().data.id, secondFields, 'Добавлен подрядчик')
    again.assertStatus(201)
    assert.deepInclude(again.body().data, { number: 2, structureNumber: 2, rowCount: 2 })
    assert.deepEqual(await bodyCounts(), { versions: 2, messages: 1 * 2 })
    const audit = await inTenant(block.tenant, () => tenantDb().from('audit_entries').where('action', 'opendata.version_published').count('* as total').first())
    assert.equal(Number(audit?.total), 2)

    // published: a version never changes, the INN stays, the office links the portal's page
    await assert.rejects(() => inTenant(block.tenant, () => tenantDb().from('opendata_versions').where('number', 1).update({ change_note: 'переписано' })), /immutable/)
    const inn = await postJson(client, block.host, session, '/opendata/office/profile', '/opendata/office/profile', {
      inn: '2308999999', nameRu: 'Орган', nameEn: 'Body', responsiblePerson: 'Петрова Анна Сергеевна', phone: '+78612000000', email: 'opendata@example.test',
    })
    inn.assertStatus(422)
    assert.equal(inn.body().errors[0].field, 'inn')
    assert.include((await client.get(page()).header('host', block.host).withCookie(SESSION_COOKIE, session)).text(), `/opendata/${IDENTIFIER}"`)

    await pump([portal.tenant, block.tenant])
    assert.equal(await loadPortalRows(portal.tenant, block.tenant), 2)
    // the rows job is idempotent: a second run (a retried or duplicated job) changes nothing
    const loaded = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_versions as v').join('opendata_public_datasets as d', 'd.id', 'v.dataset_id').where('d.identifier', IDENTIFIER).select('v.id'))
    for (const version of loaded) assert.deepEqual(await inTenant(portal.tenant, () => loadRows(version.id)), { skipped: 'loaded' })
    const rows = await inTenant(portal.tenant, () =>
      tenantDb().from('opendata_public_rows as r').join('opendata_public_versions as v', 'v.id', 'r.version_id').join('opendata_public_datasets as d', 'd.id', 'v.dataset_id').where('d.identifier', IDENTIFIER).count('* as total').first()
    )
    assert.equal(Number(rows?.total), 5)
  })

  test('list, meta, structure and data files follow methodology 3.0, every link answers, with CORS, ETag and Last-Modified', async ({ assert, client }) => {
    const list = await anonymousGet(client, portal.host, '/opendata/list.csv')
    list.assertStatus(200)
    assert.equal(list.header('access-control-allow-origin'), '*')
    // the portal may list other bodies' datasets too (another file shares it)
    const entry = validateList(list.text()).find((candidate) => candidate.identifier === IDENTIFIER)
    assert.equal(entry?.title, 'Ремонт дорог')

    const metaResponse = await anonymousGet(client, portal.host, pathOf(entry!.link))
    metaResponse.assertStatus(200)
    const meta = validateMeta(metaResponse.text(), IDENTIFIER)
    assert.equal(meta.values.creator, `Орган ${block.tenant.slug}`)
    assert.equal(meta.values.publishername, 'Петрова Анна Сергеевна')
    assert.equal(meta.values.provenance, 'Добавлен подрядчик')
    assert.lengthOf(meta.data, 2)
    assert.lengthOf(meta.structures, 2)

    const [latest, earliest] = meta.data
    for (const [, link] of [...meta.data, ...meta.structures]) (await anonymousGet(client, portal.host, pathOf(link))).assertStatus(200)
    const structure = validateStructure((await anonymousGet(client, portal.host, pathOf(meta.structures[0][1]))).text())
    assert.deepEqual(structure.at(-1), { name: 'podryadchik', descriptionEn: 'Contractor', descriptionRu: 'Подрядчик', format: 'string' })

    const csv = await anonymousGet(client, portal.host, pathOf(earliest[1]))
    assert.equal(csv.header('content-type'), 'text/csv; charset=utf-8')
    assert.deepEqual(csvRecords(csv.text()), [
      ['uchastok_dorogi', 'data_remonta', 'protyazhennost_km', 'shirota', 'dolgota', 'zavershen'],
      ['ул. Красная', '2026-03-15', '1.25', '45.0355', '38.9753', 'true'],
      ['ул. Северная, участок 2', '2026-04-02', '0.8', '45.0512', '38.9611', 'false'],
      ['пр. Чекистов', '2026-05-20', '2', '45.0231', '39.0435', 'true'],
    ])
    const json = await anonymousGet(client, portal.host, pathOf(latest[1]).replace(/\.csv$/, '.json'))
    assert.deepEqual(json.body()[1], { uchastok_dorogi: 'пр. Чекистов', data_remonta: '2026-05-20', protyazhennost_km: 2, shirota: 45.0231, dolgota: 39.0435, zavershen: false, podryadchik: 'АО «Кубаньдор»' })
    const xml = await anonymousGet(client, portal.host, pathOf(latest[1]).replace(/\.csv$/, '.xml'))
    assert.include(xml.text(), '<podryadchik>ООО «Дорстрой»</podryadchik>')

    // conditional GETs: an unchanged file is 304
    const etag = String(csv.header('etag'))
    assert.match(etag, /^"[0-9a-f]{64}-csv"$/)
    assert.isString(csv.header('last-modified'))
    ;(await anonymousGet(client, portal.host, pathOf(earliest[1])).header('if-none-match', etag)).assertStatus(304)
    ;(await anonymousGet(client, portal.host, '/opendata/list.csv').header('if-none-match', String(list.header('etag')))).assertStatus(304)

    // the JSON and XML passports and registry carry the same links
    const metaJson = (await anonymousGet(client, portal.host, `/opendata/${IDENTIFIER}/meta.json`)).body()
    assert.equal(metaJson.standardversion, 'http://opendata.gosmonitor.ru/standard/3.0')
    assert.lengthOf(metaJson.data, 2)
    assert.include((await anonymousGet(client, portal.host, '/opendata/list.xml')).text(), `<identifier>${IDENTIFIER}</identifier>`)
    assert.include((await anonymousGet(client, portal.host, '/opendata/list.json')).body().meta.map((item: { identifier: string }) => item.identifier), IDENTIFIER)
  })

  test('a changed passport and publisher reach the portal without a new version; the catalogue finds the dataset by title and facets; its page shows the passport, versions, structure and first rows', async ({ assert, client }) => {
    const etag = String((await anonymousGet(client, portal.host, `/opendata/${IDENTIFIER}/meta.csv`)).header('etag'))
    const edited = await postJson(client, block.host, session, `${page()}/edit`, page(), {
      name: 'road_repairs', titleRu: 'Ремонт дорог края', titleEn: 'Road repairs of the region', descriptionRu: 'Участки дорог, отремонтированные в текущем году.', descriptionEn: 'Road sections repaired this year.',
      subject: 'transport', keywords: 'дороги, ремонт', licence: 'cc-by-4.0', frequency: 'monthly',
    })
    edited.assertStatus(200)
    const profile = await postJson(client, block.host, session, '/opendata/office/profile', '/opendata/office/profile', {
      inn: INN, nameRu: `Орган ${block.tenant.slug}`, nameEn: `Body ${block.tenant.slug}`, responsiblePerson: 'Сидоров Пётр Ильич', phone: '+78612000001', email: 'opendata@example.test',
    })
    profile.assertStatus(200)
    await pump([portal.tenant, block.tenant])
    const meta = await anonymousGet(client, portal.host, `/opendata/${IDENTIFIER}/meta.csv`)
    assert.notEqual(meta.header('etag'), etag, 'a changed passport is a changed file')
    const values = validateMeta(meta.text(), IDENTIFIER).values
    assert.equal(values.title, 'Ремонт дорог края')
    assert.equal(values.publishername, 'Сидоров Пётр Ильич')
    assert.lengthOf(validateMeta(meta.text(), IDENTIFIER).data, 2, 'no new version')

    const found = await client.get('/opendata?q=ремонт&subject=transport&frequency=monthly').header('host', portal.host)
    found.assertStatus(200)
    assert.include(found.text(), `href="/opendata/${IDENTIFIER}"`)
    assert.notInclude((await client.get('/opendata?frequency=daily').header('host', portal.host)).text(), `href="/opendata/${IDENTIFIER}"`)
    const shown = await client.get(`/opendata/${IDENTIFIER}`).header('host', portal.host)
    shown.assertStatus(200)
    for (const text of ['Ремонт дорог края', 'Сидоров Пётр Ильич', 'Добавлен подрядчик', 'podryadchik', 'АО «Кубаньдор»', 'meta.csv']) assert.include(shown.text(), text)
    ;(await client.get('/opendata/2308000001-nothing_here').header('host', portal.host)).assertStatus(404)

    // in English; no message missing on any page (they were also checked once with the Nu HTML Checker: no errors)
    const english = await client.get(`/opendata/${IDENTIFIER}`).header('host', portal.host).header('x-locale', 'en')
    for (const text of ['Road repairs of the region', 'Responsible person', 'Contractor']) assert.include(english.text(), text)
    const extra = await upload(client, cp1251Csv(GOOD), 'ремонт.csv')
    const office = await Promise.all([page(), `${page()}/uploads/${extra.body().data.id}`, '/opendata/office/datasets', '/opendata/office/profile', '/opendata/office/datasets/new', `${page()}/edit`].map(async (path) => (await client.get(path).header('host', block.host).withCookie(SESSION_COOKIE, session)).text()))
    const pages = [found.text(), shown.text(), english.text(), ...office]
    for (const html of pages) assert.notInclude(html, 'translation missing')
  })
})
