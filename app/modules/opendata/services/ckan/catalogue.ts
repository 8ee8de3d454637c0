import { tenantDb } from '#tenancy/tenant_model'
import { dataName, publicVersionsOf, type Format, type PublicVersionRow } from '#modules/opendata/services/methodology'
import { SUBJECTS } from '#modules/opendata/models/dataset'
import { notFound, searchQuery } from '#modules/opendata/services/ckan/errors'

/*
| The portal's open-data catalogue as CKAN sees it: a public dataset is a
| package (id and name are its identifier), its publisher an organization
| (named by the body's tenant slug), its subject a group, its keywords
| tags, and every version in every format a resource. A resource's id is
| `<identifier>-v<version>-<format>`: stable per version and format and
| readable back without a lookup table.
*/

export const FORMATS: Format[] = ['csv', 'json', 'xml']

const LICENSES: Record<string, { title: string; url: string }> = {
  'cc-by-4.0': { title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'cc0-1.0': { title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'odc-by-1.0': { title: 'Open Data Commons Attribution License 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/' },
}

const MIMETYPES: Record<Format, string> = { csv: 'text/csv', json: 'application/json', xml: 'application/xml' }

/** CKAN writes timestamps as naive ISO 8601 in UTC ("2026-03-15T10:00:00.123"). */
export function ckanTime(value: Date | string | null | undefined) {
  if (!value) return null
  return new Date(value).toISOString().replace(/Z$/, '')
}

/** Tags of a dataset: its keywords split at commas or semicolons, trimmed, without repeats. */
export function tagsOf(keywords: string) {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const part of keywords.split(/[,;]/)) {
    const tag = part.trim()
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase())
      tags.push(tag)
    }
  }
  return tags
}

export function resourceId(identifier: string, versionNumber: number, format: Format) {
  return `${identifier}-v${versionNumber}-${format}`
}

/** The identifier, version number and format a resource id names, or null. */
export function parseResourceId(id: string) {
  const match = id.match(/^(\d{10}(?:\d{2})?-[a-z0-9_]{1,64})-v(\d{1,9})-(csv|json|xml)$/)
  return match ? { identifier: match[1], number: Number(match[2]), format: match[3] as Format } : null
}

export interface CatalogueContext {
  /** The portal's origin, for absolute links. */
  base: string
  /** A subject's title in the request's language. */
  subjectTitle: (subject: string) => string
}

/** The versions (with their structures' stamps) of several datasets, newest first. */
async function versionsOf(datasetIds: number[]) {
  const byDataset = new Map<number, PublicVersionRow[]>()
  if (!datasetIds.length) return byDataset
  for (const row of await publicVersionsOf(datasetIds)) byDataset.set(row.dataset_id, [...(byDataset.get(row.dataset_id) ?? []), row])
  return byDataset
}

export function organizationDict(publisher: any, packageCount?: number) {
  return {
    id: publisher.origin_tenant,
    name: publisher.origin_tenant,
    title: publisher.name_ru,
    display_name: publisher.name_ru,
    description: publisher.name_en,
    image_url: '',
    type: 'organization',
    is_organization: true,
    state: 'active',
    approval_status: 'approved',
    created: ckanTime(publisher.updated_at),
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  }
}

export function groupDict(subject: string, context: CatalogueContext, packageCount?: number) {
  return {
    id: subject,
    name: subject,
    title: context.subjectTitle(subject),
    display_name: context.subjectTitle(subject),
    description: '',
    image_url: '',
    type: 'group',
    is_organization: false,
    state: 'active',
    approval_status: 'approved',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  }
}

function resourceDict(dataset: any, version: PublicVersionRow, format: Format, position: number, current: boolean, context: CatalogueContext) {
  const csv = format === 'csv'
  return {
    id: resourceId(dataset.identifier, version.number, format),
    package_id: dataset.identifier,
    name: `${dataName(version)}.${format}`,
    description: version.change_note,
    format: format.toUpperCase(),
    mimetype: MIMETYPES[format],
    url: `${context.base}/opendata/${dataset.identifier}/${dataName(version)}.${format}`,
    url_type: null,
    // the stored file is the CSV; JSON and XML are written from its rows on request
    size: csv ? Number(version.size) : null,
    hash: csv ? version.sha256 : '',
    created: ckanTime(version.published_at),
    last_modified: ckanTime(version.published_at),
    metadata_modified: ckanTime(version.published_at),
    position,
    state: 'active',
    datastore_active: current && csv && !!version.rows_loaded_at,
    version: version.number,
    row_count: version.row_count,
    structure: `structure-${version.structure_stamp}.csv`,
  }
}

function packageDict(dataset: any, publisher: any, versions: PublicVersionRow[], context: CatalogueContext) {
  const tags = tagsOf(dataset.keywords)
  const license = LICENSES[dataset.licence]
  const latest = versions[0]
  const resources = versions.flatMap((version) => FORMATS.map((format) => ({ version, format })))
    .map(({ version, format }, position) => resourceDict(dataset, version, format, position, version.number === latest?.number, context))
  const extras: [string, unknown][] = [
    ['title_en', dataset.title_en],
    ['description_en', dataset.description_en],
    ['frequency', dataset.frequency],
    ['provenance', latest?.change_note ?? dataset.provenance ?? ''],
    ['valid_until', dataset.valid_until ? String(dataset.valid_until instanceof Date ? dataset.valid_until.toISOString().slice(0, 10) : dataset.valid_until).slice(0, 10) : ''],
    ['publisher_inn', publisher.inn],
    ['publisher_name_en', publisher.name_en],
    ['publisher_contact', publisher.responsible_person],
    ['publisher_phone', publisher.phone],
    ['publisher_email', publisher.email],
    ['standard', 'http://opendata.gosmonitor.ru/standard/3.0'],
    ['meta_url', `${context.base}/opendata/${dataset.identifier}/meta.json`],
  ]
  return {
    id: dataset.identifier,
    name: dataset.identifier,
    title: dataset.title_ru,
    notes: dataset.description_ru,
    type: 'dataset',
    state: 'active',
    private: false,
    url: `${context.base}/opendata/${dataset.identifier}`,
    version: latest ? String(latest.number) : null,
    author: publisher.name_ru,
    author_email: null,
    maintainer: publisher.responsible_person,
    maintainer_email: publisher.email,
    license_id: dataset.licence,
    license_title: license?.title ?? dataset.licence,
    license_url: license?.url ?? '',
    isopen: !!license,
    owner_org: publisher.origin_tenant,
    organization: organizationDict(publisher),
    groups: [groupDict(dataset.subject, context)],
    tags: tags.map((name) => ({ id: name, name, display_name: name, state: 'active', vocabulary_id: null })),
    num_tags: tags.length,
    metadata_created: ckanTime(dataset.created_at),
    metadata_modified: ckanTime(dataset.modified_at),
    extras: extras.map(([key, value]) => ({ key, value: value === null || value === undefined ? '' : String(value) })),
    resources,
    num_resources: resources.length,
  }
}

/** Package dicts of these dataset rows, in their order. */
async function packageDicts(datasets: any[], context: CatalogueContext) {
  const [versions, publishers] = await Promise.all([
    versionsOf(datasets.map((dataset) => dataset.id)),
    tenantDb().from('opendata_public_publishers').whereIn('id', [...new Set(datasets.map((dataset) => dataset.publisher_id))]),
  ])
  const publisherById = new Map(publishers.map((publisher: any) => [publisher.id, publisher]))
  return datasets.map((dataset) => packageDict(dataset, publisherById.get(dataset.publisher_id), versions.get(dataset.id) ?? [], context))
}

// ---- actions ----

export async function packageList(limit: number | undefined, offset: number) {
  const query = tenantDb().from('opendata_public_datasets').orderBy('identifier').offset(offset).select('identifier')
  if (limit !== undefined) query.limit(limit)
  return (await query).map((row: any) => row.identifier as string)
}

async function datasetBy(id: string) {
  const dataset = await tenantDb().from('opendata_public_datasets').where('identifier', id).first()
  if (!dataset) throw notFound()
  return dataset
}

export async function packageShow(id: string, context: CatalogueContext) {
  return (await packageDicts([await datasetBy(id)], context))[0]
}

export async function resourceShow(id: string, context: CatalogueContext) {
  const parsed = parseResourceId(id)
  const dataset = parsed && (await tenantDb().from('opendata_public_datasets').where('identifier', parsed.identifier).first())
  const resource = dataset && (await packageDicts([dataset], context))[0].resources.find((candidate) => candidate.id === id)
  if (!resource) throw notFound('Resource was not found.')
  return resource
}

async function publisherCounts() {
  return tenantDb()
    .from('opendata_public_publishers as p')
    .leftJoin('opendata_public_datasets as d', 'd.publisher_id', 'p.id')
    .groupBy('p.id')
    .orderBy('p.origin_tenant')
    .select('p.*')
    .count('d.id as package_count')
}

export async function organizationList(allFields: boolean, limit: number | undefined, offset: number) {
  const rows = (await publisherCounts()).slice(offset, limit === undefined ? undefined : offset + limit)
  return allFields ? rows.map((row: any) => organizationDict(row, Number(row.package_count))) : rows.map((row: any) => row.origin_tenant as string)
}

export async function organizationShow(id: string, includeDatasets: boolean, context: CatalogueContext) {
  const publisher = (await publisherCounts()).find((row: any) => row.origin_tenant === id)
  if (!publisher) throw notFound()
  const dict: Record<string, unknown> = { ...organizationDict(publisher, Number(publisher.package_count)), extras: [{ key: 'inn', value: publisher.inn }], users: [] }
  if (includeDatasets) {
    const datasets = await tenantDb().from('opendata_public_datasets').where('publisher_id', publisher.id).orderBy('identifier').limit(1000)
    dict.packages = await packageDicts(datasets, context)
  }
  return dict
}

async function subjectCounts() {
  const rows = await tenantDb().from('opendata_public_datasets').groupBy('subject').select('subject').count('* as total')
  return new Map(rows.map((row: any) => [row.subject as string, Number(row.total)]))
}

/** Every subject is a group, datasets or not (the catalogue's fixed list), by name. */
export async function groupList(allFields: boolean, limit: number | undefined, offset: number, context: CatalogueContext) {
  const counts = await subjectCounts()
  const names = [...SUBJECTS].sort().slice(offset, limit === undefined ? undefined : offset + limit)
  return allFields ? names.map((subject) => groupDict(subject, context, counts.get(subject) ?? 0)) : names
}

export async function groupShow(id: string, context: CatalogueContext) {
  if (!(SUBJECTS as readonly string[]).includes(id)) throw notFound()
  return groupDict(id, context, (await subjectCounts()).get(id) ?? 0)
}

/** Every tag of the catalogue, by name; `query` keeps those containing it. */
export async function tagList(query: string | undefined, allFields: boolean) {
  const rows = await tenantDb().from('opendata_public_datasets').select('keywords')
  const tags = new Map<string, string>()
  for (const row of rows) for (const tag of tagsOf(row.keywords)) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag)
  const needle = query?.toLowerCase()
  const names = [...tags.values()].filter((tag) => !needle || tag.toLowerCase().includes(needle)).sort((a, b) => a.localeCompare(b))
  return allFields ? names.map((name) => ({ id: name, name, vocabulary_id: null })) : names
}

// ---- package_search ----

export const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const
type FacetField = (typeof FACET_FIELDS)[number]
const FQ_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'name'] as const

export interface SearchOptions {
  q?: string
  fq?: string
  rows: number
  start: number
  sort?: string
  facetFields: string[]
  facetLimit: number
}

/** The SQL order of each sort CKAN clients send (the identifier breaks ties; titles in Russian collation). */
const SORTS: Record<string, string> = {
  'metadata_modified desc': 'd.modified_at desc, d.identifier asc',
  'metadata_modified asc': 'd.modified_at asc, d.identifier asc',
  'metadata_created desc': 'd.created_at desc, d.identifier asc',
  'metadata_created asc': 'd.created_at asc, d.identifier asc',
  'title asc': 'd.title_ru collate "ru-x-icu" asc, d.identifier asc',
  'title desc': 'd.title_ru collate "ru-x-icu" desc, d.identifier asc',
  'name asc': 'd.identifier asc',
  'name desc': 'd.identifier desc',
}
/** CKAN's default; there is no relevance score here, so it is `metadata_modified desc`. */
const DEFAULT_SORT = 'score desc, metadata_modified desc'

/** `key:value` terms of fq (a value may be quoted; a leading `+` is allowed), all of which must hold. */
function parseFq(fq: string) {
  const terms: { key: string; value: string }[] = []
  const pattern = /\+?([a-z_]+):(?:"([^"]*)"|(\S+))|(\S+)/g
  for (const match of fq.matchAll(pattern)) {
    if (match[4] !== undefined) throw searchQuery(`fq term ${JSON.stringify(match[4])} is not field:value`)
    const key = match[1]
    if (!(FQ_FIELDS as readonly string[]).includes(key)) throw searchQuery(`fq field ${JSON.stringify(key)} is not supported (${FQ_FIELDS.join(', ')})`)
    terms.push({ key, value: match[2] ?? match[3] })
  }
  return terms
}

/** The text package_search's `q` is matched in (the expression of the GIN index of migration 1730). */
const DATASET_TEXT = `to_tsvector('russian', d.title_ru || ' ' || d.title_en || ' ' || d.description_ru || ' ' || d.description_en || ' ' || d.keywords)`

/** A dataset's tags in SQL: its keywords split at `,` or `;`, trimmed, the first spelling of each (as tagsOf). */
const TAGS_OF = `(select distinct on (lower(btrim(part))) btrim(part) as tag from regexp_split_to_table(d.keywords, '[,;]') with ordinality as split(part, position)
   where btrim(part) <> '' order by lower(btrim(part)), position)`

/**
 * CKAN's package_search in SQL: the words (full-text over titles,
 * descriptions and keywords in both languages, each word a prefix, Russian
 * stemming; indexed), the fq terms, the sort and the page are the query;
 * the count and each facet are counted by PostgreSQL over the same match.
 * Nothing is loaded but the page.
 */
export async function packageSearch(options: SearchOptions, context: CatalogueContext) {
  const sortKey = (options.sort ?? DEFAULT_SORT).trim().replace(/\s+/g, ' ').toLowerCase()
  const order = SORTS[sortKey === DEFAULT_SORT ? 'metadata_modified desc' : sortKey]
  if (!order) throw searchQuery(`sort ${JSON.stringify(options.sort)} is not supported (${Object.keys(SORTS).join(', ')})`)
  const facetFields = options.facetFields as FacetField[]
  const unknownFacet = facetFields.find((field) => !(FACET_FIELDS as readonly string[]).includes(field))
  if (unknownFacet) throw searchQuery(`facet.field ${JSON.stringify(unknownFacet)} is not supported (${FACET_FIELDS.join(', ')})`)
  const terms = options.fq ? parseFq(options.fq) : []

  const where: string[] = []
  const bindings: (string | number)[] = []
  const q = options.q?.trim()
  if (q && q !== '*:*') {
    const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 20)
    if (!words.length) where.push('false')
    else {
      where.push(`${DATASET_TEXT} @@ to_tsquery('russian', ?)`)
      bindings.push(words.map((word) => `${word}:*`).join(' & '))
    }
  }
  for (const term of terms) {
    switch (term.key) {
      case 'organization':
        where.push('p.origin_tenant = ?')
        bindings.push(term.value)
        break
      case 'groups':
        where.push('d.subject = ?')
        bindings.push(term.value)
        break
      case 'license_id':
        where.push('d.licence = ?')
        bindings.push(term.value)
        break
      case 'name':
        where.push('d.identifier = ?')
        bindings.push(term.value)
        break
      case 'tags':
        where.push(`exists (select 1 from regexp_split_to_table(d.keywords, '[,;]') as part where lower(btrim(part)) = lower(?))`)
        bindings.push(term.value)
        break
      case 'res_format':
        // every version is served in every format
        where.push(FORMATS.includes(term.value.toLowerCase() as Format) ? 'exists (select 1 from opendata_public_versions v where v.dataset_id = d.id)' : 'false')
        break
    }
  }
  const from = 'from opendata_public_datasets d join opendata_public_publishers p on p.id = d.publisher_id'
  const whereSql = where.length ? ` where ${where.map((part) => `(${part})`).join(' and ')}` : ''
  const matched = `${from}${whereSql}`
  const db = tenantDb()
  const [pageRows, countRow] = await Promise.all([
    db.rawQuery(`select d.id ${matched} order by ${order} limit ? offset ?`, [...bindings, options.rows, options.start]),
    db.rawQuery(`select count(*) as total ${matched}`, bindings),
  ])

  const facets: Record<string, Record<string, number>> = {}
  const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {}
  const FACET_SQL: Record<FacetField, string> = {
    organization: `select p.origin_tenant as name, min(p.name_ru) as display, count(*) as total ${matched} group by p.origin_tenant`,
    groups: `select d.subject as name, count(*) as total ${matched} group by d.subject`,
    license_id: `select d.licence as name, count(*) as total ${matched} group by d.licence`,
    tags: `select tags.tag as name, count(*) as total ${from} cross join lateral ${TAGS_OF} as tags${whereSql} group by tags.tag`,
    res_format: `select count(*) as total ${matched} ${where.length ? 'and' : 'where'} exists (select 1 from opendata_public_versions v where v.dataset_id = d.id)`,
  }
  const counted = await Promise.all(
    facetFields.map(async (field) => {
      const rows = (await db.rawQuery(FACET_SQL[field], bindings)).rows as { name?: string; display?: string; total: string }[]
      if (field === 'res_format') return { field, rows: Number(rows[0]?.total) ? FORMATS.map((format) => ({ name: format.toUpperCase(), display: undefined as string | undefined, total: rows[0].total })) : [] }
      return { field, rows }
    })
  )
  for (const { field, rows } of counted) {
    const ordered = rows.map((row) => ({ name: String(row.name), display: row.display, count: Number(row.total) })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    const kept = options.facetLimit < 0 ? ordered : ordered.slice(0, options.facetLimit)
    const displayName = (item: (typeof kept)[number]) => (field === 'organization' ? (item.display ?? item.name) : field === 'groups' ? context.subjectTitle(item.name) : item.name)
    facets[field] = Object.fromEntries(kept.map((item) => [item.name, item.count]))
    searchFacets[field] = { title: field, items: kept.map((item) => ({ name: item.name, display_name: displayName(item), count: item.count })) }
  }

  const ids = (pageRows.rows as { id: number }[]).map((row) => row.id)
  const full = ids.length ? await db.from('opendata_public_datasets').whereIn('id', ids) : []
  const byId = new Map(full.map((row: any) => [row.id, row]))
  return {
    count: Number(countRow.rows[0].total),
    sort: options.sort ?? DEFAULT_SORT,
    facets,
    search_facets: searchFacets,
    results: await packageDicts(ids.map((id) => byId.get(id)), context),
  }
}
