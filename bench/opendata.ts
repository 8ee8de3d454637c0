/*
|--------------------------------------------------------------------------
| Open data benchmark
|--------------------------------------------------------------------------
|
| npm run bench:opendata   (BENCH_DB_DATABASE, default krai_bench_opendata)
|
| On its own database: a block and the portal. The block has a publisher
| profile and a dataset; a CSV of BENCH_OPENDATA_ROWS rows (default
| 1 000 000; 12 columns with latitude and longitude) is placed in the
| block's Drive with its `opendata_uploads` row (as the upload form would
| leave it), and BENCH_OPENDATA_DATASETS (5 000) datasets are seeded in SQL
| in the portal's own catalogue tables. Then, against the built production
| server and beside a bare route:
|
| - publication of a new version: from the publish request (signed in as
|   the block's head, JSON) to the rows loaded on the portal — the request
|   (read, validate, normalized CSV, SHA-256), the bus (in this process, as
|   the bus jobs would) and the rows job (`loadRows`, in this process, as
|   the queue would) — target < 60 s, with the server's peak RSS during the
|   request;
| - export throughput of the data file over HTTP in CSV (the stored file),
|   JSON and XML written as they are sent (before the later step) and kept
|   (after it), and CSV and JSON gzipped — target ≥ 100 000 rows/s each, the
|   server's RSS sampled every 50 ms (target < 200 MB);
| - `datastore_search` p95 with a filter and with `q` (target < 100 ms);
| - `package_search` over the catalogue: words, an fq, facets (target < 50 ms);
| - the map view's JSON for a viewport, if built (else "not built").
|
| The load average is printed with the figures (the machine may be shared).
|
*/

import './lib/environment.js'
import http from 'node:http'
import os from 'node:os'
import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { startBench } from './lib/boot.js'
import { analyzeTables } from './lib/analyze.js'
import { startServer } from './lib/build.js'
import { request, signIn, waitForServer } from './lib/http.js'
import { formatLatency, measurePage, p95Verdict, secondsSince, type Latency, loadAverage } from './lib/measure.js'

// the server runs from build/: both processes must see the same Drive folder
process.env.DRIVE_LOCATION = 'storage/bench_opendata'

const PORT = Number(process.env.BENCH_PORT || 3451)
const ROWS = Number(process.env.BENCH_OPENDATA_ROWS || 1_000_000)
const DATASETS = Number(process.env.BENCH_OPENDATA_DATASETS || 5_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100)
const PASSWORD = process.env.DEMO_PASSWORD!
const INN = '2308000077'
const NAME = 'culture_objects'
const IDENTIFIER = `${INN}-${NAME}`

const app = await startBench('krai_bench_opendata')
const { tenantProvisioner } = await import('#tenancy/tenant_provisioner')
const { tenantScope } = await import('#tenancy/tenant_scope')
const { tenantDb } = await import('#tenancy/tenant_model')
const { hostLabelFor } = await import('#tenancy/naming')
const { deliverNow } = await import('#bus/deliver_now')
const drive = (await import('@adonisjs/drive/services/main')).default
const hash = (await import('@adonisjs/core/services/hash')).default
const PublisherProfile = (await import('#modules/opendata/models/publisher_profile')).default
const Dataset = (await import('#modules/opendata/models/dataset')).default
const { uploadPrefix } = await import('#modules/opendata/services/files')
const { loadRows, prepareVersion } = await import('#modules/opendata/services/rows')

const portal = await tenantProvisioner.create({ slug: 'portal', kind: 'portal', nameRu: 'Портал', nameEn: 'Portal' })
const block = await tenantProvisioner.create({ slug: 'culture', kind: 'block', nameRu: 'Блок культуры', nameEn: 'Culture block' })
const portalHost = `${hostLabelFor(portal.slug)}.localhost`
const blockHost = `${hostLabelFor(block.slug)}.localhost`
const headEmail = 'head@culture.bench'

// ---- the table: 12 columns, coordinates in the Krasnodar region
const FIELDS = [
  { name: 'nomer', descriptionRu: 'Номер', descriptionEn: 'Number', type: 'integer' },
  { name: 'naimenovanie', descriptionRu: 'Наименование', descriptionEn: 'Name', type: 'string' },
  { name: 'kategoriya', descriptionRu: 'Категория', descriptionEn: 'Category', type: 'string' },
  { name: 'rayon', descriptionRu: 'Район', descriptionEn: 'District', type: 'string' },
  { name: 'adres', descriptionRu: 'Адрес', descriptionEn: 'Address', type: 'string' },
  { name: 'data_otkrytiya', descriptionRu: 'Дата открытия', descriptionEn: 'Opening date', type: 'date' },
  { name: 'ploshchad', descriptionRu: 'Площадь, м²', descriptionEn: 'Area, m²', type: 'decimal' },
  { name: 'mest', descriptionRu: 'Мест', descriptionEn: 'Seats', type: 'integer' },
  { name: 'dostupno', descriptionRu: 'Доступно для маломобильных', descriptionEn: 'Accessible', type: 'boolean' },
  { name: 'shirota', descriptionRu: 'Широта', descriptionEn: 'Latitude', type: 'latitude' },
  { name: 'dolgota', descriptionRu: 'Долгота', descriptionEn: 'Longitude', type: 'longitude' },
  { name: 'opisanie', descriptionRu: 'Описание', descriptionEn: 'Description', type: 'string' },
]
const CATEGORIES = ['библиотека', 'музей', 'театр', 'клуб', 'кинотеатр', 'школа искусств', 'парк', 'галерея', 'филармония', 'выставочный зал']
const STREETS = ['Красная', 'Северная', 'Садовая', 'Мира', 'Ленина', 'Кубанская', 'Пушкина', 'Горького', 'Советская', 'Длинная', 'Рашпилевская', 'Гоголя', 'Октябрьская', 'Школьная', 'Набережная', 'Полевая', 'Лесная', 'Степная', 'Луговая', 'Казачья']
const DISTRICTS = Array.from({ length: 50 }, (_, index) => `Район ${index + 1}`)

const folder = await mkdtemp(join(os.tmpdir(), 'krai-bench-opendata-'))
const csvPath = join(folder, 'objects.csv')
let started = performance.now()
{
  const out = createWriteStream(csvPath)
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)
  out.write(`${FIELDS.map((field) => quote(field.descriptionRu)).join(',')}\r\n`)
  let chunk = ''
  for (let row = 1; row <= ROWS; row++) {
    const street = STREETS[(row * 7) % STREETS.length]
    const category = CATEGORIES[row % CATEGORIES.length]
    const day = `${String(1 + (row % 28)).padStart(2, '0')}.${String(1 + (row % 12)).padStart(2, '0')}.${1950 + (row % 75)}`
    chunk += [
      row,
      `${category[0].toUpperCase()}${category.slice(1)} № ${row}`,
      category,
      DISTRICTS[row % DISTRICTS.length],
      quote(`г. Краснодар, ул. ${street}, д. ${1 + (row % 200)}`),
      day,
      quote((50 + (row % 5000) / 7).toFixed(2).replace('.', ',')),
      row % 300,
      row % 3 ? 'да' : 'нет',
      (43.5 + ((row * 37) % 10_000) / 3_000).toFixed(6),
      (37.5 + ((row * 53) % 10_000) / 2_500).toFixed(6),
      quote(`Объект ${category}, открыт в ${1950 + (row % 75)} году; ${row % 2 ? 'работает ежедневно' : 'работает по выходным'}`),
    ].join(',')
    chunk += '\r\n'
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}
const csvSize = (await stat(csvPath)).size
console.log(`wrote a ${ROWS}-row CSV (${(csvSize / 1024 / 1024).toFixed(0)} MB) in ${secondsSince(started).toFixed(1)} s`)

// ---- the block: its head, its publisher profile, the dataset, the upload as the form leaves it
const uploadId = await tenantScope.run(block, async () => {
  const db = tenantDb()
  const [user] = await db
    .table('users')
    .insert({ email: headEmail, full_name: 'Руководитель блока', password: await hash.make(PASSWORD), role: 'head', status: 'active', created_at: new Date(), updated_at: new Date() })
    .returning('id')
  await PublisherProfile.create({ inn: INN, nameRu: 'Министерство культуры', nameEn: 'Ministry of Culture', responsiblePerson: 'Петрова Анна Сергеевна', phone: '+78612000000', email: 'opendata@culture.bench' })
  const dataset = await Dataset.create({
    name: NAME,
    titleRu: 'Объекты культуры',
    titleEn: 'Culture objects',
    descriptionRu: 'Учреждения и объекты культуры края с адресами и координатами.',
    descriptionEn: 'Cultural institutions of the region with addresses and coordinates.',
    subject: 'culture',
    keywords: 'культура, музеи, библиотеки',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
    currentVersion: 0,
    currentStructure: 0,
    createdBy: Number(user.id ?? user),
  } as any)
  const key = `${uploadPrefix()}bench-objects.csv`
  await drive.use().putStream(key, createReadStream(csvPath))
  const [upload] = await db
    .table('opendata_uploads')
    .insert({ dataset_id: dataset.id, storage_key: key, file_name: 'objects.csv', extname: 'csv', fields: JSON.stringify(FIELDS), row_count: ROWS, uploaded_by: Number(user.id ?? user), created_at: new Date() })
    .returning('id')
  return { datasetId: dataset.id, id: Number(upload.id ?? upload) }
})
await rm(folder, { recursive: true, force: true })

// ---- the portal's catalogue: DATASETS datasets of 100 publishers, one version each (SQL)
started = performance.now()
await tenantScope.run(portal, async () => {
  const db = tenantDb()
  await db.rawQuery(
    `insert into opendata_public_publishers (origin_tenant, inn, name_ru, name_en, responsible_person, phone, email, updated_at)
     select 'body_' || g, lpad((2300000000 + g)::text, 10, '0'), 'Орган ' || g, 'Body ' || g, 'Иванов Иван', '+78612000000', 'body' || g || '@bench.test', now()
       from generate_series(1, 100) g`
  )
  await db.rawQuery(
    `insert into opendata_public_datasets (identifier, origin_tenant, origin_dataset_id, publisher_id, title_ru, title_en, description_ru, description_en,
                                           subject, keywords, licence, frequency, current_version, created_at, modified_at, updated_at)
     select p.inn || '-set_' || g, p.origin_tenant, g, p.id,
            (array['Реестр', 'Перечень', 'Сведения о', 'Список', 'Статистика'])[1 + g % 5] || ' ' ||
            (array['школ', 'дорог', 'больниц', 'парков', 'остановок', 'музеев', 'аптек', 'спортивных площадок', 'детских садов', 'библиотек'])[1 + (g / 5) % 10] || ' ' || g,
            (array['Registry', 'List', 'Facts on', 'Index', 'Statistics'])[1 + g % 5] || ' ' ||
            (array['schools', 'roads', 'hospitals', 'parks', 'stops', 'museums', 'pharmacies', 'sports grounds', 'kindergartens', 'libraries'])[1 + (g / 5) % 10] || ' ' || g,
            'Набор данных номер ' || g || ' о деятельности органа власти края, обновляется регулярно.',
            'Dataset number ' || g || ' on the work of a regional body, updated regularly.',
            (array['economy', 'education', 'health', 'transport', 'environment', 'culture', 'social', 'government', 'housing', 'other'])[1 + g % 10],
            (array['образование', 'транспорт', 'здоровье', 'культура', 'экология'])[1 + g % 5] || ', ' || (array['реестр', 'адреса', 'статистика'])[1 + g % 3],
            (array['cc-by-4.0', 'cc0-1.0', 'odc-by-1.0'])[1 + g % 3],
            (array['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'])[1 + g % 6],
            1, now() - (g || ' hours')::interval, now() - (g || ' minutes')::interval, now()
       from generate_series(1, ?) g join opendata_public_publishers p on p.id = 1 + g % 100`,
    [DATASETS]
  )
  await db.rawQuery(
    `insert into opendata_public_structures (dataset_id, number, stamp, fields, created_at)
     select id, 1, '20260101', '[{"name":"nazvanie","descriptionRu":"Название","descriptionEn":"Name","type":"string"}]', now() from opendata_public_datasets`
  )
  await db.rawQuery(
    `insert into opendata_public_versions (dataset_id, number, structure_number, data_stamp, origin_key, storage_key, size, row_count, sha256, change_note, published_at, rows_loaded_at)
     select id, 1, 1, '20260101', 'none', 'none', 100, 1, repeat('0', 64), 'Первая публикация', modified_at, now() from opendata_public_datasets`
  )
  await analyzeTables(db, ['opendata_public_publishers', 'opendata_public_datasets', 'opendata_public_structures', 'opendata_public_versions'])
})
console.log(`seeded ${DATASETS} catalogue datasets in the portal in ${secondsSince(started).toFixed(1)} s`)

// ---- the server
const server = startServer(PORT, { KRAI_BENCH_BARE_ROUTE: '1', DRIVE_LOCATION: '../storage/bench_opendata' })
const rssOfServer = () => {
  try {
    const match = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}
/** The server's peak RSS while `work` runs (sampled every 50 ms). */
async function peakRss<T>(work: () => Promise<T>) {
  let peak = rssOfServer()
  const sampler = setInterval(() => (peak = Math.max(peak, rssOfServer())), 50)
  try {
    const result = await work()
    return { result, peak: Math.max(peak, rssOfServer()) }
  } finally {
    clearInterval(sampler)
  }
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** GET streamed to nowhere: status, bytes, seconds, and the headers. */
function download(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; bytes: number; seconds: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const begin = performance.now()
    const req = http.get({ host: '127.0.0.1', port: PORT, path, headers: { host: portalHost, ...headers } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, seconds: (performance.now() - begin) / 1000, headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

const lines: string[] = []
const print = (line: string) => {
  lines.push(line)
  console.log(line)
}
try {
  await waitForServer(PORT)
  const cookie = await signIn(PORT, blockHost, headEmail, PASSWORD)
  const structurePage = `/opendata/office/datasets/${uploadId.datasetId}/uploads/${uploadId.id}`
  const page = await request(PORT, { path: structurePage, host: blockHost, headers: { cookie } })
  const csrf = page.body.match(/name='_csrf' value='([^']+)'/)?.[1]
  if (!csrf) throw new Error(`no CSRF token on ${structurePage} (${page.status})`)

  // ---- publication: the request, the bus, the rows
  const body = JSON.stringify({ fields: FIELDS, changeNote: 'Первая публикация (бенчмарк)' })
  const before = rssOfServer()
  started = performance.now()
  const { result: published, peak: publishPeak } = await peakRss(() =>
    request(PORT, {
      method: 'POST',
      path: `${structurePage}/publish`,
      host: blockHost,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    })
  )
  const requestSeconds = secondsSince(started)
  if (published.status !== 201) throw new Error(`publish answered ${published.status}: ${published.body.slice(0, 500)}`)
  const busStarted = performance.now()
  await deliverNow([block, portal])
  const busSeconds = secondsSince(busStarted)
  const loadStarted = performance.now()
  const version = await tenantScope.run(portal, async () => {
    const row = await tenantDb().from('opendata_public_versions as v').join('opendata_public_datasets as d', 'd.id', 'v.dataset_id').where('d.identifier', IDENTIFIER).select('v.id', 'v.data_stamp', 'd.id as dataset_id').first()
    if (!row) throw new Error('the version did not reach the portal')
    const loaded = await loadRows(row.id)
    if (!('loaded' in loaded) || loaded.loaded !== ROWS) throw new Error(`rows job: ${JSON.stringify(loaded)}`)
    return row
  })
  const loadSeconds = secondsSince(loadStarted)
  const publication = secondsSince(started)
  console.log(`published and loaded ${ROWS} rows in ${publication.toFixed(1)} s (request ${requestSeconds.toFixed(1)} s, bus ${busSeconds.toFixed(1)} s, rows ${loadSeconds.toFixed(1)} s; server RSS ${mb(before)} → peak ${mb(publishPeak)}; load average ${loadAverage()})`)
  // the rows just loaded get statistics as autovacuum would give them shortly (the runtime role cannot ANALYZE)
  await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['opendata_public_rows']))

  const structureStamp = await tenantScope.run(portal, async () => (await tenantDb().from('opendata_public_structures').where('dataset_id', version.dataset_id).first()).stamp)
  const dataPath = (format: string) => `/opendata/${IDENTIFIER}/data-${version.data_stamp}-structure-${structureStamp}.${format}`

  // ---- exports: JSON and XML first written from the CSV as they are sent, then kept by the rows job's later step
  const exports: { name: string; seconds: number; bytes: number; peak: number; status: number; length?: string }[] = []
  const exportOf = async (name: string, format: string, headers: Record<string, string>) => {
    const { result, peak } = await peakRss(() => download(dataPath(format), headers))
    exports.push({ name, seconds: result.seconds, bytes: result.bytes, peak, status: result.status, length: result.headers['content-length'] })
    console.log(`export ${name}: ${result.status}, ${result.bytes} bytes in ${result.seconds.toFixed(1)} s, ${Math.round(ROWS / result.seconds)} rows/s, server RSS peak ${mb(peak)}`)
  }
  const idleBefore = rssOfServer()
  await exportOf('CSV (stored file)', 'csv', {})
  await exportOf('JSON (written as sent)', 'json', {})
  await exportOf('XML (written as sent)', 'xml', {})
  started = performance.now()
  const prepared = await tenantScope.run(portal, () => prepareVersion(version.id))
  const prepareSeconds = secondsSince(started)
  console.log(`the rows job's later step (q's words, JSON and XML kept): ${prepareSeconds.toFixed(1)} s ${JSON.stringify(prepared)}`)
  await tenantScope.run(portal, () => analyzeTables(tenantDb(), ['opendata_public_row_words']))
  await exportOf('JSON (kept file)', 'json', {})
  await exportOf('XML (kept file)', 'xml', {})
  await exportOf('CSV, gzip', 'csv', { 'accept-encoding': 'gzip' })
  await exportOf('JSON, gzip', 'json', { 'accept-encoding': 'gzip' })
  // growth over idle: the server's RSS a few seconds after the exports (no collection forced)
  await new Promise((resolve) => setTimeout(resolve, 5000))
  const idleAfter = rssOfServer()

  // ---- searches
  const GZIP = { 'accept-encoding': 'gzip' }
  const measured = (path: string) => measurePage(PORT, { host: portalHost, path, samples: SAMPLES, headers: GZIP })
  const measure = (path: string) =>
    measured(path).catch((error: Error) => {
      print(`  FAILED ${path}: ${error.message.slice(0, 300)}`)
      return { p50: Number.NaN, p95: Number.NaN } as Latency
    })
  const action = (name: string, params: Record<string, unknown>) =>
    `/api/3/action/${name}?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)])).toString()}`
  const resource = `${IDENTIFIER}-v1-csv`
  const check = async (path: string) => {
    const answer = await request(PORT, { path, host: portalHost })
    return answer.status === 200 ? JSON.parse(answer.body) : { status: answer.status, body: answer.body.slice(0, 200) }
  }
  const filterPath = action('datastore_search', { resource_id: resource, filters: { rayon: 'Район 7' }, limit: 100 })
  const qPath = action('datastore_search', { resource_id: resource, q: 'Садовая', limit: 100 })
  const filterAnswer = await check(filterPath)
  const qAnswer = await check(qPath)
  const bare = await measure('/__bench/bare')
  console.log(`bare route ${formatLatency(bare)}`)
  const datastoreUnfiltered = await measure(action('datastore_search', { resource_id: resource, limit: 100, offset: 500_000 }))
  console.log(`datastoreUnfiltered ${formatLatency(datastoreUnfiltered)}`)
  const datastoreFilter = await measure(filterPath)
  console.log(`datastoreFilter ${formatLatency(datastoreFilter)}`)
  const datastoreQ = await measure(qPath)
  console.log(`datastoreQ ${formatLatency(datastoreQ)}`)
  const searchWords = await measure(action('package_search', { q: 'реестр школ', rows: 10 }))
  console.log(`searchWords ${formatLatency(searchWords)}`)
  const searchFacets = await measure(action('package_search', { fq: 'groups:education res_format:CSV', 'facet.field': ['organization', 'groups', 'tags', 'license_id'], rows: 20, sort: 'title asc' }))
  console.log(`searchFacets ${formatLatency(searchFacets)}`)
  const searchAll = await measure(action('package_search', { rows: 10, start: 100 }))
  console.log(`searchAll ${formatLatency(searchAll)}`)
  const searchCount = (await check(action('package_search', { rows: 0 }))).result?.count

  // the map view's viewport (another slice builds it)
  const bbox = '44.5,38.5,45.5,39.5'
  const mapProbe = await request(PORT, { path: `/opendata/${IDENTIFIER}/map.json?bbox=${bbox}`, host: portalHost })
  const map = mapProbe.status === 200 ? await measure(`/opendata/${IDENTIFIER}/map.json?bbox=${bbox}`) : null

  print('')
  print(`Krai open data benchmark (${ROWS} rows × 12 columns, ${DATASETS} catalogue datasets; ${SAMPLES} sequential requests each; load average ${loadAverage()})`)
  print(`  bare route (baseline)                      ${formatLatency(bare)}`)
  print(
    `  publication of a new version               ${publication.toFixed(1)} s (request ${requestSeconds.toFixed(1)} s, bus ${busSeconds.toFixed(1)} s, rows ${loadSeconds.toFixed(1)} s; ` +
      `server RSS ${mb(before)} → peak ${mb(publishPeak)}; target < 60 s: ${publication < 60 ? 'ok' : 'MISSED'})`
  )
  print(`  later step after the rows are visible       ${prepareSeconds.toFixed(1)} s (q's words indexed, JSON and XML kept beside the CSV; not part of the publication)`)
  print(`  server RSS idle before the exports ${mb(idleBefore)}, 5 s after them ${mb(idleAfter)}`)
  for (const result of exports) {
    const rate = ROWS / result.seconds
    const verdict = result.name.includes('gzip') ? '' : `; target ≥ 100 000 rows/s: ${rate >= 100_000 ? 'ok' : 'MISSED'}`
    print(
      `  export ${result.name.padEnd(36)}${result.status} ${(result.bytes / 1024 / 1024).toFixed(0)} MB${result.length ? ` (Content-Length ${result.length})` : ''} in ${result.seconds.toFixed(1)} s: ` +
        `${Math.round(rate).toLocaleString('en')} rows/s, server RSS peak ${mb(result.peak)}${verdict}; RSS < 200 MB: ${result.peak < 200 * 1024 * 1024 ? 'ok' : 'MISSED'}`
    )
  }
  const row = (name: string, result: Latency, target?: number, note = '') => print(`  ${name.padEnd(42)} ${formatLatency(result)}${target ? `  (${p95Verdict(result, target)})` : ''}${note}`)
  row('datastore_search, no filter, offset 500000', datastoreUnfiltered)
  row('datastore_search, filter rayon', datastoreFilter, 100, `  total ${filterAnswer.result?.total}${filterAnswer.result?.total_was_estimated ? ' (estimated)' : ''}`)
  row('datastore_search, q', datastoreQ, 100, `  total ${qAnswer.result?.total}${qAnswer.result?.total_was_estimated ? ' (estimated)' : ''}`)
  row(`package_search, all (${searchCount}), page 11`, searchAll, 50)
  row('package_search, q (two words)', searchWords, 50)
  row('package_search, fq + 4 facets, by title', searchFacets, 50)
  if (map) row(`map.json, viewport ${bbox}`, map)
  else print(`  map.json, viewport ${bbox}                not built (${mapProbe.status})`)
} finally {
  server.kill('SIGTERM')
  await drive.use().deleteAll('tenants').catch(() => {})
  await app.terminate()
}
