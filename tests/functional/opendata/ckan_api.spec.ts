import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import { Ajv } from 'ajv'
import type { ApiClient } from '@japa/api-client'
import { postJson } from '#tests/helpers/http'
import { postFile } from '#tests/helpers/uploads'
import { problemsBlock, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { tenantDb } from '#tenancy/tenant_model'
import { indexRowWords } from '#modules/opendata/services/rows'
import { inTenant } from '#tests/helpers/tenants'
import { anonymousGet, cp1251Csv, givePublisherProfile, loadPortalRows, pathOf } from '#tests/helpers/opendata'

/*
| CKAN's Action API v3 on the portal. A block publishes two datasets over
| HTTP (road repairs: 3 rows, then 250 rows as version 2; school canteens:
| 3 rows), the bus brings them to the portal, and the API is asked as a
| stock CKAN client (ckanapi, CKAN's JS client, curl) would ask it.
*/

let portal: ProblemsPortal
let block: ProblemsBlock
const INN = '2308000077'
const ROADS = `${INN}-road_works`
const SCHOOLS = `${INN}-school_canteens`
const DISTRICTS = ['Центральный', 'Западный', 'Карасунский']
const HEADER = ['Участок', 'Район', 'Длина', 'Дата', 'Готов']

function roadRows(count: number) {
  const rows = [HEADER]
  for (let i = 1; i <= count; i++) rows.push([`Участок ${i}`, DISTRICTS[i % 3], String((i % 7) + 1), `${String((i % 28) + 1).padStart(2, '0')}.03.2026`, i % 2 ? 'да' : 'нет'])
  return rows
}

/** CKAN's response envelope as documented (ckan/views/api.py: help, success, and result or error with __type). */
const ENVELOPE = {
  type: 'object',
  required: ['help', 'success'],
  properties: { help: { type: 'string', pattern: '/api/3/action/help_show\\?name=' }, success: { type: 'boolean' } },
  oneOf: [
    { properties: { success: { const: true } }, required: ['result'], not: { required: ['error'] } },
    {
      properties: { success: { const: false }, error: { type: 'object', required: ['__type'], properties: { __type: { type: 'string' }, message: { type: 'string' } } } },
      required: ['error'],
      not: { required: ['result'] },
    },
  ],
}
const validateEnvelope = new Ajv({ allErrors: true }).compile(ENVELOPE)

function checked(response: { body(): any }): any {
  if (!validateEnvelope(response.body())) throw new Error(`not a CKAN envelope: ${JSON.stringify(validateEnvelope.errors)} in ${JSON.stringify(response.body()).slice(0, 300)}`)
  return response.body()
}

/** GET /api/3/action/<name>?… (objects as JSON text, as CKAN clients send them). */
async function get(client: ApiClient, name: string, params: Record<string, unknown> = {}, host = portal.host) {
  const search = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]))
  return client.get(`/api/3/action/${name}${Object.keys(params).length ? `?${search}` : ''}`).header('host', host)
}

async function post(client: ApiClient, name: string, body: Record<string, unknown>) {
  return client.post(`/api/3/action/${name}`).header('host', portal.host).json(body)
}

async function ok(client: ApiClient, name: string, params: Record<string, unknown> = {}) {
  const response = await get(client, name, params)
  response.assertStatus(200)
  return checked(response).result
}

async function publishDataset(client: ApiClient, session: string, passport: Record<string, string>, versions: { rows: string[][]; note: string }[]) {
  const created = await postJson(client, block.host, session, '/opendata/office/datasets/new', '/opendata/office/datasets', passport)
  created.assertStatus(201)
  const page = `/opendata/office/datasets/${created.body().data.id}`
  for (const version of versions) {
    const uploaded = await postFile(client, { host: block.host, session, page, action: `${page}/uploads` }, { buffer: cp1251Csv(version.rows), name: 'data.csv' }, {}, { json: true })
    uploaded.assertStatus(201)
    const { id, fields } = uploaded.body().data
    const form: Record<string, string> = { changeNote: version.note }
    fields.forEach((field: any, index: number) => {
      for (const key of ['name', 'descriptionRu', 'descriptionEn', 'type']) form[`fields[${index}][${key}]`] = field[key]
    })
    const published = await postJson(client, block.host, session, `${page}/uploads/${id}`, `${page}/uploads/${id}/publish`, form)
    published.assertStatus(201)
  }
}

test.group('Open data | CKAN Action API v3', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('ckan_portal')
    block = await problemsBlock('ckan_block')
  })

  test('a block publishes two datasets and the portal receives them', async ({ assert, client }) => {
    await givePublisherProfile(block.tenant, INN)
    const session = await sessionOf(client, block.host, block.roadsHead.email)
    await publishDataset(
      client,
      session,
      { name: 'road_works', titleRu: 'Ремонт дорог', titleEn: 'Road works', descriptionRu: 'Участки дорог в ремонте по районам.', descriptionEn: 'Road sections under repair by district.', subject: 'transport', keywords: 'дороги, ремонт', licence: 'cc-by-4.0', frequency: 'monthly' },
      [
        { rows: roadRows(3), note: 'Первая публикация' },
        { rows: roadRows(250), note: 'Весь год' },
      ]
    )
    await publishDataset(
      client,
      session,
      { name: 'school_canteens', titleRu: 'Школьные столовые', titleEn: 'School canteens', descriptionRu: 'Столовые школ и число мест.', descriptionEn: 'School canteens and their seats.', subject: 'education', keywords: 'школы; питание', licence: 'cc0-1.0', frequency: 'yearly' },
      [{ rows: [['Школа', 'Мест'], ['Школа № 1', '120'], ['Школа № 2', '80'], ['Гимназия № 3', '150']], note: 'Первая публикация' }]
    )
    await pump([portal.tenant, block.tenant])
    assert.equal(await loadPortalRows(portal.tenant, block.tenant), 3)
  })

  test('status_show, /api/3 and help_show', async ({ assert, client }) => {
    const status = await ok(client, 'status_show')
    assert.equal(status.api_version, 3)
    assert.include(status.extensions, 'datastore')
    assert.isString(status.site_title)
    assert.deepEqual((await client.get('/api/3').header('host', portal.host)).body(), { version: 3 })
    assert.include(await ok(client, 'help_show', { name: 'datastore_search' }), 'resource_id')
    const response = await get(client, 'status_show')
    assert.equal(response.header('access-control-allow-origin'), '*')
    assert.isUndefined(response.header('set-cookie'), 'no session on the API')
  })

  test('package_list and package_show: the CKAN package dict, resources per version and format, every URL answers', async ({ assert, client }) => {
    assert.deepEqual(await ok(client, 'package_list'), [ROADS, SCHOOLS])
    assert.deepEqual(await ok(client, 'package_list', { limit: '1', offset: '1' }), [SCHOOLS])

    const dataset = await ok(client, 'package_show', { id: ROADS })
    assert.include(dataset, { id: ROADS, name: ROADS, title: 'Ремонт дорог', notes: 'Участки дорог в ремонте по районам.', license_id: 'cc-by-4.0', num_tags: 2, num_resources: 6, version: '2', type: 'dataset' })
    assert.deepEqual(dataset.organization.name, 'ckan_block')
    assert.equal(dataset.organization.title, 'Орган ckan_block')
    assert.deepEqual(dataset.tags.map((tag: any) => tag.name), ['дороги', 'ремонт'])
    assert.deepEqual(dataset.groups.map((group: any) => group.name), ['transport'])
    assert.match(dataset.metadata_created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/)
    const extras = Object.fromEntries(dataset.extras.map((extra: any) => [extra.key, extra.value]))
    assert.include(extras, { frequency: 'monthly', provenance: 'Весь год', publisher_contact: 'Петрова Анна Сергеевна', publisher_inn: INN, title_en: 'Road works' })

    assert.deepEqual(
      dataset.resources.map((resource: any) => [resource.id, resource.format, resource.datastore_active]),
      [
        [`${ROADS}-v2-csv`, 'CSV', true],
        [`${ROADS}-v2-json`, 'JSON', false],
        [`${ROADS}-v2-xml`, 'XML', false],
        [`${ROADS}-v1-csv`, 'CSV', false],
        [`${ROADS}-v1-json`, 'JSON', false],
        [`${ROADS}-v1-xml`, 'XML', false],
      ]
    )
    for (const resource of dataset.resources) {
      const file = await anonymousGet(client, portal.host, pathOf(resource.url))
      file.assertStatus(200)
      assert.include(String(file.header('content-type')), resource.mimetype)
      if (resource.format === 'CSV') {
        assert.equal(createHash('sha256').update(file.text()).digest('hex'), resource.hash, 'the hash is the CSV file\'s')
        assert.equal(Buffer.byteLength(file.text()), resource.size)
      }
    }
    const byName = await post(client, 'package_show', { id: SCHOOLS })
    assert.equal(checked(byName).result.organization.id, 'ckan_block')
  })

  test('package_search: q, fq, rows, start, sort and facets', async ({ assert, client }) => {
    const all = await ok(client, 'package_search', { 'facet.field': ['organization', 'tags', 'res_format', 'groups'], 'facet.limit': '10' })
    assert.equal(all.count, 2)
    assert.deepEqual(all.facets.organization, { ckan_block: 2 })
    assert.deepEqual(all.facets.res_format, { CSV: 2, JSON: 2, XML: 2 })
    assert.deepEqual(all.facets.tags, { дороги: 1, питание: 1, ремонт: 1, школы: 1 })
    assert.deepEqual(all.search_facets.groups.items.map((item: any) => [item.name, item.count]), [['education', 1], ['transport', 1]])
    assert.equal(all.search_facets.organization.items[0].display_name, 'Орган ckan_block')
    assert.lengthOf((await ok(client, 'package_search', { 'facet.field': ['tags'], 'facet.limit': '2' })).search_facets.tags.items, 2)
    // facets are counted over the match of q and fq (in SQL), sorted as asked
    const narrowed = await ok(client, 'package_search', { q: 'дорог', fq: 'res_format:CSV', 'facet.field': ['tags', 'res_format', 'license_id', 'organization', 'groups'], sort: 'title asc' })
    assert.equal(narrowed.count, 1)
    assert.deepEqual(narrowed.facets.tags, { дороги: 1, ремонт: 1 })
    assert.deepEqual(narrowed.facets.res_format, { CSV: 1, JSON: 1, XML: 1 })
    assert.deepEqual(narrowed.facets.groups, { transport: 1 })
    assert.deepEqual((await ok(client, 'package_search', { fq: 'tags:школы', 'facet.field': ['tags'] })).facets.tags, { питание: 1, школы: 1 })

    const words = await ok(client, 'package_search', { q: 'дорог районам' })
    assert.deepEqual(words.results.map((result: any) => result.name), [ROADS])
    assert.equal((await ok(client, 'package_search', { q: 'canteens' })).results[0].name, SCHOOLS, 'English titles are searched too')
    assert.equal((await ok(client, 'package_search', { q: 'нет-такого' })).count, 0)

    assert.equal((await ok(client, 'package_search', { fq: 'organization:ckan_block tags:питание' })).results[0].name, SCHOOLS)
    assert.equal((await ok(client, 'package_search', { fq: 'tags:"дороги" res_format:CSV' })).count, 1)
    assert.equal((await ok(client, 'package_search', { fq: 'res_format:PDF' })).count, 0)
    assert.equal((await ok(client, 'package_search', { fq: 'groups:education' })).results[0].name, SCHOOLS)
    assert.equal((await ok(client, 'package_search', { fq: 'organization:nobody' })).count, 0)

    const byTitle = await ok(client, 'package_search', { sort: 'title asc', rows: '1' })
    assert.equal(byTitle.count, 2)
    assert.deepEqual(byTitle.results.map((result: any) => result.title), ['Ремонт дорог'])
    assert.deepEqual((await ok(client, 'package_search', { sort: 'title asc', rows: '1', start: '1' })).results.map((result: any) => result.title), ['Школьные столовые'])
    assert.deepEqual((await ok(client, 'package_search', { sort: 'name asc' })).results.map((result: any) => result.name), [ROADS, SCHOOLS])
    assert.deepEqual((await ok(client, 'package_search', { sort: 'metadata_modified desc' })).results.map((result: any) => result.name), [SCHOOLS, ROADS])
    assert.lengthOf((await ok(client, 'package_search', { rows: '5000' })).results, 2, 'rows is capped at 1000, not refused')

    const badSort = await get(client, 'package_search', { sort: 'views_recent desc' })
    badSort.assertStatus(400)
    assert.equal(checked(badSort).error.__type, 'Search Query Error')
    const badFq = await get(client, 'package_search', { fq: 'author:someone' })
    badFq.assertStatus(400)
    const badRows = await get(client, 'package_search', { rows: 'many' })
    badRows.assertStatus(409)
    assert.deepEqual(checked(badRows).error, { __type: 'Validation Error', rows: ['Invalid integer'] })
  })

  test('organization_list/show, group_list/show, tag_list, resource_show', async ({ assert, client }) => {
    assert.deepEqual(await ok(client, 'organization_list'), ['ckan_block'])
    const organizations = await ok(client, 'organization_list', { all_fields: 'true' })
    assert.include(organizations[0], { name: 'ckan_block', title: 'Орган ckan_block', package_count: 2, is_organization: true })
    const organization = await ok(client, 'organization_show', { id: 'ckan_block', include_datasets: 'true' })
    assert.deepEqual(organization.packages.map((dataset: any) => dataset.name), [ROADS, SCHOOLS])

    const groups = await ok(client, 'group_list', { all_fields: 'true' })
    assert.include(groups.map((group: any) => group.name), 'transport')
    assert.equal(groups.find((group: any) => group.name === 'transport').package_count, 1)
    assert.include(await ok(client, 'group_list'), 'education')
    assert.equal((await ok(client, 'group_show', { id: 'education' })).package_count, 1)

    assert.deepEqual(await ok(client, 'tag_list'), ['дороги', 'питание', 'ремонт', 'школы'])
    assert.deepEqual(await ok(client, 'tag_list', { query: 'рем' }), ['ремонт'])

    const resource = await ok(client, 'resource_show', { id: `${SCHOOLS}-v1-json` })
    assert.include(resource, { package_id: SCHOOLS, format: 'JSON', datastore_active: false })
    ;(await anonymousGet(client, portal.host, pathOf(resource.url))).assertStatus(200)
  })

  test('datastore_search: fields and types, filters, q, sort, limit/offset, _links.next through every row, totals', async ({ assert, client }) => {
    const resourceId = `${ROADS}-v2-csv`
    const first = await ok(client, 'datastore_search', { resource_id: resourceId })
    assert.deepEqual(first.fields.map((field: any) => [field.id, field.type]), [['_id', 'int'], ['uchastok', 'text'], ['rayon', 'text'], ['dlina', 'int'], ['data', 'date'], ['gotov', 'bool']])
    assert.lengthOf(first.records, 100)
    assert.deepEqual(first.records[0], { _id: 1, uchastok: 'Участок 1', rayon: 'Западный', dlina: 2, data: '2026-03-02', gotov: true })
    assert.include(first, { total: 250, total_was_estimated: false, limit: 100, offset: 0, resource_id: resourceId })

    // follow _links.next as a client does until a page comes back empty
    const seen: number[] = []
    let link: string | undefined = (await ok(client, 'datastore_search', { resource_id: resourceId, limit: '70', fields: '_id' }))._links.start
    for (let pages = 0; link && pages < 10; pages++) {
      const page = await client.get(link).header('host', portal.host)
      page.assertStatus(200)
      const result = checked(page).result
      if (!result.records.length) break
      seen.push(...result.records.map((record: any) => record._id))
      link = result._links.next
    }
    assert.deepEqual(seen, Array.from({ length: 250 }, (_, index) => index + 1))

    // filters: a value or a list, numbers compared as numbers; the default total is counted under the threshold
    const west = await ok(client, 'datastore_search', { resource_id: resourceId, filters: { rayon: 'Западный' }, limit: '5' })
    assert.include(west, { total: 84, total_was_estimated: false })
    assert.isTrue(west.records.every((record: any) => record.rayon === 'Западный'))
    const two = await ok(client, 'datastore_search', { resource_id: resourceId, filters: { rayon: ['Западный', 'Центральный'], dlina: 3, gotov: 'false' } })
    assert.isTrue(two.records.every((record: any) => record.dlina === 3 && record.gotov === false && record.rayon !== 'Карасунский'))
    assert.equal(two.total, two.records.length)
    // past the estimation threshold the planner's estimate is given and said to be one; include_total=true counts exactly
    const estimated = await ok(client, 'datastore_search', { resource_id: resourceId, filters: { rayon: 'Западный' }, total_estimation_threshold: '10', limit: '1' })
    assert.isTrue(estimated.total_was_estimated)
    assert.isAbove(estimated.total, 10)
    const exact = await ok(client, 'datastore_search', { resource_id: resourceId, filters: { rayon: 'Западный' }, include_total: 'true', limit: '1' })
    assert.include(exact, { total: 84, total_was_estimated: false })
    assert.notProperty(await ok(client, 'datastore_search', { resource_id: resourceId, include_total: 'false', limit: '1' }), 'total')

    // q over the whole row, or by field
    const text = await ok(client, 'datastore_search', { resource_id: resourceId, q: 'Участок 17' })
    assert.deepEqual(text.records.map((record: any) => record._id).sort((a: number, b: number) => a - b), [17, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179])
    assert.equal((await ok(client, 'datastore_search', { resource_id: resourceId, q: { uchastok: 'Участок 25' } })).total, 2)

    // the rows job's later step indexes the words (q read them from the rows until then): the same answers after it
    const words = async () => {
      const found = []
      for (const q of ['Участок 17', 'западн', 'Участок 17 Западный', 'нет-такого', { uchastok: 'Участок 25' }, { rayon: 'Участок' }]) {
        const answer = await ok(client, 'datastore_search', { resource_id: resourceId, q, fields: '_id', limit: '300' })
        found.push({ q, total: answer.total, ids: answer.records.map((record: any) => record._id) })
      }
      return found
    }
    const before = await words()
    const versionId = await inTenant(portal.tenant, async () => (await tenantDb().from('opendata_public_versions as v').join('opendata_public_datasets as d', 'd.id', 'v.dataset_id').where({ 'd.identifier': ROADS, 'v.number': 2 }).select('v.id').first()).id)
    assert.deepEqual(await inTenant(portal.tenant, () => indexRowWords(versionId)), { indexed: 250 })
    assert.deepEqual(await inTenant(portal.tenant, () => indexRowWords(versionId)), { skipped: 'indexed' })
    assert.deepEqual(await words(), before)
    assert.deepEqual(before[0].ids.sort((a: number, b: number) => a - b), [17, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179])
    assert.equal(before[1].total, 84)
    assert.equal(before[3].total, 0)
    assert.equal(before[4].total, 2)
    assert.equal(before[5].total, 0)

    // sort and projection, objects or lists
    const sorted = await ok(client, 'datastore_search', { resource_id: resourceId, sort: 'dlina desc, _id asc', fields: ['_id', 'dlina'], limit: '3', offset: '1' })
    assert.deepEqual(sorted.records, [{ _id: 13, dlina: 7 }, { _id: 20, dlina: 7 }, { _id: 27, dlina: 7 }])
    assert.deepEqual(sorted.fields, [{ id: '_id', type: 'int' }, { id: 'dlina', type: 'int', info: sorted.fields[1].info }])
    const lists = await ok(client, 'datastore_search', { resource_id: resourceId, fields: 'uchastok,gotov', records_format: 'lists', limit: '2' })
    assert.deepEqual(lists.records, [['Участок 1', true], ['Участок 2', false]])

    // POST with a JSON body, as ckanapi does
    const posted = await post(client, 'datastore_search', { resource_id: resourceId, filters: { dlina: [1, 2] }, sort: ['_id desc'], limit: 2 })
    posted.assertStatus(200)
    assert.deepEqual(checked(posted).result.records.map((record: any) => record._id), [246, 245])
  })

  test('errors: unknown action, unknown ids, missing and bad parameters, as CKAN answers them', async ({ assert, client }) => {
    const unknown = await get(client, 'package_destroy_everything')
    unknown.assertStatus(400)
    assert.equal(unknown.body(), 'Bad request - Action name not known: package_destroy_everything')

    for (const [action, params] of [['package_show', { id: `${INN}-nothing` }], ['organization_show', { id: 'nobody' }], ['group_show', { id: 'sports' }]] as const) {
      const response = await get(client, action, params)
      response.assertStatus(404)
      assert.deepEqual(checked(response).error, { __type: 'Not Found Error', message: 'Not found' }, action)
    }
    const noResource = await get(client, 'resource_show', { id: `${ROADS}-v9-csv` })
    noResource.assertStatus(404)
    assert.equal(checked(noResource).error.message, 'Not found: Resource was not found.')
    // only the current version's CSV is in the datastore
    const notInStore = await get(client, 'datastore_search', { resource_id: `${ROADS}-v1-csv` })
    notInStore.assertStatus(404)
    assert.equal(checked(notInStore).error.message, `Not found: Resource "${ROADS}-v1-csv" was not found.`)

    const missing = await get(client, 'package_show')
    missing.assertStatus(409)
    assert.deepEqual(checked(missing).error, { __type: 'Validation Error', id: ['Missing value'] })
    assert.deepEqual(checked(await get(client, 'datastore_search')).error, { __type: 'Validation Error', resource_id: ['Missing value'] })
    const badJson = await get(client, 'datastore_search', { resource_id: `${ROADS}-v2-csv`, filters: '{rayon: Западный' })
    badJson.assertStatus(409)
    assert.deepEqual(checked(badJson).error, { __type: 'Validation Error', filters: ['Cannot parse JSON'] })
    const badField = await get(client, 'datastore_search', { resource_id: `${ROADS}-v2-csv`, filters: { street: 'x' } })
    assert.deepEqual(checked(badField).error, { __type: 'Validation Error', filters: ['field "street" not in table'] })
    const badSort = await get(client, 'datastore_search', { resource_id: `${ROADS}-v2-csv`, sort: 'street desc' })
    assert.deepEqual(checked(badSort).error, { __type: 'Validation Error', sort: ['field "street" not in table'] })
    const unknownHelp = await get(client, 'help_show', { name: 'package_purge' })
    unknownHelp.assertStatus(404)
    assert.equal(checked(unknownHelp).error.message, 'Not found: Action function not found')
    // a body that is not a JSON object: CKAN's bare 400 string
    const list = await client.post('/api/3/action/package_show').header('host', portal.host).json([1, 2])
    list.assertStatus(400)
    assert.match(String(list.body()), /^Bad request - Bad request data: /)
    // text that looks like JSON but is not stays text for q
    assert.equal((await ok(client, 'datastore_search', { resource_id: `${ROADS}-v2-csv`, q: '{nothing' })).total, 0)
  })

  test("a block's host does not serve /api/3", async ({ client }) => {
    ;(await get(client, 'package_list', {}, block.host)).assertStatus(404)
    ;(await client.get('/api/3').header('host', block.host)).assertStatus(404)
  })

  test('a documented curl session: what a stock CKAN client sends', async ({ assert, client }) => {
    // curl 'https://portal/api/3/action/package_search?q=ремонт&fq=res_format:CSV&rows=1'
    const search = await client.get(`/api/3/action/package_search?q=${encodeURIComponent('ремонт')}&fq=${encodeURIComponent('res_format:CSV')}&rows=1`).header('host', portal.host)
    search.assertStatus(200)
    assert.equal(String(search.header('content-type')).split(';')[0], 'application/json')
    const found = checked(search).result
    assert.equal(found.count, 1)
    const dataset = found.results[0]
    // curl -X POST https://portal/api/3/action/package_show -H 'Content-Type: application/json' -d '{"id": "…"}'
    const shown = checked(await post(client, 'package_show', { id: dataset.name })).result
    const resource = shown.resources.find((candidate: any) => candidate.datastore_active)
    // curl -X POST https://portal/api/3/action/datastore_search -d '{"resource_id": "…", "limit": 5}'
    const rows = checked(await post(client, 'datastore_search', { resource_id: resource.id, limit: 5 })).result
    assert.lengthOf(rows.records, 5)
    assert.equal(rows.total, 250)
    // a form post whose only key is JSON (what old CKAN clients send) reads as JSON
    const form = await client.post('/api/3/action/package_show').header('host', portal.host).form({ [JSON.stringify({ id: dataset.name })]: '' })
    form.assertStatus(200)
    assert.equal(checked(form).result.name, dataset.name)
    // wget -qO- https://portal/api/3/action/organization_list?all_fields=true
    assert.equal(checked(await get(client, 'organization_list', { all_fields: 'true' })).result[0].package_count, 2)
  })
})
