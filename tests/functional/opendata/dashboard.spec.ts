import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Dataset from '#modules/opendata/models/dataset'
import ReportDownloadsJob from '#modules/opendata/jobs/report_downloads_job'
import { inTenant } from '#tests/helpers/tenants'
import { sendFrom } from '#tests/helpers/bus'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { problemsBlock, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, createDataset, publishCsv, givePublisherProfile, loadPortalRows } from '#tests/helpers/opendata'

/*
| Dates here follow the platform's clock (DateTime.now()): the file is in
| tests/date_sensitive_files, so it also runs with the clock fixed.
*/

const ZONE = 'Europe/Moscow'
let portal: ProblemsPortal
let mine: ProblemsBlock
let other: ProblemsBlock
let roads: Dataset
let parks: Dataset
let roadsIdentifier: string
let parksIdentifier: string

function newDataset(body: ProblemsBlock, name: string, frequency: Dataset['frequency'] = 'monthly') {
  return createDataset(body.tenant, name, body.head.id, { subject: 'transport', frequency })
}

function publishTable(body: ProblemsBlock, dataset: Dataset, rows: string[][]) {
  return publishCsv(body.tenant, body.head, dataset, rows)
}

/** A body's stored counts: `<dataset id>/<YYYY-MM>/<format>` → downloads. */
function storedCounts(body: ProblemsBlock) {
  return inTenant(body.tenant, async () => {
    const rows = await tenantDb().from('opendata_downloads').where('portal', portal.tenant.slug).orderBy(['dataset_id', 'month', 'format']).select('dataset_id', tenantDb().raw(`to_char(month, 'YYYY-MM') as month`), 'format', 'downloads')
    return Object.fromEntries(rows.map((row) => [`${row.dataset_id}/${row.month}/${row.format}`, Number(row.downloads)]))
  })
}

function reportAndDeliver() {
  return inTenant(portal.tenant, () => new ReportDownloadsJob().handle()).then(async (result) => {
    await pump([portal.tenant, mine.tenant, other.tenant])
    return result
  })
}

const thisMonth = () => DateTime.now().setZone(ZONE).toFormat('yyyy-LL')

test.group('Open data | downloads per month and the publisher dashboard', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('od_portal')
    mine = await problemsBlock('od_dash_a')
    other = await problemsBlock('od_dash_b')
    await givePublisherProfile(mine.tenant, '2308000021')
    await givePublisherProfile(other.tenant, '2308000022')
    roads = await newDataset(mine, 'roads_dash')
    parks = await newDataset(other, 'parks_dash')
    roadsIdentifier = (await publishTable(mine, roads, [['Участок', 'Длина'], ['ул. Красная', '1.5'], ['ул. Северная', '2']])).identifier
    parksIdentifier = (await publishTable(other, parks, [['Парк', 'Площадь'], ['Чистяковская роща', '25']])).identifier
    await pump([portal.tenant, mine.tenant, other.tenant])
    await loadPortalRows(portal.tenant, mine.tenant)
    await loadPortalRows(portal.tenant, other.tenant)
  })

  test('the portal counts each data file download per dataset, month and format (not a 304, not meta); each body is told only its own counts', async ({ assert, client }) => {
    const meta = await anonymousGet(client, portal.host, `/opendata/${roadsIdentifier}/meta.json`)
    const link = (meta.body().data[0].source as string).replace(/\.json$/, '')
    const path = new URL(link).pathname
    const csv = await anonymousGet(client, portal.host, `${path}.csv`)
    csv.assertStatus(200)
    ;(await anonymousGet(client, portal.host, `${path}.csv`)).assertStatus(200)
    ;(await anonymousGet(client, portal.host, `${path}.json`)).assertStatus(200)
    ;(await anonymousGet(client, portal.host, `${path}.csv`).header('if-none-match', String(csv.header('etag')))).assertStatus(304)
    const parksMeta = (await anonymousGet(client, portal.host, `/opendata/${parksIdentifier}/meta.xml`)).text()
    const parksData = parksMeta.match(/<source>([^<]+\.xml)<\/source>/)![1]
    ;(await anonymousGet(client, portal.host, new URL(parksData).pathname)).assertStatus(200)

    const counted = await inTenant(portal.tenant, () =>
      tenantDb()
        .from('opendata_public_downloads as c')
        .join('opendata_public_datasets as d', 'd.id', 'c.dataset_id')
        .whereIn('d.identifier', [roadsIdentifier, parksIdentifier])
        .orderBy(['d.identifier', 'c.format'])
        .select('d.identifier', tenantDb().raw(`to_char(c.month, 'YYYY-MM') as month`), 'c.format', 'c.downloads')
    )
    assert.deepEqual(
      counted.map((row) => [row.identifier, row.month, row.format, Number(row.downloads)]),
      [
        [roadsIdentifier, thisMonth(), 'csv', 2],
        [roadsIdentifier, thisMonth(), 'json', 1],
        [parksIdentifier, thisMonth(), 'xml', 1],
      ].sort((left, right) => String(left[0]).localeCompare(String(right[0])) || String(left[2]).localeCompare(String(right[2])))
    )
    // no address, no person: the counter's columns are all there is
    const columns = await inTenant(portal.tenant, () => tenantDb().from('information_schema.columns').where('table_name', 'opendata_public_downloads').where('table_schema', tenantDb().raw('current_schema()')).orderBy('column_name').select('column_name'))
    assert.deepEqual(columns.map((row) => row.column_name), ['dataset_id', 'downloads', 'format', 'month', 'updated_at'])

    const result = await reportAndDeliver()
    assert.isAtLeast(result.bodies, 2)
    assert.deepEqual(await storedCounts(mine), { [`${roads.id}/${thisMonth()}/csv`]: 2, [`${roads.id}/${thisMonth()}/json`]: 1 })
    assert.deepEqual(await storedCounts(other), { [`${parks.id}/${thisMonth()}/xml`]: 1 })
    // what travelled to each body names only its datasets
    const sent = await inTenant(portal.tenant, () => tenantDb().from('bus_outbox').where('type', 'opendata.downloads_reported').whereIn('target_tenant', [mine.tenant.slug, other.tenant.slug]).select('target_tenant', 'payload'))
    for (const message of sent) {
      const identifiers = new Set((typeof message.payload === 'string' ? JSON.parse(message.payload) : message.payload).counts.map((count: { identifier: string }) => count.identifier))
      assert.deepEqual([...identifiers], [message.target_tenant === mine.tenant.slug ? roadsIdentifier : parksIdentifier])
    }
    // the job does nothing in a body
    assert.deepEqual(await inTenant(mine.tenant, () => new ReportDownloadsJob().handle()), { bodies: 0 })

    // a month's count is replaced, never added: one more download, two reports (one re-delivered)
    ;(await anonymousGet(client, portal.host, `${path}.csv`)).assertStatus(200)
    await reportAndDeliver()
    await reportAndDeliver()
    assert.deepEqual(await storedCounts(mine), { [`${roads.id}/${thisMonth()}/csv`]: 3, [`${roads.id}/${thisMonth()}/json`]: 1 })
  })

  test('forged reports change nothing: from a body rather than the portal, naming another body’s dataset, or an identifier not the dataset’s', async ({ assert }) => {
    const before = await storedCounts(mine)
    const count = (datasetId: number, identifier: string) => ({ counts: [{ datasetId, identifier, month: thisMonth(), format: 'csv' as const, downloads: 999 }] })
    await sendFrom(other.tenant, mine.tenant.slug, 'opendata.downloads_reported', [count(roads.id, roadsIdentifier)])
    await sendFrom(portal.tenant, mine.tenant.slug, 'opendata.downloads_reported', [count(parks.id, parksIdentifier), count(roads.id, parksIdentifier), count(4242, roadsIdentifier)])
    await pump([portal.tenant, mine.tenant, other.tenant])
    assert.deepEqual(await storedCounts(mine), before)
    const other999 = await inTenant(mine.tenant, () => tenantDb().from('opendata_downloads').where('downloads', 999).count('* as total').first())
    assert.equal(Number(other999?.total), 0)
    const inbox = await inTenant(mine.tenant, () => tenantDb().from('bus_inbox').where('type', 'opendata.downloads_reported').whereNot('status', 'applied').select('last_error'))
    const errors = inbox.map((message) => String(message.last_error))
    assert.lengthOf(errors, 4)
    assert.isTrue(errors.some((error) => error.includes('is not a portal')), errors.join(' | '))
    assert.equal(errors.filter((error) => error.includes('is not a published dataset of this body')).length, 3, errors.join(' | '))
  })

  test('the dashboard: each dataset with its version, last publication, due date and overdue badge, downloads per month, links; only for who keeps open data', async ({ assert, client }) => {
    // a monthly dataset last published 40 days ago (written as an old version would be: versions are never updated)
    const old = await newDataset(mine, 'old_registry')
    const publishedAt = DateTime.now().minus({ days: 40 })
    await inTenant(mine.tenant, async () => {
      const [structure] = await tenantDb().table('opendata_structures').insert({ dataset_id: old.id, number: 1, stamp: publishedAt.setZone(ZONE).toFormat('yyyyLLdd'), fields: JSON.stringify([{ name: 'a', descriptionRu: 'А', descriptionEn: 'A', type: 'string' }]), created_at: publishedAt.toJSDate() }).returning('id')
      await tenantDb().table('opendata_versions').insert({
        dataset_id: old.id, number: 1, structure_id: structure.id, data_stamp: publishedAt.setZone(ZONE).toFormat('yyyyLLdd'), storage_key: 'tenants/x/opendata/versions/old.csv', size: 4, row_count: 1, sha256: '0'.repeat(64), change_note: 'Давняя публикация', published_by: mine.head.id, published_at: publishedAt.toJSDate(),
      })
      await tenantDb().from('opendata_datasets').where('id', old.id).update({ identifier: '2308000021-old_registry', current_version: 1, current_structure: 1 })
    })
    const executor = await sessionOf(client, mine.host, mine.roadsExecutor.email)
    ;(await client.get('/opendata/office/dashboard').header('host', mine.host).withCookie(SESSION_COOKIE, executor)).assertStatus(403)
    ;(await client.get('/opendata/office/dashboard').header('host', portal.host)).assertStatus(404)

    const session = await sessionOf(client, mine.host, mine.head.email)
    const page = await client.get('/opendata/office').header('host', mine.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    const html = page.text()
    // a dataset's row, up to the next dataset's (its month table is nested in it)
    const rowOf = (id: number) => html.split('<tr data-dataset="').find((chunk) => chunk.startsWith(`${id}"`)) ?? ''
    const today = DateTime.now().setZone(ZONE)

    const roadsRow = rowOf(roads.id)
    assert.include(roadsRow, `href="/opendata/office/datasets/${roads.id}"`)
    assert.match(roadsRow, new RegExp(`href="https?://[^"]+/opendata/${roadsIdentifier}" data-public`))
    assert.include(roadsRow, `data-last>${today.toFormat('dd.LL.yyyy')}<`)
    assert.include(roadsRow, `до ${today.startOf('day').plus({ months: 1 }).toFormat('dd.LL.yyyy')}`)
    assert.include(roadsRow, 'В срок')
    assert.notInclude(roadsRow, 'data-overdue')
    assert.include(roadsRow, 'data-downloads="4"')
    assert.match(roadsRow, new RegExp(`<tr data-month="${thisMonth()}"><td>${today.toFormat('LL.yyyy')}</td><td>4</td></tr>`))
    assert.equal((roadsRow.match(/<tr data-month=/g) ?? []).length, 12, 'the last 12 months')

    const oldRow = rowOf(old.id)
    const due = publishedAt.setZone(ZONE).startOf('day').plus({ months: 1 })
    const late = Math.round(today.startOf('day').diff(due, 'days').days)
    assert.isAbove(late, 0)
    assert.include(oldRow, `data-last>${publishedAt.setZone(ZONE).toFormat('dd.LL.yyyy')}<`)
    assert.include(oldRow, `до ${due.toFormat('dd.LL.yyyy')}`)
    assert.match(oldRow, new RegExp(`data-overdue>Просрочен на ${late} (день|дня|дней)<`))
    assert.include(oldRow, 'data-downloads="0"')
    // another body's dataset is not here
    assert.notInclude(html, parksIdentifier)
    assert.notInclude(html, 'translation missing')

    // the same page at /opendata/office/dashboard, in English; the datasets list links it
    const english = await client.get('/opendata/office/dashboard').header('host', mine.host).header('x-locale', 'en').withCookie(SESSION_COOKIE, session)
    english.assertStatus(200)
    for (const text of ['Open data dashboard', 'Downloads', 'Last published']) assert.include(english.text(), text)
    assert.include((await client.get('/opendata/office/datasets').header('host', mine.host).withCookie(SESSION_COOKIE, session)).text(), 'href="/opendata/office/dashboard"')
  })
})
