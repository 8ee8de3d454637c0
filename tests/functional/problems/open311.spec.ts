import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import type { ApiClient } from '@japa/api-client'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import AuditEntry from '#modules/identity/models/audit_entry'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { problemsBlock, problemsPortal, pump, routeRule, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'

let portal: ProblemsPortal
let block: ProblemsBlock
let apiKey: string

/** Inner texts of every `<name>` element (the API's XML has no attributes and no nesting of same names). */
function xmlValues(xml: string, name: string) {
  return [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>|<${name}/>`, 'g'))].map((match) => match[1] ?? '')
}

function xmlRoot(xml: string) {
  const match = /^<\?xml version="1.0" encoding="utf-8"\?>\s*<([a-z_]+)[\s/>]/.exec(xml)
  return match?.[1]
}

function get(client: ApiClient, path: string, host = portal.host) {
  return client.get(path).header('host', host)
}

function post(client: ApiClient, format: 'json' | 'xml', fields: Record<string, string>) {
  return client.post(`/open311/v2/requests.${format}`).header('host', portal.host).form(fields)
}

function reportDirect(address: string, overrides: Partial<{ themeId: number; lat: number; lng: number }> = {}) {
  return inTenant(portal.tenant, async () =>
    new ReportProblem().handle(
      {
        themeId: portal.roads.id,
        municipalityId: portal.krasnodar.id,
        lat: 45.04,
        lng: 38.98,
        address,
        description: 'Разбитый асфальт у остановки, лужи после каждого дождя.',
        ...overrides,
      },
      await User.findOrFail(portal.citizen.id)
    )
  )
}

function setCreated(id: number, iso: string) {
  return inTenant(portal.tenant, () => tenantDb().from('problems').where('id', id).update({ created_at: iso }))
}

async function issueKey(client: ApiClient, name: string) {
  const admin = await sessionOf(client, portal.host, portal.admin.email)
  const page = await submitForm(client, portal.host, admin, '/problems/admin/open311', '/problems/admin/open311', { name })
  page.assertStatus(200)
  const key = /(o311_[A-Za-z0-9_-]{32})/.exec(page.text())?.[1]
  if (!key) throw new Error('no key shown')
  return { key, admin }
}

const validFields = () => ({
  api_key: apiKey,
  service_code: 'roads',
  lat: '45.0355',
  long: '38.9753',
  description: 'Яма на дороге у дома 12, глубиной сантиметров двадцать.',
  email: 'ivan.petrov@example.com',
  first_name: 'Иван',
  last_name: 'Петров',
  phone: '+7 900 123-45-67',
  media_url: 'https://example.com/photo.jpg',
})

const SCHEMA_ID = 'https://krai.example/schemas/open311/georeport_v2.json'

/** The GeoReport v2 JSON shapes (tests/fixtures/open311, written from the specification), compiled by Ajv. */
async function georeportSchemas() {
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats.default(ajv)
  ajv.addSchema(JSON.parse(await readFile(app.makePath('tests/fixtures/open311/georeport_v2.schema.json'), 'utf8')))
  return (name: 'services' | 'serviceRequests' | 'created' | 'tokens' | 'errors', body: unknown) => {
    const validate = ajv.getSchema(`${SCHEMA_ID}#/${name}`)!
    return validate(body) ? null : ajv.errorsText(validate.errors)
  }
}

test.group('Problems | Open311 GeoReport v2', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('po311_portal')
    block = await problemsBlock('po311_block')
    await routeRule(portal, portal.roads.id, block.tenant.slug, 'roads')
  })

  test('admins issue keys on /problems/admin/open311 (shown once, stored as a hash, audited); others get 403', async ({ assert, client }) => {
    const { key, admin } = await issueKey(client, 'Городское приложение')
    apiKey = key
    const stored = await inTenant(portal.tenant, () => tenantDb().from('problem_api_keys').where('name', 'Городское приложение').first())
    assert.notInclude(JSON.stringify(stored), key, 'only a hash is kept')
    assert.lengthOf(stored.key_hash, 64)
    const list = await get(client, '/problems/admin/open311').withCookie(SESSION_COOKIE, admin)
    assert.include(list.text(), 'Городское приложение')
    assert.notInclude(list.text(), key)
    const audit = await inTenant(portal.tenant, () => AuditEntry.query().where('action', 'open311_key.issued').first())
    assert.exists(audit)
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    ;(await get(client, '/problems/admin/open311').withCookie(SESSION_COOKIE, citizen)).assertStatus(403)
  })

  test('discovery and services in JSON and XML', async ({ assert, client }) => {
    const discovery = await get(client, '/open311/v2/discovery.json')
    discovery.assertStatus(200)
    assert.equal(discovery.body().endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2')
    assert.deepEqual(discovery.body().endpoints[0].formats, ['text/xml', 'application/json'])
    const discoveryXml = await get(client, '/open311/v2/discovery.xml')
    assert.equal(xmlRoot(discoveryXml.text()), 'discovery')
    assert.deepEqual(xmlValues(discoveryXml.text(), 'format'), ['text/xml', 'application/json'])

    const services = await get(client, '/open311/v2/services.json')
    services.assertStatus(200)
    assert.match(String(services.header('content-type')), /application\/json/)
    const roads = services.body().find((service: any) => service.service_code === 'roads')
    assert.deepInclude(roads, { service_name: 'Дороги и тротуары', metadata: false, type: 'realtime' })
    assert.properties(roads, ['description', 'keywords', 'group'])
    assert.lengthOf(services.body(), 13, 'the ten themes of the first migration and three regional ones')

    const xml = await get(client, '/open311/v2/services.xml')
    assert.match(String(xml.header('content-type')), /text\/xml/)
    assert.equal(xmlRoot(xml.text()), 'services')
    assert.lengthOf(xmlValues(xml.text(), 'service'), 13)
    assert.include(xmlValues(xml.text(), 'service_code'), 'roads')
    assert.deepEqual([...new Set(xmlValues(xml.text(), 'metadata'))], ['false'])

    // themes have no attributes: no service definition (404 in the requested format), unknown too
    const definition = await get(client, '/open311/v2/services/roads.json')
    definition.assertStatus(404)
    assert.equal(definition.body()[0].code, 404)
    const definitionXml = await get(client, '/open311/v2/services/nope.xml')
    definitionXml.assertStatus(404)
    assert.equal(xmlRoot(definitionXml.text()), 'errors')
    assert.deepEqual(xmlValues(definitionXml.text(), 'code'), ['404'])
  })

  test('POST requests with a valid key creates a problem routed like a web one; GET requests/{id} and tokens/{token} find it (no personal data)', async ({ assert, client }) => {
    const created = await post(client, 'json', validFields())
    created.assertStatus(200)
    const [answer] = created.body()
    assert.isString(answer.service_request_id, 'GeoReport v2: service_request_id is a string')
    assert.isString(answer.token)
    assert.include(answer.service_notice, 'Орган roads')

    const problem = await inTenant(portal.tenant, () => Problem.findOrFail(Number(answer.service_request_id)))
    assert.equal(problem.status, 'routed')
    assert.equal(problem.routedTenant, block.tenant.slug)
    assert.equal(problem.municipalityId, portal.krasnodar.id, 'the nearest municipality centre')
    assert.isNotNull(problem.deadline)
    const submission = await inTenant(portal.tenant, () => tenantDb().from('problem_open311_submissions').where('problem_id', problem.id).first())
    assert.equal(submission.email, 'ivan.petrov@example.com')
    // the block receives it over the bus like a web report
    await pump([portal.tenant, block.tenant])
    const copy = await inTenant(block.tenant, () => ProblemCase.query().where('origin_problem_id', problem.id).where('origin_tenant', portal.tenant.slug).first())
    assert.equal(copy?.departmentId, block.departments.roads.id)
    assert.equal(copy?.authorName, 'Городское приложение', 'filed under the application, not a citizen')

    const one = await get(client, `/open311/v2/requests/${problem.id}.json`)
    one.assertStatus(200)
    const [request] = one.body()
    assert.deepInclude(request, { service_request_id: String(problem.id), status: 'open', service_code: 'roads', agency_responsible: `Орган roads (${block.tenant.slug})` })
    assert.equal(new Date(request.expected_datetime).getTime(), Math.floor(problem.deadline!.toMillis() / 1000) * 1000)
    assert.equal(request.lat, 45.0355)
    assert.equal(request.long, 38.9753)
    for (const secret of ['ivan.petrov', 'Петров', '123-45-67', 'example.com/photo']) assert.notInclude(one.text(), secret)

    const xml = await get(client, `/open311/v2/requests/${problem.id}.xml`)
    assert.equal(xmlRoot(xml.text()), 'service_requests')
    assert.deepEqual(xmlValues(xml.text(), 'service_request_id'), [String(problem.id)])
    assert.deepEqual(xmlValues(xml.text(), 'status'), ['open'])
    assert.notInclude(xml.text(), 'ivan.petrov')

    const token = await get(client, `/open311/v2/tokens/${answer.token}.json`)
    assert.deepEqual(token.body(), [{ service_request_id: String(problem.id), token: answer.token }])
    const tokenXml = await get(client, `/open311/v2/tokens/${answer.token}.xml`)
    assert.deepEqual(xmlValues(tokenXml.text(), 'service_request_id'), [String(problem.id)])
    ;(await get(client, '/open311/v2/tokens/unknown.json')).assertStatus(404)

    // XML POST, by address_string only: the municipality named in it, its centre's coordinates
    const byAddress = await post(client, 'xml', { api_key: apiKey, service_code: 'roads', address_string: 'г. Сочи, Курортный проспект, 50', description: 'Провал асфальта на тротуаре у входа в парк.' })
    byAddress.assertStatus(200)
    assert.equal(xmlRoot(byAddress.text()), 'service_requests')
    const id = Number(xmlValues(byAddress.text(), 'service_request_id')[0])
    const sochi = await inTenant(portal.tenant, () => Problem.findOrFail(id))
    assert.equal(sochi.municipalityId, portal.sochi.id)
    assert.equal(sochi.address, 'г. Сочи, Курортный проспект, 50')
  })

  test('bad POSTs are 400 with an errors body in both formats', async ({ assert, client }) => {
    const count = () => inTenant(portal.tenant, async () => Number((await tenantDb().from('problems').count('* as n'))[0].n))
    const before = await count()
    const cases: [Record<string, string>, RegExp][] = [
      [{ service_code: '' }, /service_code is required/],
      [{ service_code: 'teleportation' }, /not a known service/],
      [{ lat: 'north', long: '38.9' }, /decimal degrees/],
      [{ lat: '95', long: '38.9' }, /decimal degrees/],
      [{ lat: '55.75', long: '37.61' }, /outside the region/],
      [{ lat: '', long: '', address_string: '' }, /address_string/],
      [{ description: 'коротко' }, /description/],
    ]
    for (const [override, message] of cases) {
      const json = await post(client, 'json', { ...validFields(), ...override })
      json.assertStatus(400)
      assert.match(json.body().map((error: any) => error.description).join(' '), message)
      assert.equal(json.body()[0].code, 400)
      const xml = await post(client, 'xml', { ...validFields(), ...override })
      xml.assertStatus(400)
      assert.equal(xmlRoot(xml.text()), 'errors')
      assert.match(xmlValues(xml.text(), 'description').join(' '), message)
    }
    assert.equal(await count(), before, 'nothing was created')
  })

  test('missing, invalid and revoked keys are 403 in both formats; POST is rate-limited per key', async ({ assert, client }) => {
    const { api_key: _key, ...withoutKey } = validFields()
    const missing = await post(client, 'json', withoutKey)
    missing.assertStatus(403)
    assert.equal(missing.body()[0].code, 403)
    const invalid = await post(client, 'xml', { ...validFields(), api_key: 'o311_not-a-real-key' })
    invalid.assertStatus(403)
    assert.equal(xmlRoot(invalid.text()), 'errors')
    assert.deepEqual(xmlValues(invalid.text(), 'code'), ['403'])

    const { key, admin } = await issueKey(client, 'Отзываемое приложение')
    ;(await post(client, 'json', { ...validFields(), api_key: key })).assertStatus(200)
    const row = await inTenant(portal.tenant, () => tenantDb().from('problem_api_keys').where('name', 'Отзываемое приложение').first())
    ;(await submitForm(client, portal.host, admin, '/problems/admin/open311', `/problems/admin/open311/${row.id}/revoke`, {})).assertStatus(200)
    ;(await post(client, 'json', { ...validFields(), api_key: key })).assertStatus(403)
    assert.exists(await inTenant(portal.tenant, () => AuditEntry.query().where('action', 'open311_key.revoked').first()))

    // the limit counts per key: a fresh key gets OPEN311_POSTS_PER_HOUR (100 by default) and then 429
    const limited = (await issueKey(client, 'Шумное приложение')).key
    const keyRow = await inTenant(portal.tenant, () => tenantDb().from('problem_api_keys').where('name', 'Шумное приложение').first())
    const limiter = (await import('@adonisjs/limiter/services/main')).default
    await limiter.use({ requests: 100, duration: '1 hour' }).set(`problems:open311:${portal.tenant.slug}:${keyRow.id}`, 100, '1 hour')
    const tooMany = await post(client, 'json', { ...validFields(), api_key: limited })
    tooMany.assertStatus(429)
    assert.equal(tooMany.body()[0].code, 429)
    ;(await post(client, 'json', validFields())).assertStatus(200)
  })

  test('GET requests: every filter, default 90-day window, 90-day span limit, bad values 400 in both formats', async ({ assert, client }) => {
    const fresh = await reportDirect('Краснодар, ул. Свежая, 1')
    const old = await reportDirect('Краснодар, ул. Старая, 2')
    await setCreated(old.id, '2026-01-15T10:00:00+03:00')
    const lamp = await reportDirect('Краснодар, ул. Фонарная, 3', { themeId: portal.lighting.id })
    const closed = await reportDirect('Краснодар, ул. Решённая, 4')
    await inTenant(portal.tenant, () => tenantDb().from('problems').where('id', closed.id).update({ status: 'resolved', answer_text: 'Яма заделана 20 ноября.' }))

    const ids = (response: any) => response.body().map((request: any) => Number(request.service_request_id))
    const all = await get(client, '/open311/v2/requests.json')
    all.assertStatus(200)
    assert.includeMembers(ids(all), [fresh.id, lamp.id, closed.id])
    assert.notInclude(ids(all), old.id, 'older than 90 days by default')
    assert.isAtMost(all.body().length, 1000)
    for (const request of all.body()) assert.notProperty(request, 'email')

    const byIds = await get(client, `/open311/v2/requests.json?service_request_id=${old.id},${lamp.id}&service_code=waste`)
    assert.sameMembers(ids(byIds), [old.id, lamp.id], 'ids ignore the other filters')
    const byCode = await get(client, '/open311/v2/requests.json?service_code=lighting')
    assert.deepEqual(ids(byCode), [lamp.id])
    const closedOnes = await get(client, '/open311/v2/requests.json?status=closed')
    assert.deepEqual(ids(closedOnes), [closed.id])
    assert.equal(closedOnes.body()[0].status_notes, 'Яма заделана 20 ноября.')
    const openOnes = await get(client, '/open311/v2/requests.json?status=open')
    assert.include(ids(openOnes), fresh.id)
    assert.notInclude(ids(openOnes), closed.id)
    assert.includeMembers(ids(await get(client, '/open311/v2/requests.json?status=open,closed')), [fresh.id, closed.id])
    const window = await get(client, '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00%2B03:00')
    assert.deepEqual(ids(window), [old.id])
    const onlyStart = await get(client, '/open311/v2/requests.json?start_date=2026-01-10T00:00:00Z')
    assert.deepEqual(ids(onlyStart), [old.id], 'start_date alone spans 90 days')

    const xml = await get(client, '/open311/v2/requests.xml?service_code=lighting')
    assert.equal(xmlRoot(xml.text()), 'service_requests')
    assert.deepEqual(xmlValues(xml.text(), 'service_request_id'), [String(lamp.id)])
    assert.deepEqual(xmlValues(xml.text(), 'service_code'), ['lighting'])
    assert.lengthOf(xmlValues(xml.text(), 'expected_datetime'), 1)

    for (const query of ['start_date=yesterday', 'end_date=2026-13-45', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'status=pending', 'service_code=teleportation', 'service_request_id=1,abc']) {
      const json = await get(client, `/open311/v2/requests.json?${query}`)
      json.assertStatus(400)
      assert.equal(json.body()[0].code, 400)
      const bad = await get(client, `/open311/v2/requests.xml?${query}`)
      bad.assertStatus(400)
      assert.equal(xmlRoot(bad.text()), 'errors')
    }
  })

  test('every JSON answer matches the GeoReport v2 schemas: service_request_id is a string in POST, GET and tokens', async ({ assert, client }) => {
    const check = await georeportSchemas()
    // the schema can fail: a numeric id, as answered before, is refused
    assert.match(String(check('tokens', [{ service_request_id: 7, token: 'abc' }])), /service_request_id must be string/)

    const created = await post(client, 'json', validFields())
    created.assertStatus(200)
    assert.isNull(check('created', created.body()))
    const [answer] = created.body()
    assert.isNull(check('services', (await get(client, '/open311/v2/services.json')).body()))
    const one = await get(client, `/open311/v2/requests/${answer.service_request_id}.json`)
    assert.isNull(check('serviceRequests', one.body()))
    assert.strictEqual(one.body()[0].service_request_id, answer.service_request_id)
    const all = await get(client, '/open311/v2/requests.json')
    assert.isAbove(all.body().length, 0)
    assert.isNull(check('serviceRequests', all.body()))
    const byIds = await get(client, `/open311/v2/requests.json?service_request_id=${answer.service_request_id}`)
    assert.isNull(check('serviceRequests', byIds.body()))
    const token = await get(client, `/open311/v2/tokens/${answer.token}.json`)
    assert.isNull(check('tokens', token.body()))
    assert.deepEqual(token.body(), [{ service_request_id: answer.service_request_id, token: answer.token }])
    assert.isNull(check('errors', (await get(client, '/open311/v2/requests/99999999.json')).body()))
    // the XML keeps the id as the element's text
    const xml = await get(client, `/open311/v2/requests/${answer.service_request_id}.xml`)
    assert.deepEqual(xmlValues(xml.text(), 'service_request_id'), [answer.service_request_id])
  })

  test('unknown ids are 404; hidden problems never appear', async ({ assert, client }) => {
    ;(await get(client, '/open311/v2/requests/99999999.json')).assertStatus(404)
    const missing = await get(client, '/open311/v2/requests/99999999.xml')
    missing.assertStatus(404)
    assert.deepEqual(xmlValues(missing.text(), 'code'), ['404'])
    ;(await get(client, '/open311/v2/nothing.json')).assertStatus(404)

    const hidden = await reportDirect('Краснодар, ул. Скрытая, 5')
    await inTenant(portal.tenant, () => tenantDb().from('problems').where('id', hidden.id).update({ hidden_at: new Date(), hidden_reason: 'спам' }))
    ;(await get(client, `/open311/v2/requests/${hidden.id}.json`)).assertStatus(404)
    const list = await get(client, `/open311/v2/requests.json?service_request_id=${hidden.id}`)
    assert.deepEqual(list.body(), [])
    assert.notInclude((await get(client, '/open311/v2/requests.xml')).text(), 'Скрытая')
  })

  test('served on the apex domain (the portal)', async ({ assert, client }) => {
    await ensureTenant('portal', 'portal')
    const services = await get(client, '/open311/v2/services.json', 'localhost')
    services.assertStatus(200)
    assert.include(services.body().map((service: any) => service.service_code), 'roads')
  })

  test('not available on block tenants; a block cannot read the portal', async ({ client }) => {
    ;(await get(client, '/open311/v2/services.json', block.host)).assertStatus(404)
    ;(await get(client, '/open311/v2/requests.json', block.host)).assertStatus(404)
    ;(await client.post('/open311/v2/requests.json').header('host', block.host).form(validFields())).assertStatus(404)
  })
})
