import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { postJson } from '#tests/helpers/http'
import { postFile } from '#tests/helpers/uploads'
import { problemsBlock, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, cp1251Csv, givePublisherProfile, loadPortalRows } from '#tests/helpers/opendata'
import { mapSettings } from '#modules/opendata/services/views/map'

/*
| The portal's views of a dataset: the table (sort, filters, keyset pages),
| map.json (points, or a grid of counts past the point limit), the chart
| (SQL aggregates), the embeddable pages and their frame headers, and the
| 422/404 answers. A block publishes two datasets over HTTP (120 located
| road works, then a version 2; school seats without coordinates).
*/

let portal: ProblemsPortal
let block: ProblemsBlock
const INN = '2308000123'
const WORKS = `${INN}-works`
const SCHOOLS = `${INN}-schools`
const DISTRICTS = ['Центральный', 'Западный', 'Карасунский']
const COUNT = 120

interface Work {
  name: string
  district: string
  amount: number
  length: number
  day: string
  lat: number | null
  lon: number | null
}

/** Row i (1-based): every tenth row has no coordinates; dates spread over January–April 2026. */
function work(i: number): Work {
  const located = i % 10 !== 0
  return {
    name: `Объект ${i}${i === 7 ? ' (МОСТ)' : ''}`,
    district: DISTRICTS[i % 3],
    amount: i,
    length: (i % 7) + 0.5,
    day: `2026-0${(i % 4) + 1}-${String((i % 28) + 1).padStart(2, '0')}`,
    lat: located ? 45 + i * 0.001 : null,
    lon: located ? 39 + i * 0.001 : null,
  }
}
const WORKS_ROWS = Array.from({ length: COUNT }, (_, index) => work(index + 1))

function worksCsv(rows: Work[]) {
  return cp1251Csv([
    ['Объект', 'Район', 'Количество', 'Длина', 'Дата', 'Широта', 'Долгота'],
    ...rows.map((row) => {
      const [year, month, day] = row.day.split('-')
      return [row.name, row.district, String(row.amount), String(row.length).replace('.', ','), `${day}.${month}.${year}`, row.lat === null ? '' : row.lat.toFixed(4), row.lon === null ? '' : row.lon.toFixed(4)]
    }),
  ])
}

const WORKS_FIELDS = [
  ['name', 'Объект', 'Object', 'string'],
  ['district', 'Район', 'District', 'string'],
  ['amount', 'Количество', 'Amount', 'integer'],
  ['length', 'Длина', 'Length', 'decimal'],
  ['day', 'Дата', 'Date', 'date'],
  ['lat', 'Широта', 'Latitude', 'latitude'],
  ['lon', 'Долгота', 'Longitude', 'longitude'],
]

async function publishDataset(client: ApiClient, session: string, name: string, title: string, versions: { file: Buffer; fields: string[][] | null }[]) {
  const created = await postJson(client, block.host, session, '/opendata/office/datasets/new', '/opendata/office/datasets', {
    name,
    titleRu: title,
    titleEn: `${title} (en)`,
    descriptionRu: 'Описание набора.',
    descriptionEn: 'The dataset.',
    subject: 'transport',
    keywords: 'дороги',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
  })
  created.assertStatus(201)
  const page = `/opendata/office/datasets/${created.body().data.id}`
  for (const [number, version] of versions.entries()) {
    const uploaded = await postFile(client, { host: block.host, session, page, action: `${page}/uploads` }, { buffer: version.file, name: 'data.csv' }, {}, { json: true })
    uploaded.assertStatus(201)
    const { id, fields } = uploaded.body().data
    const form: Record<string, string> = { changeNote: `Версия ${number + 1}` }
    fields.forEach((field: any, index: number) => {
      const given = version.fields?.[index]
      form[`fields[${index}][name]`] = given?.[0] ?? field.name
      form[`fields[${index}][descriptionRu]`] = given?.[1] ?? field.descriptionRu
      form[`fields[${index}][descriptionEn]`] = given?.[2] ?? field.descriptionEn
      form[`fields[${index}][type]`] = given?.[3] ?? field.type
    })
    const published = await postJson(client, block.host, session, `${page}/uploads/${id}`, `${page}/uploads/${id}/publish`, form)
    published.assertStatus(201)
  }
}

function get(client: ApiClient, path: string, json = false) {
  const request = anonymousGet(client, portal.host, path)
  return json ? request.header('accept', 'application/json') : request
}

/** Every row of the table view, following its `next` links from a first URL (JSON). */
async function allPages(client: ApiClient, first: string) {
  const rows: any[] = []
  let path: string | null = first
  let pages = 0
  while (path) {
    const response = await get(client, path, true)
    response.assertStatus(200)
    rows.push(...response.body().rows)
    const next: string | null = response.body().next
    path = next ? `${first}${first.includes('?') ? '&' : '?'}after=${next}` : null
    if (++pages > 20) throw new Error('too many pages')
  }
  return { rows, pages }
}

test.group('Open data | views: table, map, chart, embed', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('odv_portal')
    block = await problemsBlock('odv_block')
    await givePublisherProfile(block.tenant, INN)
  })

  test('a block publishes the datasets; the portal loads their rows', async ({ assert, client }) => {
    const session = await sessionOf(client, block.host, block.roadsHead.email)
    // version 1: the first 60 rows; version 2: all 120 (the views show the latest unless asked)
    await publishDataset(client, session, 'works', 'Дорожные работы', [
      { file: worksCsv(WORKS_ROWS.slice(0, 60)), fields: WORKS_FIELDS },
      { file: worksCsv(WORKS_ROWS), fields: WORKS_FIELDS },
    ])
    await publishDataset(client, session, 'schools', 'Школы', [{ file: cp1251Csv([['Школа', 'Мест'], ['Школа № 1', '120'], ['Школа № 2', '80']]), fields: [['school', 'Школа', 'School', 'string'], ['seats', 'Мест', 'Seats', 'integer']] }])
    await pump([portal.tenant, block.tenant])
    assert.equal(await loadPortalRows(portal.tenant, block.tenant), 3)
  })

  test('table: keyset pages cover every row once; the page is accessible markup', async ({ assert, client }) => {
    const { rows, pages } = await allPages(client, `/opendata/${WORKS}/table`)
    assert.equal(pages, 5, '120 rows by 25')
    assert.deepEqual(
      rows.map((row) => row._id),
      WORKS_ROWS.map((_, index) => index + 1)
    )
    assert.equal(rows[6].name, 'Объект 7 (МОСТ)')

    const page = await get(client, `/opendata/${WORKS}/table`)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '<caption>Дорожные работы: строки версии 2</caption>')
    assert.match(html, /<div class="table-wrap opendata-table" tabindex="0" role="region" aria-label="[^"]+">/)
    assert.equal((html.match(/<th scope="col"/g) ?? []).length, 1 + 7)
    assert.equal((html.match(/<th scope="row"/g) ?? []).length, 25)
    assert.include(html, 'Строк: 120')
    assert.include(html, 'for="filter-district"')
    assert.notInclude(html, 'aria-sort=')
    // a version asked for by number
    const first = await allPages(client, `/opendata/${WORKS}/table?version=1`)
    assert.equal(first.rows.length, 60)
    ;(await get(client, `/opendata/${WORKS}/table?version=9`)).assertStatus(404)
    ;(await get(client, `/opendata/${INN}-nothing/table`)).assertStatus(404)
  })

  test('table: sorting by a number, a decimal and a date sorts by value, both ways, across pages', async ({ assert, client }) => {
    const byAmount = await allPages(client, `/opendata/${WORKS}/table?sort=amount&dir=desc`)
    assert.deepEqual(
      byAmount.rows.map((row) => Number(row.amount)),
      WORKS_ROWS.map((row) => row.amount).sort((a, b) => b - a)
    )
    // equal values keep the row order; pages neither repeat nor skip rows
    const byLength = await allPages(client, `/opendata/${WORKS}/table?sort=length&dir=asc`)
    const expected = WORKS_ROWS.map((row, index) => ({ ...row, id: index + 1 })).sort((a, b) => a.length - b.length || a.id - b.id)
    assert.deepEqual(
      byLength.rows.map((row) => row._id),
      expected.map((row) => row.id)
    )
    const byDay = await allPages(client, `/opendata/${WORKS}/table?sort=day&dir=desc`)
    const days = byDay.rows.map((row) => row.day)
    assert.deepEqual(days, [...WORKS_ROWS.map((row) => row.day)].sort().reverse())
    // empty cells last: latitude ascending ends with the 12 rows without coordinates
    const byLat = await allPages(client, `/opendata/${WORKS}/table?sort=lat&dir=asc`)
    assert.deepEqual(
      byLat.rows.slice(-12).map((row) => row._id),
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]
    )
    assert.equal(byLat.rows[0]._id, 1)

    const html = (await get(client, `/opendata/${WORKS}/table?sort=amount&dir=desc`)).text()
    assert.match(html, /<th scope="col" data-field="amount" aria-sort=descending>/)
    assert.include(html, `href="/opendata/${WORKS}/table?sort=amount&amp;dir=asc"`)
  })

  test('table: filters — text contains (any case), numbers and dates equal (a date typed ДД.ММ.ГГГГ)', async ({ assert, client }) => {
    const west = await allPages(client, `/opendata/${WORKS}/table?filter[district]=запад`)
    assert.deepEqual(
      west.rows.map((row) => row._id),
      WORKS_ROWS.flatMap((row, index) => (row.district === 'Западный' ? [index + 1] : []))
    )
    const bridge = await get(client, `/opendata/${WORKS}/table?filter[name]=мост`, true)
    assert.deepEqual(
      bridge.body().rows.map((row: any) => row._id),
      [7]
    )
    assert.equal(bridge.body().total, 1)
    const amount = await get(client, `/opendata/${WORKS}/table?filter[amount]=42`, true)
    assert.deepEqual(
      amount.body().rows.map((row: any) => row._id),
      [42]
    )
    const length = await get(client, `/opendata/${WORKS}/table?filter[length]=3,5&filter[district]=центр`, true)
    assert.deepEqual(
      length.body().rows.map((row: any) => row._id),
      WORKS_ROWS.flatMap((row, index) => (row.length === 3.5 && row.district === 'Центральный' ? [index + 1] : []))
    )
    const day = WORKS_ROWS[4].day
    const [year, month, date] = day.split('-')
    const byDay = await get(client, `/opendata/${WORKS}/table?filter[day]=${date}.${month}.${year}`, true)
    assert.deepEqual(
      byDay.body().rows.map((row: any) => row.day),
      WORKS_ROWS.filter((row) => row.day === day).map((row) => row.day)
    )
    assert.isAbove(byDay.body().rows.length, 0)
    const html = (await get(client, `/opendata/${WORKS}/table?filter[name]=нет+такого`)).text()
    assert.include(html, 'Нет строк, подходящих под фильтры.')
    assert.include(html, 'Строк: 0')
  })

  test('table: bad input is 422 with per-field messages (JSON, the page, English)', async ({ assert, client }) => {
    const bad = await get(client, `/opendata/${WORKS}/table?filter[amount]=много&sort=nope&dir=up&after=%%%`, true)
    bad.assertStatus(422)
    assert.deepEqual(bad.body().errors.map((error: any) => error.field).sort(), ['after', 'dir', 'filter.amount', 'sort'])
    assert.include(bad.body().errors.find((error: any) => error.field === 'filter.amount').message, 'ожидается целое число')
    const page = await get(client, `/opendata/${WORKS}/table?filter[day]=31.02.2026`)
    page.assertStatus(422)
    assert.include(page.text(), 'Дата: ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ')
    assert.include(page.text(), 'aria-invalid=true')
    const english = await get(client, `/opendata/${WORKS}/table?filter[nope]=1`, true).header('x-locale', 'en')
    english.assertStatus(422)
    assert.equal(english.body().errors[0].message, 'The dataset’s structure has no field “nope”')
    ;(await get(client, `/opendata/${WORKS}/table?version=x`, true)).assertStatus(422)
  })

  test('map.json: the points of a viewport, each with its row and first fields; CORS; no session', async ({ assert, client }) => {
    const all = await get(client, `/opendata/${WORKS}/map.json?bbox=44,38,46,40`)
    all.assertStatus(200)
    assert.equal(all.header('access-control-allow-origin'), '*')
    assert.isUndefined(all.header('set-cookie'))
    const body = all.body()
    assert.equal(body.type, 'FeatureCollection')
    assert.isFalse(body.aggregated)
    const located = WORKS_ROWS.flatMap((row, index) => (row.lat === null ? [] : [index + 1]))
    assert.deepEqual(
      body.features.map((feature: any) => feature.properties.row),
      located
    )
    const seventh = body.features.find((feature: any) => feature.properties.row === 7)
    assert.deepEqual(seventh.geometry, { type: 'Point', coordinates: [39.007, 45.007] })
    assert.deepEqual(seventh.properties.fields, [
      { label: 'Объект', value: 'Объект 7 (МОСТ)' },
      { label: 'Район', value: 'Западный' },
      { label: 'Количество', value: '7' },
    ])
    // a smaller viewport: rows 1–30 lie within 45.000…45.030
    const part = await get(client, `/opendata/${WORKS}/map.json?bbox=45,39,45.0305,39.0305`)
    assert.deepEqual(
      part.body().features.map((feature: any) => feature.properties.row),
      located.filter((row) => row <= 30)
    )
    // version 1 has 60 rows
    const older = await get(client, `/opendata/${WORKS}/map.json?bbox=44,38,46,40&version=1`)
    assert.lengthOf(older.body().features, located.filter((row) => row <= 60).length)
  })

  test('map.json: past the point limit the viewport is a grid of counts that add up to its rows', async ({ assert, client }) => {
    const saved = { ...mapSettings }
    mapSettings.pointLimit = 50
    try {
      const grid = await get(client, `/opendata/${WORKS}/map.json?bbox=44.99,38.99,45.13,39.13`)
      grid.assertStatus(200)
      const body = grid.body()
      assert.isTrue(body.aggregated)
      assert.isBelow(body.features.length, 108)
      assert.isAbove(body.features.length, 1)
      assert.equal(
        body.features.reduce((sum: number, feature: any) => sum + feature.properties.count, 0),
        108
      )
      for (const feature of body.features) {
        const [lon, lat] = feature.geometry.coordinates
        assert.isTrue(lat >= 44.99 && lat <= 45.13 && lon >= 38.99 && lon <= 39.13, 'a cell lies in the viewport')
        assert.notProperty(feature.properties, 'row')
      }
      assert.isFalse(body.approximate)
      // a viewport holding fewer rows than the limit still gets points
      const few = await get(client, `/opendata/${WORKS}/map.json?bbox=45,39,45.0305,39.0305`)
      assert.isFalse(few.body().aggregated)

      // a version too large for exact cells is sampled (here every page: the counts still add up)
      Object.assign(mapSettings, { exactGridRows: 100, sampleRows: 1000 })
      const sampled = (await get(client, `/opendata/${WORKS}/map.json?bbox=44.99,38.99,45.13,39.13`)).body()
      assert.isTrue(sampled.aggregated)
      assert.isTrue(sampled.approximate)
      const sorted = (features: any[]) => [...features].sort((a, b) => a.geometry.coordinates[0] - b.geometry.coordinates[0] || a.geometry.coordinates[1] - b.geometry.coordinates[1])
      assert.deepEqual(sorted(sampled.features), sorted(body.features))
    } finally {
      Object.assign(mapSettings, saved)
    }
  })

  test('map: 422 on a malformed bbox, 404 without located rows; the page links the table without JavaScript', async ({ assert, client }) => {
    for (const bbox of ['', '1,2,3', '46,38,44,40', 'a,b,c,d', '44,38,46,200']) {
      const response = await get(client, `/opendata/${WORKS}/map.json?bbox=${bbox}`)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'bbox')
    }
    ;(await get(client, `/opendata/${SCHOOLS}/map.json?bbox=44,38,46,40`)).assertStatus(404)
    ;(await get(client, `/opendata/${SCHOOLS}/map`)).assertStatus(404)
    const page = await get(client, `/opendata/${WORKS}/map`)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, `data-source="/opendata/${WORKS}/map.json"`)
    assert.include(html, 'data-bounds="[45.001,39.001,45.119,39.119]"')
    assert.match(html, /<noscript><p>[^<]+<a href="\/opendata\/2308000123-works\/table">/)
    assert.include(html, 'opendata_map.js')
    // the schools' views offer no map
    assert.notInclude((await get(client, `/opendata/${SCHOOLS}/table`)).text(), `/opendata/${SCHOOLS}/map`)
  })

  test('chart: counts, sums and averages by category and by month, computed in SQL; an accessible SVG with its table', async ({ assert, client }) => {
    const counts = await get(client, `/opendata/${WORKS}/chart?x=district`, true)
    counts.assertStatus(200)
    const expectedCounts = DISTRICTS.map((district) => ({ key: district, value: WORKS_ROWS.filter((row) => row.district === district).length }))
    assert.sameDeepMembers(counts.body().bars, expectedCounts)
    const sums = await get(client, `/opendata/${WORKS}/chart?x=district&y=length&agg=sum`, true)
    const sumOf = (district: string) => WORKS_ROWS.filter((row) => row.district === district).reduce((sum, row) => sum + row.length, 0)
    assert.deepEqual(
      sums.body().bars,
      DISTRICTS.map((district) => ({ key: district, value: sumOf(district) })).sort((a, b) => b.value - a.value)
    )
    const averages = await get(client, `/opendata/${WORKS}/chart?x=district&y=amount&agg=avg`, true)
    for (const bar of averages.body().bars) {
      const rows = WORKS_ROWS.filter((row) => row.district === bar.key)
      assert.closeTo(bar.value, rows.reduce((sum, row) => sum + row.amount, 0) / rows.length, 1e-9)
    }
    const months = await get(client, `/opendata/${WORKS}/chart?x=day&agg=count`, true)
    assert.isTrue(months.body().overTime)
    assert.deepEqual(months.body().bars, ['2026-01', '2026-02', '2026-03', '2026-04'].map((key) => ({ key, value: WORKS_ROWS.filter((row) => row.day.startsWith(key)).length })))
    // top 30 of 120 categories
    const names = await get(client, `/opendata/${WORKS}/chart?x=name`, true)
    assert.lengthOf(names.body().bars, 30)
    assert.equal(names.body().categories, 120)

    const html = (await get(client, `/opendata/${WORKS}/chart?x=day&y=amount&agg=sum`)).text()
    assert.match(html, /<svg class="opendata-chart__svg" viewBox="0 0 720 360" role="img" aria-labelledby="chart-svg-title chart-svg-desc" data-chart-svg>/)
    assert.include(html, '<title id="chart-svg-title">Сумма: Количество — Дата</title>')
    assert.match(html, /<desc id="chart-svg-desc">Столбчатая диаграмма: [^<]+<\/desc>/)
    assert.equal((html.match(/<rect /g) ?? []).length, 4)
    assert.include(html, '<th scope="row">01.2026</th>')
    const januarySum = WORKS_ROWS.filter((row) => row.day.startsWith('2026-01')).reduce((sum, row) => sum + row.amount, 0)
    assert.include(html, `data-value="${januarySum}"`)
    // the form offers only fields that suit: no coordinates to group by, only numbers to measure
    assert.notInclude(html.split('id="chart-x"')[1].split('</select>')[0], 'value="lat"')
    assert.notInclude(html.split('id="chart-y"')[1].split('</select>')[0], 'value="district"')
  })

  test('chart: 422 for unknown fields, unsuitable types, a sum without a number', async ({ assert, client }) => {
    const cases: [string, string][] = [
      ['x=nope', 'x'],
      ['x=lat', 'x'],
      ['x=district&agg=sum&y=district', 'y'],
      ['x=district&agg=sum', 'y'],
      ['x=district&agg=median', 'agg'],
    ]
    for (const [query, field] of cases) {
      const response = await get(client, `/opendata/${WORKS}/chart?${query}`, true)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, query)
    }
    const page = await get(client, `/opendata/${WORKS}/chart?x=lat`)
    page.assertStatus(422)
    assert.include(page.text(), 'По полю «lat» нельзя группировать')
  })

  test('embed: the views alone, framable by any site; the other pages are not; each view page offers its iframe code', async ({ assert, client }) => {
    for (const view of ['table', 'map', 'chart']) {
      const embedded = await get(client, `/opendata/${WORKS}/embed/${view}`)
      embedded.assertStatus(200)
      assert.include(embedded.header('content-security-policy'), 'frame-ancestors *')
      assert.notInclude(embedded.header('content-security-policy'), `frame-ancestors 'none'`)
      assert.isUndefined(embedded.header('x-frame-options'))
      assert.notInclude(embedded.text(), 'site-header')
      const page = await get(client, `/opendata/${WORKS}/${view}`)
      assert.equal(page.header('x-frame-options'), 'DENY')
      assert.include(page.header('content-security-policy'), `frame-ancestors 'none'`)
      assert.include(page.text(), `<label for="embed-code">`)
      assert.match(page.text(), new RegExp(`<textarea id="embed-code" readonly[^>]*>&lt;iframe src=&quot;http://[^&]+/opendata/${WORKS}/embed/${view}`))
    }
    // paging inside an embed stays in the embed
    const table = (await get(client, `/opendata/${WORKS}/embed/table?sort=amount&dir=desc`)).text()
    assert.include(table, `href="/opendata/${WORKS}/embed/table?sort=amount&amp;dir=desc&amp;after=`)
    ;(await get(client, `/opendata/${WORKS}/embed/other`)).assertStatus(404)
    // the embed code carries the chart's choice
    assert.include((await get(client, `/opendata/${WORKS}/chart?x=day&agg=count`)).text(), `/embed/chart?x=day&amp;agg=count`)
  })

  test('the dataset page links the views and every file of the latest version, and each answers 200', async ({ assert, client }) => {
    const html = (await get(client, `/opendata/${WORKS}`)).text()
    const section = html.split('data-views-links')[1].split('</section>')[0]
    const links = [...section.matchAll(/href="([^"]+)"/g)].map((match) => match[1])
    assert.includeMembers(links, [`/opendata/${WORKS}/table`, `/opendata/${WORKS}/map`, `/opendata/${WORKS}/chart`, '/opendata/list.csv', `/opendata/${WORKS}/meta.xml`])
    assert.lengthOf(links, 3 + 3 + 1 + 3 + 3)
    for (const link of links) (await get(client, link)).assertStatus(200)
    assert.notInclude((await get(client, `/opendata/${SCHOOLS}`)).text(), `/opendata/${SCHOOLS}/map`)
  })
})
