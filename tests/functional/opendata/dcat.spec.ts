import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { postJson } from '#tests/helpers/http'
import { postFile } from '#tests/helpers/uploads'
import { problemsBlock, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, cp1251Csv, givePublisherProfile, loadPortalRows, pathOf } from '#tests/helpers/opendata'
import { canonical, parseJsonLd, parseRdfXml, parseTurtle, shaclProblems } from '#tests/helpers/rdf'

/*
| The DCAT-AP 2.1 catalogue of the portal. A block publishes two datasets
| over HTTP, the bus brings them to the portal, and the catalogue and each
| dataset are read back in Turtle (n3's Parser), JSON-LD (jsonld.toRDF)
| and RDF/XML (rdfxml-streaming-parser): the three graphs are one, and
| rdf-validate-shacl finds them conforming to shapes written from the
| DCAT-AP specification (tests/fixtures/shacl/dcat-ap.ttl).
*/

let portal: ProblemsPortal
let block: ProblemsBlock
const INN = '2308000099'
const ROADS = `${INN}-road_works`
const SCHOOLS = `${INN}-school_canteens`

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
}
const CONTENT_TYPES = { ttl: 'text/turtle', jsonld: 'application/ld+json', rdf: 'application/rdf+xml' }
type Serialization = keyof typeof CONTENT_TYPES

async function publishDataset(client: ApiClient, session: string, passport: Record<string, string>, rows: string[][]) {
  const created = await postJson(client, block.host, session, '/opendata/office/datasets/new', '/opendata/office/datasets', passport)
  created.assertStatus(201)
  const page = `/opendata/office/datasets/${created.body().data.id}`
  const uploaded = await postFile(client, { host: block.host, session, page, action: `${page}/uploads` }, { buffer: cp1251Csv(rows), name: 'data.csv' }, {}, { json: true })
  uploaded.assertStatus(201)
  const { id, fields } = uploaded.body().data
  const form: Record<string, string> = { changeNote: 'Первая публикация' }
  fields.forEach((field: any, index: number) => {
    for (const key of ['name', 'descriptionRu', 'descriptionEn', 'type']) form[`fields[${index}][${key}]`] = field[key]
  })
  ;(await postJson(client, block.host, session, `${page}/uploads/${id}`, `${page}/uploads/${id}/publish`, form)).assertStatus(201)
}

/** Fetches a document and reads it with the parser of its serialization. */
async function fetchGraph(client: ApiClient, path: string, format: Serialization) {
  const response = await anonymousGet(client, portal.host, path)
  response.assertStatus(200)
  const text = response.text()
  const quads = format === 'ttl' ? parseTurtle(text) : format === 'jsonld' ? await parseJsonLd(text) : await parseRdfXml(text)
  return { response, text, quads }
}

/** The objects of a subject's predicate (`prefix:local`). */
function objects(quads: Quad[], subject: string, predicate: string) {
  const [prefix, local] = predicate.split(':') as [keyof typeof NS, string]
  return quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === NS[prefix] + local).map((quad) => quad.object)
}

function subjectsOfType(quads: Quad[], type: string) {
  const [prefix, local] = type.split(':') as [keyof typeof NS, string]
  return quads.filter((quad) => quad.predicate.value === `${NS.rdf}type` && quad.object.value === NS[prefix] + local).map((quad) => quad.subject.value)
}

const pageIri = (term: any) => (term.termType === 'NamedNode' ? DataFactory.namedNode(term.value.replace(/\/opendata\/catalog\.\w+\?/, '/opendata/catalog.*?')) : term)
const samePages = (quad: Quad) => DataFactory.quad(pageIri(quad.subject), quad.predicate, pageIri(quad.object)) as Quad

/** Reads a document in all three serializations: one graph (canonical N-Quads), conforming to the shapes. */
async function sameConformingGraph(client: ApiClient, assert: any, pathOfFormat: (format: Serialization) => string) {
  const graphs: Record<string, Quad[]> = {}
  for (const format of Object.keys(CONTENT_TYPES) as Serialization[]) {
    const { response, quads } = await fetchGraph(client, pathOfFormat(format), format)
    assert.equal(response.header('content-type'), `${CONTENT_TYPES[format]}; charset=utf-8`)
    assert.equal(response.header('access-control-allow-origin'), '*')
    // each serialization's paging links name its own pages (catalog.ttl?page=2 in Turtle …): compared as one
    graphs[format] = quads.map((quad) => (quad.subject.termType === 'NamedNode' && /\/opendata\/catalog\.\w+\?/.test(quad.subject.value) ? samePages(quad) : quad))
  }
  const turtle = await canonical(graphs.ttl)
  assert.equal(await canonical(graphs.jsonld), turtle, 'JSON-LD and Turtle state the same graph')
  assert.equal(await canonical(graphs.rdf), turtle, 'RDF/XML and Turtle state the same graph')
  const { conforms, problems } = await shaclProblems(graphs.ttl)
  assert.deepEqual(problems, [])
  assert.isTrue(conforms)
  return graphs.ttl
}

test.group('Open data | DCAT-AP catalogue', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('dcat_portal')
    block = await problemsBlock('dcat_block')
  })

  test('two published datasets: the catalogue in Turtle, JSON-LD and RDF/XML is one graph that conforms to DCAT-AP', async ({ assert, client }) => {
    await givePublisherProfile(block.tenant, INN)
    const session = await sessionOf(client, block.host, block.roadsHead.email)
    await publishDataset(
      client,
      session,
      { name: 'road_works', titleRu: 'Ремонт дорог', titleEn: 'Road works', descriptionRu: 'Участки дорог в ремонте: <улицы> & «районы».', descriptionEn: 'Road sections under repair.', subject: 'transport', keywords: 'дороги, ремонт', licence: 'cc-by-4.0', frequency: 'monthly', provenance: 'Сведения управления "Дорожное хозяйство"\nи акты приёмки' },
      [['Участок', 'Длина'], ['ул. Красная', '1,5'], ['ул. Северная', '2']]
    )
    await publishDataset(
      client,
      session,
      { name: 'school_canteens', titleRu: 'Школьные столовые', titleEn: 'School canteens', descriptionRu: 'Столовые школ и число мест.', descriptionEn: 'School canteens and their seats.', subject: 'culture', keywords: 'школы; питание', licence: 'cc0-1.0', frequency: 'yearly' },
      [['Школа', 'Мест'], ['Школа № 1', '120']]
    )
    await pump([portal.tenant, block.tenant])
    assert.equal(await loadPortalRows(portal.tenant, block.tenant), 2)

    const page = (await client.get('/opendata').header('host', portal.host)).text()
    for (const format of ['ttl', 'jsonld', 'rdf']) assert.include(page, `href="/opendata/catalog.${format}"`)

    const quads = await sameConformingGraph(client, assert, (format) => `/opendata/catalog.${format}`)
    const [catalogue] = subjectsOfType(quads, 'dcat:Catalog')
    const datasets = objects(quads, catalogue, 'dcat:dataset').map((term) => term.value)
    assert.lengthOf(datasets, 2)
    assert.deepEqual(objects(quads, catalogue, 'dct:title').map((term: any) => term.language).sort(), ['en', 'ru'])
    const roads = datasets.find((iri) => iri.includes(ROADS))!
    assert.equal(pathOf(roads), `/opendata/${ROADS}`)
    assert.equal(objects(quads, roads, 'dcat:landingPage')[0].value, new URL(roads).href.replace(/#.*$/, ''))
    assert.equal(objects(quads, roads, 'dcat:theme')[0].value, 'http://publications.europa.eu/resource/authority/data-theme/TRAN')
    assert.equal(objects(quads, roads, 'dct:accrualPeriodicity')[0].value, 'http://publications.europa.eu/resource/authority/frequency/MONTHLY')
    assert.deepEqual(objects(quads, roads, 'dcat:keyword').map((term) => term.value), ['дороги', 'ремонт'])
    assert.equal(objects(quads, roads, 'dct:description').find((term: any) => term.language === 'ru')!.value, 'Участки дорог в ремонте: <улицы> & «районы».')
    const provenance = objects(quads, roads, 'dct:provenance')[0].value
    assert.equal(objects(quads, provenance, 'rdfs:label')[0].value, 'Сведения управления "Дорожное хозяйство"\nи акты приёмки')
    const schools = datasets.find((iri) => iri.includes(SCHOOLS))!
    assert.equal(objects(quads, schools, 'dcat:theme')[0].value, 'http://publications.europa.eu/resource/authority/data-theme/EDUC')
    assert.equal(objects(quads, schools, 'dct:accrualPeriodicity')[0].value, 'http://publications.europa.eu/resource/authority/frequency/ANNUAL')

    // the publisher: its INN, and the contact point of the responsible person
    const publisher = objects(quads, roads, 'dct:publisher')[0].value
    assert.equal(objects(quads, publisher, 'dct:identifier')[0].value, INN)
    assert.equal(objects(quads, publisher, 'dct:type')[0].value, 'http://purl.org/adms/publishertype/RegionalAuthority', 'a block is the regional executive')
    const contact = objects(quads, roads, 'dcat:contactPoint')[0].value
    assert.equal(objects(quads, contact, 'vcard:fn')[0].value, 'Петрова Анна Сергеевна')
    assert.match(objects(quads, contact, 'vcard:hasEmail')[0].value, /^mailto:opendata@/)
    assert.equal(objects(quads, contact, 'vcard:hasTelephone')[0].value, 'tel:+78612000000')

    // one distribution per format; each link downloads; the CSV's size and SHA-256 are those of its bytes
    const distributions = objects(quads, roads, 'dcat:distribution').map((term) => term.value)
    assert.lengthOf(distributions, 3)
    const formats = distributions.map((distribution) => objects(quads, distribution, 'dct:format')[0].value.split('/').pop()).sort()
    assert.deepEqual(formats, ['CSV', 'JSON', 'XML'])
    for (const distribution of distributions) {
      const url = objects(quads, distribution, 'dcat:downloadURL')[0].value
      assert.equal(objects(quads, distribution, 'dcat:accessURL')[0].value, url)
      assert.equal(new URL(url).host, new URL(roads).host, 'links are absolute, on the portal')
      const download = await anonymousGet(client, portal.host, pathOf(url))
      download.assertStatus(200)
      const format = objects(quads, distribution, 'dct:format')[0].value.split('/').pop()
      if (format !== 'CSV') continue
      assert.equal(objects(quads, distribution, 'dcat:mediaType')[0].value, 'http://www.iana.org/assignments/media-types/text/csv')
      const bytes = Buffer.from(download.text(), 'utf8')
      assert.equal(objects(quads, distribution, 'dcat:byteSize')[0].value, String(bytes.length))
      const checksum = objects(quads, distribution, 'spdx:checksum')[0].value
      const value = quads.find((quad) => quad.subject.value === checksum && quad.predicate.value === `${NS.spdx}checksumValue`)!.object.value
      assert.equal(value, createHash('sha256').update(bytes).digest('hex'))
    }

    // each dataset alone, in the three serializations
    const alone = await sameConformingGraph(client, assert, (format) => `/opendata/${ROADS}/dataset.${format}`)
    assert.deepEqual(subjectsOfType(alone, 'dcat:Dataset'), [roads])
    assert.lengthOf(subjectsOfType(alone, 'dcat:Distribution'), 3)
    assert.lengthOf(subjectsOfType(alone, 'dcat:Catalog'), 0)
    ;(await anonymousGet(client, portal.host, `/opendata/${INN}-no_such/dataset.ttl`)).assertStatus(404)
    // the methodology files beside it still answer
    ;(await anonymousGet(client, portal.host, `/opendata/${ROADS}/meta.csv`)).assertStatus(200)
  })

  test('the validator is not a rubber stamp: a dataset without a title, a distribution without an access URL are reported', async ({ assert, client }) => {
    const { quads } = await fetchGraph(client, '/opendata/catalog.ttl', 'ttl')
    const roads = subjectsOfType(quads, 'dcat:Dataset').find((iri) => iri.includes(ROADS))!
    const distribution = objects(quads, roads, 'dcat:distribution')[0].value
    const broken = quads.filter(
      (quad) => !(quad.subject.value === roads && quad.predicate.value === `${NS.dct}title`) && !(quad.subject.value === distribution && quad.predicate.value === `${NS.dcat}accessURL`)
    )
    const { conforms, problems } = await shaclProblems(broken)
    assert.isFalse(conforms)
    assert.includeMembers(problems, [`${roads} ${NS.dct}title: MinCountConstraintComponent`, `${distribution} ${NS.dcat}accessURL: MinCountConstraintComponent`])
    // a title in one language only is reported too
    const english = quads.filter((quad) => !(quad.subject.value === roads && quad.predicate.value === `${NS.dct}title` && (quad.object as any).language === 'ru'))
    assert.include((await shaclProblems(english)).problems, `${roads} ${NS.dct}title: MinCountConstraintComponent`)
  })

  test('anonymous and cacheable: ETag and Last-Modified, 304, CORS; a passport edit changes the ETag', async ({ assert, client }) => {
    for (const path of ['/opendata/catalog.rdf', `/opendata/${ROADS}/dataset.jsonld`]) {
      const first = await anonymousGet(client, portal.host, path)
      first.assertStatus(200)
      const etag = first.header('etag')!
      const lastModified = first.header('last-modified')!
      assert.match(etag, /^"[0-9a-f]{40}"$/)
      assert.isTrue(Number.isFinite(Date.parse(lastModified)))
      assert.equal(first.header('access-control-allow-origin'), '*')
      assert.isUndefined(first.header('set-cookie'), 'stateless: no session')
      ;(await anonymousGet(client, portal.host, path).header('if-none-match', etag)).assertStatus(304)
      ;(await anonymousGet(client, portal.host, path).header('if-modified-since', lastModified)).assertStatus(304)
      ;(await anonymousGet(client, portal.host, path).header('if-none-match', '"stale"')).assertStatus(200)
    }
    const before = (await anonymousGet(client, portal.host, '/opendata/catalog.ttl')).header('etag')!
    await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').where('identifier', SCHOOLS).update({ title_en: 'School canteens and buffets', updated_at: new Date() }))
    const after = await anonymousGet(client, portal.host, '/opendata/catalog.ttl').header('if-none-match', before)
    after.assertStatus(200)
    assert.include(after.text(), '"School canteens and buffets"@en')
    // a body serves no catalogue
    ;(await client.get('/opendata/catalog.ttl').header('host', block.host)).assertStatus(404)
  })

  test('pages of 100 linked as a Hydra paged collection; an unknown page is 404', async ({ assert, client }) => {
    // 149 more passports in the portal's own table: 151 datasets, two pages
    await inTenant(portal.tenant, async () => {
      const template = await tenantDb().from('opendata_public_datasets').where('identifier', SCHOOLS).first()
      const { id, ...passport } = template
      await tenantDb()
        .table('opendata_public_datasets')
        .insert(Array.from({ length: 149 }, (_, index) => ({ ...passport, identifier: `${INN}-filler_${String(index).padStart(3, '0')}`, origin_dataset_id: 100000 + index })))
    })
    const first = parseTurtle((await anonymousGet(client, portal.host, '/opendata/catalog.ttl')).text())
    assert.lengthOf(subjectsOfType(first, 'dcat:Dataset'), 100)
    const pageOf = (quads: Quad[]) => subjectsOfType(quads, 'hydra:PagedCollection')[0]
    const link = (quads: Quad[], name: string) => objects(quads, pageOf(quads), `hydra:${name}`).map((term) => new URL(term.value).search)
    assert.equal(new URL(pageOf(first)).search, '?page=1')
    assert.equal(objects(first, pageOf(first), 'hydra:totalItems')[0].value, '151')
    assert.equal(objects(first, pageOf(first), 'hydra:itemsPerPage')[0].value, '100')
    assert.deepEqual(link(first, 'next'), ['?page=2'])
    assert.deepEqual(link(first, 'nextPage'), ['?page=2'])
    assert.deepEqual(link(first, 'last'), ['?page=2'])
    assert.deepEqual(link(first, 'previous'), [])

    const second = await sameConformingGraph(client, assert, (format) => `/opendata/catalog.${format}?page=2`)
    assert.lengthOf(subjectsOfType(second, 'dcat:Dataset'), 51)
    assert.deepEqual(link(second, 'previous'), ['?page=1'])
    assert.deepEqual(link(second, 'first'), ['?page=1'])
    assert.deepEqual(link(second, 'next'), [])
    const all = new Set([...subjectsOfType(first, 'dcat:Dataset'), ...subjectsOfType(second, 'dcat:Dataset')])
    assert.equal(all.size, 151, 'every dataset on exactly one page')
    for (const page of ['3', '0', 'abc', '-1', '1.5']) (await anonymousGet(client, portal.host, `/opendata/catalog.jsonld?page=${page}`)).assertStatus(404)
  })
})
