import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import Dataset from '#modules/opendata/models/dataset'
import { ReceiveUpload } from '#modules/opendata/actions/publish'
import type { StructureField } from '#modules/opendata/services/structure'
import { inTenant } from '#tests/helpers/tenants'
import { tenantDb } from '#tenancy/tenant_model'
import { csrfTokenFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsBlock, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, cp1251Csv, createDataset, publishCsv, givePublisherProfile, loadPortalRows, pathOf, structureLinksOf, validateMeta, validateStructure, validateStructureDocument } from '#tests/helpers/opendata'

let portal: ProblemsPortal
let body: ProblemsBlock
const INN = '2308000011'
let schoolsIdentifier = ''

function newDataset(name: string) {
  return createDataset(body.tenant, name, body.head.id)
}

function publishTable(dataset: Dataset, rows: string[][], adjust?: (fields: StructureField[]) => StructureField[]) {
  return publishCsv(body.tenant, body.head, dataset, rows, { changeNote: 'Обновление', adjust })
}

async function toPortal() {
  await pump([portal.tenant, body.tenant])
  await loadPortalRows(portal.tenant, body.tenant)
}

function diffJson(client: any, identifier: string, number: number, query = '') {
  return anonymousGet(client, portal.host, `/opendata/${identifier}/versions/${number}/diff${query}`).header('accept', 'application/json')
}

const SCHOOLS_V1 = [
  ['Код', 'Название', 'Учеников'],
  ['001', 'Школа № 1', '820'],
  ['002', 'Школа № 2', '640'],
  ['003', 'Школа № 3', '500'],
  ['004', 'Школа № 4', '410'],
]
const SCHOOLS_V2 = [
  ['Код', 'Название', 'Учеников'],
  ['001', 'Школа № 1', '820'],
  ['002', 'Школа № 2', '655'],
  ['004', 'Гимназия № 4', '410'],
  ['005', 'Школа № 5', '300'],
  ['006', 'Лицей № 6', '250'],
]
// the structure changes: «Учеников» goes, «Адрес» comes
const SCHOOLS_V3 = [
  ['Код', 'Название', 'Адрес'],
  ['001', 'Школа № 1 им. Пушкина', 'ул. Красная, 1'],
  ['002', 'Школа № 2', 'ул. Северная, 5'],
  ['004', 'Гимназия № 4', 'ул. Садовая, 3'],
  ['006', 'Лицей № 6', 'пр. Чекистов, 7'],
  ['007', 'Школа № 7', 'ул. Ставропольская, 9'],
]

test.group('Open data | a version compared with the previous one', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('od_portal')
    body = await problemsBlock('od_diff')
    await givePublisherProfile(body.tenant, INN)
  })

  test('with a key: rows added, removed and changed are counted and listed, the changed cells named; a structure change names its fields', async ({ assert, client }) => {
    const schools = await newDataset('schools_diff')
    const first = await publishTable(schools, SCHOOLS_V1)
    const identifier = first.identifier
    schoolsIdentifier = identifier
    // the first column's values are filled and unique: it was taken for the key, and the key travels to the portal
    const structure = await inTenant(body.tenant, () => tenantDb().from('opendata_structures').where('dataset_id', schools.id).first())
    assert.deepEqual(structure.fields.map((field: StructureField) => !!field.key), [true, false, false])
    await publishTable(schools, SCHOOLS_V2)
    await toPortal()
    ;(await diffJson(client, identifier, 1)).assertStatus(404)

    const second = await diffJson(client, identifier, 2)
    second.assertStatus(200)
    const diff = second.body()
    assert.equal(diff.key, 'kod')
    assert.deepEqual(diff.counts, { added: 2, removed: 1, changed: 2 })
    assert.deepEqual(diff.fields, { added: [], removed: [], common: ['kod', 'nazvanie', 'uchenikov'] })
    assert.deepEqual(diff.added.rows.map((row: any) => row.data.kod), ['005', '006'])
    assert.deepEqual(diff.removed.rows.map((row: any) => [row.rowNumber, row.data]), [[3, { kod: '003', nazvanie: 'Школа № 3', uchenikov: '500' }]])
    assert.deepEqual(
      diff.changed.rows.map((row: any) => [row.data.kod, row.changed, row.previous[row.changed[0]], row.data[row.changed[0]]]),
      [
        ['002', ['uchenikov'], '640', '655'],
        ['004', ['nazvanie'], 'Школа № 4', 'Гимназия № 4'],
      ]
    )
    assert.isNull(diff.added.next)
    // versions never change: the counts were computed once and kept
    const kept = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_diffs as c').join('opendata_public_versions as v', 'v.id', 'c.version_id').join('opendata_public_datasets as d', 'd.id', 'v.dataset_id').where('d.identifier', identifier).select('v.number', 'c.added', 'c.removed', 'c.changed'))
    assert.deepEqual(kept, [{ number: 2, added: 2, removed: 1, changed: 2 }])

    // the page: counts, the changed cells marked (old struck through, new inserted), in Russian and English
    const page = await anonymousGet(client, portal.host, `/opendata/${identifier}/versions/2/diff`)
    page.assertStatus(200)
    const html = page.text()
    assert.match(html, /<dd data-added>2<\/dd>[\s\S]*<dd data-removed>1<\/dd>[\s\S]*<dd data-changed>2<\/dd>/)
    assert.match(html, /data-changed-cell="uchenikov"><del>[\s\S]*?640<\/del> <ins>[\s\S]*?655<\/ins>/)
    assert.include(html, 'по ключу «Код»')
    const english = await anonymousGet(client, portal.host, `/opendata/${identifier}/versions/2/diff`).header('x-locale', 'en')
    assert.include(english.text(), 'Rows changed')
    for (const text of [html, english.text()]) assert.notInclude(text, 'translation missing')
    // a diff link next to every version but the first, on the portal's dataset page
    const shown = (await anonymousGet(client, portal.host, `/opendata/${identifier}`)).text()
    assert.include(shown, `href="/opendata/${identifier}/versions/2/diff"`)
    assert.notInclude(shown, `href="/opendata/${identifier}/versions/1/diff"`)

    // version 3: a field removed, one added; cells compared on the common fields only
    await publishTable(schools, SCHOOLS_V3)
    await toPortal()
    const third = (await diffJson(client, identifier, 3)).body()
    assert.deepEqual(third.fields, { added: ['adres'], removed: ['uchenikov'], common: ['kod', 'nazvanie'] })
    assert.deepEqual(third.counts, { added: 1, removed: 1, changed: 1 })
    assert.deepEqual(third.changed.rows.map((row: any) => [row.data.kod, row.changed]), [['001', ['nazvanie']]])
    assert.deepEqual(third.removed.rows.map((row: any) => row.data.kod), ['005'])
    const thirdPage = (await anonymousGet(client, portal.host, `/opendata/${identifier}/versions/3/diff`)).text()
    assert.match(thirdPage, /data-fields-added>[^<]*adres \(Адрес\)/)
    assert.match(thirdPage, /data-fields-removed>[^<]*uchenikov \(Учеников\)/)

    // the body's dataset page links the portal's public diff (the body holds no rows)
    const session = await sessionOf(client, body.host, body.head.email)
    const office = (await client.get(`/opendata/office/datasets/${schools.id}`).header('host', body.host).withCookie(SESSION_COOKIE, session)).text()
    assert.match(office, new RegExp(`href="https?://[^"]+/opendata/${identifier}/versions/3/diff"`))
    // a version that does not exist; a body serves no diff
    ;(await diffJson(client, identifier, 9)).assertStatus(404)
    ;(await client.get(`/opendata/${identifier}/versions/2/diff`).header('host', body.host)).assertStatus(404)
  })

  test('structure files in JSON and XML (methodology 3.0): linked from meta.json and meta.xml, the same fields as the CSV, with CORS and ETag', async ({ assert, client }) => {
    const identifier = schoolsIdentifier
    const csvMeta = validateMeta((await anonymousGet(client, portal.host, `/opendata/${identifier}/meta.csv`)).text(), identifier)
    assert.lengthOf(csvMeta.structures, 2)
    for (const format of ['json', 'xml'] as const) {
      const meta = await anonymousGet(client, portal.host, `/opendata/${identifier}/meta.${format}`)
      meta.assertStatus(200)
      const links = structureLinksOf(format, meta.text(), identifier)
      assert.lengthOf(links, 2)
      for (const [index, link] of links.entries()) {
        const file = await anonymousGet(client, portal.host, pathOf(link))
        file.assertStatus(200)
        assert.equal(file.header('content-type'), format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8')
        assert.equal(file.header('access-control-allow-origin'), '*')
        ;(await anonymousGet(client, portal.host, pathOf(link)).header('if-none-match', String(file.header('etag')))).assertStatus(304)
        // the same fields, descriptions and formats as the structure's CSV
        const csv = validateStructure((await anonymousGet(client, portal.host, pathOf(csvMeta.structures[index][1]))).text())
        assert.deepEqual(validateStructureDocument(format, file.text()), csv)
      }
    }
    const newest = validateStructureDocument('xml', (await anonymousGet(client, portal.host, pathOf(structureLinksOf('xml', (await anonymousGet(client, portal.host, `/opendata/${identifier}/meta.xml`)).text(), identifier)[0]))).text())
    assert.deepEqual(newest.map((field) => field.name), ['kod', 'nazvanie', 'adres'])
    // the validator refuses what the methodology does not describe
    assert.throws(() => validateStructureDocument('json', JSON.stringify({ fields: [{ fieldname: 'a', russiandescription: 'А', englishdescription: 'A', format: 'string' }] })), /properties/)
    assert.throws(() => validateStructureDocument('xml', '<structure><field><fieldname>a</fieldname></field></structure>'), /elements/)
    ;(await anonymousGet(client, portal.host, `/opendata/${identifier}/structure-19990101.json`)).assertStatus(404)
  })

  test('without a key: rows compared whole (a repeated row counts once each), nothing is "changed"', async ({ assert, client }) => {
    const marks = await newDataset('marks_diff')
    const noKey = (fields: StructureField[]) => fields.map((field) => ({ ...field, key: false }))
    const first = await publishTable(
      marks,
      [['Класс', 'Оценка'], ['5А', '4'], ['5Б', '3'], ['5А', '4']],
      noKey
    )
    await publishTable(marks, [['Класс', 'Оценка'], ['5А', '4'], ['5Б', '5'], ['6В', '4']], noKey)
    await toPortal()
    const diff = (await diffJson(client, first.identifier, 2)).body()
    assert.isNull(diff.key)
    assert.deepEqual(diff.counts, { added: 2, removed: 2, changed: null })
    assert.deepEqual(diff.added.rows.map((row: any) => row.data), [{ klass: '5Б', otsenka: '5' }, { klass: '6В', otsenka: '4' }])
    assert.deepEqual(diff.removed.rows.map((row: any) => [row.rowNumber, row.data]), [[2, { klass: '5Б', otsenka: '3' }], [3, { klass: '5А', otsenka: '4' }]])
    assert.isNull(diff.changed)
    const page = (await anonymousGet(client, portal.host, `/opendata/${first.identifier}/versions/2/diff`)).text()
    assert.include(page, 'нет ключа')
    assert.notInclude(page, 'data-changed')
  })

  test('the lists are keyset pages of 50: following "next" walks every added row once', async ({ assert, client }) => {
    const big = await newDataset('big_diff')
    const header = ['Номер', 'Значение']
    const first = await publishTable(big, [header, ...Array.from({ length: 10 }, (_, index) => [String(index + 1), `v${index + 1}`])])
    await publishTable(big, [header, ...Array.from({ length: 130 }, (_, index) => [String(index + 1), `v${index + 1}`])])
    await toPortal()
    const seen: string[] = []
    let path: string | null = `/opendata/${first.identifier}/versions/2/diff`
    const pages: number[] = []
    while (path) {
      const answer = (await anonymousGet(client, portal.host, path).header('accept', 'application/json')).body()
      assert.equal(answer.counts.added, 120)
      pages.push(answer.added.rows.length)
      seen.push(...answer.added.rows.map((row: any) => row.data.nomer))
      path = answer.added.next
    }
    assert.deepEqual(pages, [50, 50, 20])
    assert.deepEqual(seen, Array.from({ length: 120 }, (_, index) => String(index + 11)))
  })

  test('a key must be one column, filled and unique: 422 on the field, in the person’s language, nothing published', async ({ assert, client }) => {
    const dataset = await newDataset('keys_bad')
    const session = await sessionOf(client, body.host, body.head.email)
    const page = `/opendata/office/datasets/${dataset.id}`
    const folder = await mkdtemp(join(tmpdir(), 'od-diff-'))
    try {
      const path = join(folder, 'table.csv')
      await writeFile(path, cp1251Csv([['Код', 'Район'], ['1', 'Центральный'], ['2', 'Западный'], ['2', 'Прикубанский']]))
      const upload = await inTenant(body.tenant, () => new ReceiveUpload().handle(dataset, { tmpPath: path, clientName: 'table.csv', extname: 'csv' }, body.head))
      assert.deepEqual(upload.fields.map((field) => field.key), [false, false], 'a repeated first column is not taken for the key')
      const form = (keys: boolean[]) => {
        const values: Record<string, string> = { changeNote: 'Первая публикация' }
        upload.fields.forEach((field, index) => {
          values[`fields[${index}][name]`] = field.name
          values[`fields[${index}][descriptionRu]`] = field.descriptionRu
          values[`fields[${index}][descriptionEn]`] = field.descriptionEn
          values[`fields[${index}][type]`] = field.type
          if (keys[index]) values[`fields[${index}][key]`] = 'true'
        })
        return values
      }
      const structurePage = `${page}/uploads/${upload.id}`
      // the form offers the key
      assert.include((await client.get(structurePage).header('host', body.host).withCookie(SESSION_COOKIE, session)).text(), 'name="fields[0][key]"')
      const duplicate = await postJson(client, body.host, session, structurePage, `${structurePage}/publish`, form([true, false]))
      duplicate.assertStatus(422)
      assert.deepEqual(duplicate.body().errors.map((error: any) => error.field), ['fields.0.key'])
      assert.include(duplicate.body().errors[0].message, 'значение «2» в строке данных 3 уже встречалось')
      const two = await postJson(client, body.host, session, structurePage, `${structurePage}/publish`, form([true, true]))
      two.assertStatus(422)
      assert.equal(two.body().errors[0].field, 'fields.1.key')
      const page2 = await client.get(structurePage).header('host', body.host).withCookie(SESSION_COOKIE, session)
      const english = await client
        .post(`${structurePage}/publish`)
        .header('host', body.host)
        .header('accept', 'application/json')
        .header('x-locale', 'en')
        .header('referer', `http://${body.host}${structurePage}`)
        .withCookie(SESSION_COOKIE, session)
        .form({ _csrf: csrfTokenFrom(page2.text()), ...form([true, false]) })
        .redirects(0)
      english.assertStatus(422)
      assert.include(english.body().errors[0].message, 'must not repeat')
      const versions = await inTenant(body.tenant, () => tenantDb().from('opendata_versions').where('dataset_id', dataset.id).count('* as total').first())
      assert.equal(Number(versions?.total), 0)
      // without the key it publishes
      ;(await postJson(client, body.host, session, structurePage, `${structurePage}/publish`, form([false, false]))).assertStatus(201)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
