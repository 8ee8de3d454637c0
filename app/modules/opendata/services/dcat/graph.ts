import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { tagsOf } from '#modules/opendata/services/ckan/catalogue'
import { dataName, type Format, type PublicVersionRow } from '#modules/opendata/services/methodology'
import {
  CATALOGUE_TEXT,
  LICENCE_IRIS,
  NS,
  THEME_TAXONOMY,
  fileTypeIri,
  frequencyIri,
  languageIri,
  mediaTypeIri,
  PUBLISHER_TYPES,
  PUBLISHER_TYPE_LABELS,
  THEMES,
  THEME_LABELS,
  publisherTypeIri,
  themeIri,
  type Prefix,
} from '#modules/opendata/services/dcat/vocabulary'

/*
| The portal's catalogue as DCAT-AP 2.1 triples, from its own tables only:
| opendata_public_datasets / publishers / versions / structures. Every
| resource that has a page gets a hash IRI on that page (the dataset
| `<page>#dataset`, its distributions `<page>#<data file>`); the
| provenance statement and the checksum are blank nodes.
*/

const { namedNode, literal, blankNode, quad } = DataFactory

/** Datasets per catalogue page (ckanext-dcat's default too). */
export const PAGE_SIZE = 100
const FORMATS: Format[] = ['csv', 'json', 'xml']

const term = (prefix: Prefix, local: string) => namedNode(`${NS[prefix]}${local}`)
const typed = (value: string, type: string) => literal(value, term('xsd', type))
const dateTime = (value: Date | string) => typed(new Date(value).toISOString(), 'dateTime')

/** Collects triples in the order they are stated (the serializations keep it). */
class Graph {
  readonly quads: Quad[] = []
  private blankNodes = 0
  private statedTypes = new Set<string>()

  /** A blank node labelled by its order in this graph: the same data gives the same bytes (and ETag). */
  blank() {
    return blankNode(`b${++this.blankNodes}`)
  }

  add(subject: Quad_Subject, predicate: [Prefix, string], object: Quad_Object | null | undefined) {
    if (object) this.quads.push(quad(subject, term(...predicate), object))
  }

  a(subject: Quad_Subject, type: [Prefix, string]) {
    this.add(subject, ['rdf', 'type'], term(...type))
  }

  /**
   * Links to a resource and states its class once (the DCAT-AP ranges:
   * a theme is a skos:Concept, a landing page a foaf:Document …), so the
   * document is valid without the EU vocabularies loaded beside it.
   */
  link(subject: Quad_Subject, predicate: [Prefix, string], iri: string | null | undefined, type: [Prefix, string], label?: [[Prefix, string], string]) {
    if (!iri) return
    this.add(subject, predicate, namedNode(iri))
    const key = `${iri} ${type.join(':')}`
    if (this.statedTypes.has(key)) return
    this.statedTypes.add(key)
    this.a(namedNode(iri), type)
    if (label) this.add(namedNode(iri), label[0], literal(label[1], 'en'))
  }

  /** A text in Russian and English (either may be missing). */
  bilingual(subject: Quad_Subject, predicate: [Prefix, string], ru: string | null | undefined, en: string | null | undefined) {
    if (ru) this.add(subject, predicate, literal(ru, 'ru'))
    if (en) this.add(subject, predicate, literal(en, 'en'))
  }
}

/** The IRIs of the portal's resources (absolute, on the portal's host). */
export function iris(base: string) {
  const page = (identifier: string) => `${base}/opendata/${identifier}`
  return {
    catalogue: `${base}/opendata#catalog`,
    homepage: `${base}/opendata`,
    portal: `${base}/opendata#publisher`,
    page,
    dataset: (identifier: string) => `${page(identifier)}#dataset`,
    publisher: (id: number) => `${base}/opendata#publisher-${id}`,
    contact: (id: number) => `${base}/opendata#contact-${id}`,
    distribution: (identifier: string, version: PublicVersionRow, format: Format) => `${page(identifier)}#${dataName(version)}-${format}`,
    file: (identifier: string, name: string) => `${page(identifier)}/${name}`,
  }
}
type Iris = ReturnType<typeof iris>

interface PublisherRow {
  id: number
  origin_tenant: string
  inn: string
  name_ru: string
  name_en: string
  responsible_person: string
  phone: string
  email: string
}

/** The ADMS publisher type of a body's kind, with its label. */
function linkPublisherType(graph: Graph, agent: Quad_Subject, kind: string | undefined) {
  const type = kind ? PUBLISHER_TYPES[kind] : undefined
  if (type) graph.link(agent, ['dct', 'type'], publisherTypeIri(kind!), ['skos', 'Concept'], [['skos', 'prefLabel'], PUBLISHER_TYPE_LABELS[type]])
}

function addPublisher(graph: Graph, links: Iris, publisher: PublisherRow, kind: string | undefined) {
  const agent = namedNode(links.publisher(publisher.id))
  graph.a(agent, ['foaf', 'Agent'])
  graph.bilingual(agent, ['foaf', 'name'], publisher.name_ru, publisher.name_en)
  linkPublisherType(graph, agent, kind)
  // the INN: the body's identifier in the state register of taxpayers
  graph.add(agent, ['dct', 'identifier'], literal(publisher.inn))
  const contact = namedNode(links.contact(publisher.id))
  graph.a(contact, ['vcard', 'Kind'])
  graph.add(contact, ['vcard', 'fn'], literal(publisher.responsible_person))
  graph.add(contact, ['vcard', 'hasEmail'], namedNode(`mailto:${publisher.email}`))
  graph.add(contact, ['vcard', 'hasTelephone'], namedNode(`tel:${publisher.phone.replace(/[^\d+]/g, '')}`))
}

function addDataset(graph: Graph, links: Iris, dataset: any, latest: PublicVersionRow | undefined) {
  const subject = namedNode(links.dataset(dataset.identifier))
  graph.a(subject, ['dcat', 'Dataset'])
  graph.bilingual(subject, ['dct', 'title'], dataset.title_ru, dataset.title_en)
  graph.bilingual(subject, ['dct', 'description'], dataset.description_ru, dataset.description_en)
  graph.add(subject, ['dct', 'identifier'], literal(dataset.identifier))
  graph.add(subject, ['dct', 'publisher'], namedNode(links.publisher(dataset.publisher_id)))
  graph.add(subject, ['dcat', 'contactPoint'], namedNode(links.contact(dataset.publisher_id)))
  for (const keyword of tagsOf(dataset.keywords ?? '')) graph.add(subject, ['dcat', 'keyword'], literal(keyword, 'ru'))
  const theme = THEMES[dataset.subject]
  if (theme) graph.link(subject, ['dcat', 'theme'], themeIri(dataset.subject), ['skos', 'Concept'], [['skos', 'prefLabel'], THEME_LABELS[theme]])
  graph.link(subject, ['dct', 'accrualPeriodicity'], frequencyIri(dataset.frequency), ['dct', 'Frequency'])
  graph.link(subject, ['dct', 'language'], languageIri('RUS'), ['dct', 'LinguisticSystem'])
  graph.add(subject, ['dct', 'issued'], dateTime(dataset.created_at))
  graph.add(subject, ['dct', 'modified'], dateTime(dataset.modified_at))
  if (dataset.provenance) {
    const statement = graph.blank()
    graph.add(subject, ['dct', 'provenance'], statement)
    graph.a(statement, ['dct', 'ProvenanceStatement'])
    graph.add(statement, ['rdfs', 'label'], literal(dataset.provenance, 'ru'))
  }
  graph.add(subject, ['adms', 'versionInfo'], literal(String(dataset.current_version)))
  graph.link(subject, ['dcat', 'landingPage'], links.page(dataset.identifier), ['foaf', 'Document'])
  if (!latest) return
  // one distribution per format of the latest version: the methodology's data files
  for (const format of FORMATS) {
    const distribution = namedNode(links.distribution(dataset.identifier, latest, format))
    const file = namedNode(links.file(dataset.identifier, `${dataName(latest)}.${format}`))
    graph.add(subject, ['dcat', 'distribution'], distribution)
    graph.a(distribution, ['dcat', 'Distribution'])
    graph.bilingual(distribution, ['dct', 'title'], `${dataset.title_ru}, версия ${latest.number} (${format.toUpperCase()})`, `${dataset.title_en}, version ${latest.number} (${format.toUpperCase()})`)
    graph.bilingual(distribution, ['dct', 'description'], latest.change_note, null)
    graph.add(distribution, ['dcat', 'accessURL'], file)
    graph.add(distribution, ['dcat', 'downloadURL'], file)
    graph.link(distribution, ['dct', 'format'], fileTypeIri(format), ['dct', 'MediaTypeOrExtent'])
    graph.link(distribution, ['dcat', 'mediaType'], mediaTypeIri(format), ['dct', 'MediaType'])
    graph.link(distribution, ['dct', 'license'], LICENCE_IRIS[dataset.licence], ['dct', 'LicenseDocument'])
    graph.add(distribution, ['dct', 'issued'], dateTime(latest.published_at))
    graph.link(distribution, ['dct', 'conformsTo'], links.file(dataset.identifier, `structure-${latest.structure_stamp}.csv`), ['dct', 'Standard'])
    if (format === 'csv') {
      // size and SHA-256 are those of the published CSV file (the other formats are rendered on request)
      graph.add(distribution, ['dcat', 'byteSize'], typed(String(latest.size), 'decimal'))
      const checksum = graph.blank()
      graph.add(distribution, ['spdx', 'checksum'], checksum)
      graph.a(checksum, ['spdx', 'Checksum'])
      graph.add(checksum, ['spdx', 'algorithm'], term('spdx', 'checksumAlgorithm_sha256'))
      graph.add(checksum, ['spdx', 'checksumValue'], typed(latest.sha256, 'hexBinary'))
    }
  }
}

/** The latest version of each dataset with its structure's stamp (one row a dataset, by the (dataset_id, number) index). */
function latestVersionsOf(datasetIds: number[]): Promise<PublicVersionRow[]> {
  return tenantDb()
    .from('opendata_public_versions as v')
    .join('opendata_public_structures as s', (join) => join.on('s.dataset_id', 'v.dataset_id').andOn('s.number', 'v.structure_number'))
    .whereIn('v.dataset_id', datasetIds)
    .distinctOn('v.dataset_id')
    .orderBy([{ column: 'v.dataset_id' }, { column: 'v.number', order: 'desc' }])
    .select('v.*', 's.stamp as structure_stamp')
}

/** Datasets with their publishers (once each) and their latest versions, in the given order. */
async function describeDatasets(graph: Graph, links: Iris, datasets: any[]) {
  if (!datasets.length) return
  const publisherIds = [...new Set(datasets.map((dataset) => dataset.publisher_id))]
  const [publishers, versions] = await Promise.all([tenantDb().from('opendata_public_publishers').whereIn('id', publisherIds).orderBy('id'), latestVersionsOf(datasets.map((dataset) => dataset.id))])
  const latest = new Map<number, PublicVersionRow>(versions.map((version) => [version.dataset_id, version]))
  for (const dataset of datasets) addDataset(graph, links, dataset, latest.get(dataset.id))
  // the body's kind (block or municipality) from the tenant registry: its ADMS publisher type
  const kinds = new Map((await Promise.all(publishers.map((publisher) => tenantRegistry.findBySlug(publisher.origin_tenant)))).map((tenant) => [tenant?.slug, tenant?.kind]))
  for (const publisher of publishers) addPublisher(graph, links, publisher, kinds.get(publisher.origin_tenant))
}

export interface CataloguePage {
  quads: Quad[]
  /** The latest change of a passport or a publisher in the catalogue (Last-Modified). */
  modified: Date | null
}

/** The moment of the latest passport or publisher change (what Last-Modified and dct:modified state). */
export async function catalogueModified(): Promise<Date | null> {
  const [datasets, publishers] = await Promise.all([
    tenantDb().from('opendata_public_datasets').max('updated_at as latest').first(),
    tenantDb().from('opendata_public_publishers').max('updated_at as latest').first(),
  ])
  const times = [datasets?.latest, publishers?.latest].filter(Boolean).map((moment) => new Date(moment).getTime())
  return times.length ? new Date(Math.max(...times)) : null
}

/**
 * One page of the catalogue: the dcat:Catalog with the page's datasets
 * (by id, PAGE_SIZE a page) and the hydra:PagedCollection that links the
 * pages as ckanext-dcat does (both the current Hydra terms and the
 * deprecated *Page ones harvesters still read). Null for a page past
 * the last one (page 1 always exists, if empty).
 */
export async function cataloguePage(page: number, base: string, region: { ru: string; en: string }, pageUrl: (page: number) => string): Promise<CataloguePage | null> {
  const total = Number((await tenantDb().from('opendata_public_datasets').count('* as total').first())?.total ?? 0)
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE))
  if (page > last) return null
  // page numbers are what DCAT harvesters follow; the id order is the primary key's index
  const datasets = await tenantDb()
    .from('opendata_public_datasets')
    .orderBy('id')
    .offset((page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE)
  const [modified, first] = await Promise.all([catalogueModified(), tenantDb().from('opendata_public_datasets').min('created_at as issued').first()])
  const links = iris(base)
  const graph = new Graph()
  const catalogue = namedNode(links.catalogue)
  graph.a(catalogue, ['dcat', 'Catalog'])
  graph.bilingual(catalogue, ['dct', 'title'], CATALOGUE_TEXT.title.ru(region.ru), CATALOGUE_TEXT.title.en(region.en))
  graph.bilingual(catalogue, ['dct', 'description'], CATALOGUE_TEXT.description.ru, CATALOGUE_TEXT.description.en)
  graph.add(catalogue, ['dct', 'publisher'], namedNode(links.portal))
  graph.link(catalogue, ['foaf', 'homepage'], links.homepage, ['foaf', 'Document'])
  graph.link(catalogue, ['dct', 'language'], languageIri('RUS'), ['dct', 'LinguisticSystem'])
  graph.link(catalogue, ['dct', 'language'], languageIri('ENG'), ['dct', 'LinguisticSystem'])
  // issued: when the first dataset reached the catalogue
  if (first?.issued) graph.add(catalogue, ['dct', 'issued'], dateTime(first.issued))
  if (modified) graph.add(catalogue, ['dct', 'modified'], dateTime(modified))
  graph.link(catalogue, ['dcat', 'themeTaxonomy'], THEME_TAXONOMY, ['skos', 'ConceptScheme'], [['dct', 'title'], 'Data theme'])
  for (const dataset of datasets) graph.add(catalogue, ['dcat', 'dataset'], namedNode(links.dataset(dataset.identifier)))
  const portal = namedNode(links.portal)
  graph.a(portal, ['foaf', 'Agent'])
  graph.bilingual(portal, ['foaf', 'name'], region.ru, region.en)
  linkPublisherType(graph, portal, 'portal')

  const collection = namedNode(pageUrl(page))
  graph.a(collection, ['hydra', 'PagedCollection'])
  graph.add(collection, ['hydra', 'totalItems'], typed(String(total), 'integer'))
  graph.add(collection, ['hydra', 'itemsPerPage'], typed(String(PAGE_SIZE), 'integer'))
  const pageLinks: [string, string, number | null][] = [
    ['first', 'firstPage', 1],
    ['last', 'lastPage', last],
    ['next', 'nextPage', page < last ? page + 1 : null],
    ['previous', 'previousPage', page > 1 ? page - 1 : null],
  ]
  for (const [current, deprecated, target] of pageLinks) {
    if (target === null) continue
    graph.add(collection, ['hydra', current], namedNode(pageUrl(target)))
    graph.add(collection, ['hydra', deprecated], namedNode(pageUrl(target)))
  }

  await describeDatasets(graph, links, datasets)
  return { quads: graph.quads, modified }
}

/** One dataset's description (with its publisher, contact point and distributions); null when the portal has no such dataset. */
export async function datasetGraph(identifier: string, base: string): Promise<{ quads: Quad[]; modified: Date } | null> {
  const dataset = await tenantDb().from('opendata_public_datasets').where('identifier', identifier).first()
  if (!dataset) return null
  const publisher = await tenantDb().from('opendata_public_publishers').where('id', dataset.publisher_id).first()
  const graph = new Graph()
  await describeDatasets(graph, iris(base), [dataset])
  const modified = new Date(Math.max(new Date(dataset.updated_at).getTime(), new Date(publisher.updated_at).getTime()))
  return { quads: graph.quads, modified }
}
