import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import NotifyOverdueJob from '#modules/opendata/jobs/freshness_job'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { problemsBlock, problemsPortal, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { anonymousGet, givePublisherProfile } from '#tests/helpers/opendata'
import type Tenant from '#tenancy/tenant'

/*
| Freshness with explicit dates: versions are written with the moment they
| were published, and the notices' job is told its day.
*/

let portal: ProblemsPortal
let block: ProblemsBlock
let control: Tenant
const INN = '2308000721'
const passport = { subject: 'transport', keywords: 'дороги', licence: 'cc-by-4.0', description_ru: 'Описание.', description_en: 'Description.' }

/** A body's published dataset whose only version was published at `publishedAt`. */
function bodyDataset(name: string, frequency: string, publishedAt: string) {
  return inTenant(block.tenant, async () => {
    const now = new Date()
    const [dataset] = await tenantDb()
      .table('opendata_datasets')
      .insert({ ...passport, name, title_ru: `Набор ${name}`, title_en: `Dataset ${name}`, frequency, identifier: `${INN}-${name}`, current_version: 1, current_structure: 1, created_by: block.head.id, created_at: now, updated_at: now })
      .returning('id')
    await addVersion(dataset.id, 1, publishedAt)
    return dataset.id as number
  })
}

/** The dataset's next version, published at `publishedAt` (rows only: the freshness rule reads dates). */
function addVersion(datasetId: number, number: number, publishedAt: string) {
  return inTenant(block.tenant, async () => {
    const stamp = publishedAt.slice(0, 10).replaceAll('-', '')
    let structure = await tenantDb().from('opendata_structures').where('dataset_id', datasetId).first()
    if (!structure) [structure] = await tenantDb().table('opendata_structures').insert({ dataset_id: datasetId, number: 1, stamp, fields: '[]', created_at: new Date(publishedAt) }).returning('*')
    await tenantDb().table('opendata_versions').insert({
      dataset_id: datasetId, number, structure_id: structure.id, data_stamp: stamp, storage_key: `tenants/${block.tenant.slug}/opendata/versions/none.csv`,
      size: 0, row_count: 0, sha256: '0'.repeat(64), change_note: 'test', published_by: null, published_at: new Date(publishedAt),
    })
    await tenantDb().from('opendata_datasets').where('id', datasetId).update({ current_version: number })
  })
}

/** A dataset in the portal's catalogue last modified at `modifiedAt`. */
function catalogueDataset(originId: number, name: string, frequency: string, modifiedAt: string) {
  return inTenant(portal.tenant, async () => {
    const publisher = { inn: INN, name_ru: 'Орган', name_en: 'Body', responsible_person: 'Петрова А. С.', phone: '+78612000000', email: 'od@odf.test', updated_at: new Date() }
    const [{ id: publisherId }] = await tenantDb().table('opendata_public_publishers').insert({ origin_tenant: block.tenant.slug, ...publisher }).onConflict('origin_tenant').merge(publisher).returning('id')
    await tenantDb().table('opendata_public_datasets').insert({
      ...passport, identifier: `${INN}-${name}`, origin_tenant: block.tenant.slug, origin_dataset_id: originId, publisher_id: publisherId,
      title_ru: `Набор ${name}`, title_en: `Dataset ${name}`, frequency, current_version: 1,
      created_at: new Date(modifiedAt), modified_at: new Date(modifiedAt), updated_at: new Date(modifiedAt),
    })
  })
}

function cardOf(html: string, identifier: string) {
  return html.match(new RegExp(`<li class="card" data-identifier="${identifier}">[^]*?</li>`))?.[0] ?? null
}

function notices(kind = 'opendata.overdue') {
  return inTenant(block.tenant, () => tenantDb().from('notifications').where('kind', kind).orderBy('id').select('user_id', 'link', 'data', 'dedupe_key'))
}

function notifyOn(today: string) {
  return inTenant(block.tenant, () => new NotifyOverdueJob().handle({ today }))
}

test.group('Open data | freshness: overdue on the catalogue, to the publisher and to Control', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('odf_portal')
    block = await problemsBlock('odf_block')
    control = await ensureTenant('odf_control', 'control')
    await givePublisherProfile(block.tenant, INN)
  })

  test('the catalogue marks an overdue dataset, filters by overdue, and the dataset page shows the due date', async ({ assert, client }) => {
    await catalogueDataset(9001, 'stale_roads', 'monthly', '2020-01-10T09:00:00Z')
    await catalogueDataset(9002, 'fresh_roads', 'irregular', '2020-01-10T09:00:00Z')

    const all = (await anonymousGet(client, portal.host, '/opendata')).text()
    assert.include(cardOf(all, `${INN}-stale_roads`), 'data-overdue')
    assert.include(cardOf(all, `${INN}-stale_roads`), 'Просрочен')
    assert.include(cardOf(all, `${INN}-stale_roads`), '10.02.2020')
    assert.notInclude(cardOf(all, `${INN}-fresh_roads`), 'data-overdue')
    assert.match(all, /<option value="1"\s*>Только просроченные \(1\)<\/option>/)

    const overdue = (await anonymousGet(client, portal.host, '/opendata?overdue=1')).text()
    assert.isNotNull(cardOf(overdue, `${INN}-stale_roads`))
    assert.isNull(cardOf(overdue, `${INN}-fresh_roads`))

    const page = (await anonymousGet(client, portal.host, `/opendata/${INN}-stale_roads`)).text()
    assert.include(page, 'data-due-on="2020-02-10"')
    assert.include(page, 'data-overdue')
    assert.notInclude(page, '@if')
    assert.include(page, 'Следующее обновление до')
    // an irregular dataset is never due
    assert.notInclude((await anonymousGet(client, portal.host, `/opendata/${INN}-fresh_roads`)).text(), 'data-due-on')
  })

  test('the keepers of open data are told once per overdue episode', async ({ assert, client }) => {
    const id = await bodyDataset('repairs', 'monthly', '2026-01-15T09:00:00Z')
    // due by 15.02.2026: on the 15th it is not overdue yet
    assert.deepEqual(await notifyOn('2026-02-15'), { overdue: 0 })
    assert.lengthOf(await notices(), 0)

    assert.deepEqual(await notifyOn('2026-02-16'), { overdue: 1 })
    const first = await notices()
    // the head and the department heads; not the executor
    assert.sameMembers(first.map((row) => row.user_id), [block.head.id, block.roadsHead.id, block.lightingHead.id])
    assert.isTrue(first.every((row) => row.link === `/opendata/office/datasets/${id}` && row.data.dueOn === '2026-02-15' && row.data.title === 'Набор repairs'))

    // the next days: the same episode, nothing new
    await notifyOn('2026-02-17')
    await notifyOn('2026-03-20')
    assert.lengthOf(await notices(), 3)

    const { session } = await signIn(client, block.host, block.head.email)
    const inbox = await client.get('/notifications').header('host', block.host).withCookie(SESSION_COOKIE, session!)
    assert.include(inbox.text(), 'Просрочено обновление набора открытых данных «Набор repairs»: срок был до 15.02.2026')

    // a new version ends the episode; when that one, too, is overdue, a new notice
    await addVersion(id, 2, '2026-03-25T09:00:00Z')
    assert.deepEqual(await notifyOn('2026-04-25'), { overdue: 0 })
    assert.deepEqual(await notifyOn('2026-04-26'), { overdue: 1 })
    await notifyOn('2026-04-27')
    const all = await notices()
    assert.lengthOf(all, 6)
    assert.isTrue(all.slice(3).every((row) => row.data.dueOn === '2026-04-25'))
  })

  test('Control lists overdue datasets by body through the rollup and opens the order form prefilled for the body', async ({ assert, client }) => {
    await bodyDataset('stale_lights', 'quarterly', '2020-03-01T09:00:00Z')
    await rollupReady()
    const head = await ensureUser(control, 'head', 'head@odf-control.test')
    const { session } = await signIn(client, hostOf(control), head.email)
    const page = await client.get(`/control/opendata?body=${block.tenant.slug}`).header('host', hostOf(control)).withCookie(SESSION_COOKIE, session!)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, `data-body="${block.tenant.slug}"`)
    assert.include(html, `data-overdue-dataset="${block.tenant.slug}/${INN}-stale_lights"`)
    assert.include(html, 'Набор stale_lights')
    assert.notInclude(html, '@if')
    assert.include(html, '01.06.2020')

    const href = html.match(new RegExp(`href="([^"]+)" data-order-for="${block.tenant.slug}"`))?.[1]
    assert.exists(href, 'the «Выдать поручение» action')
    const form = await client.get(href!.replaceAll('&amp;', '&')).header('host', hostOf(control)).withCookie(SESSION_COOKIE, session!)
    form.assertStatus(200)
    const formHtml = form.text()
    assert.match(formHtml, new RegExp(`<option value="remote:${block.tenant.slug}:main"\\s+selected`))
    assert.include(formHtml, `${INN}-stale_lights`)
    assert.include(formHtml, 'Просрочено обновление открытых данных')

    // Control reads the declared columns only, and never the body's schema
    const columns = await inTenant(control, () => tenantDb().from('information_schema.columns').where('table_schema', 'rollup').where('table_name', 'opendata_datasets').select('column_name'))
    assert.sameMembers(columns.map((row: any) => row.column_name), ['block', 'id', 'identifier', 'title_ru', 'title_en', 'frequency', 'generated', 'current_version', 'last_published_at', 'current_as_of'])
    const direct = await inTenant(control, () => tenantDb().rawQuery(`select storage_key from "${block.tenant.schemaName}".opendata_versions`)).then(
      () => null,
      (error: Error) => error
    )
    assert.match(direct?.message ?? 'it succeeded', /permission denied/)
  })

  test('people of a body cannot open the Control list', async ({ client }) => {
    const { session } = await signIn(client, block.host, block.head.email)
    const response = await client.get('/control/opendata').header('host', block.host).withCookie(SESSION_COOKIE, session!)
    response.assertStatus(404)
  })
})
