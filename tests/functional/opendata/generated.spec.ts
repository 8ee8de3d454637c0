import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { regionTodayIso } from '#core/region_time'
import Department from '#modules/identity/models/department'
import RefreshGeneratedJob from '#modules/opendata/jobs/refresh_generated_job'
import { GENERATORS } from '#modules/opendata/services/generated/registry'
import { versionPrefix } from '#modules/opendata/services/files'
import { overdueSql } from '#modules/opendata/services/freshness'
import { inTenant } from '#tests/helpers/tenants'
import PublisherProfile from '#modules/opendata/models/publisher_profile'
import { postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { postFile } from '#tests/helpers/uploads'
import { problemsPortal, pump, sessionOf, type ProblemsPortal } from '#tests/helpers/problems'
import { seedPosition, staffingOffice, type StaffingOffice } from '#tests/helpers/staffing'
import { anonymousGet, csvRecords, givePublisherProfile, loadPortalRows, pathOf, validateMeta, validateStructure } from '#tests/helpers/opendata'
import type Tenant from '#tenancy/tenant'

let portal: ProblemsPortal
let block: StaffingOffice
const BLOCK_INN = '2308000711'
const PORTAL_INN = '2308000710'
// the job's day (its due check); publications are stamped by the platform's clock
// the region's today: from 21:00 UTC the region is already a day ahead, and versions are dated in the region
const TODAY = regionTodayIso()

function refresh(tenant: Tenant, today = TODAY) {
  return inTenant(tenant, () => new RefreshGeneratedJob().handle({ today }))
}

function versionCount(tenant: Tenant) {
  return inTenant(tenant, async () => Number((await tenantDb().from('opendata_versions').count('* as total').first())?.total))
}

async function storedFiles(tenant: Tenant) {
  const listing = await drive.use().listAll(versionPrefix(tenant.slug), { recursive: true })
  return [...listing.objects].length
}

/** The rows of a dataset's latest data file on the portal (through meta.csv, as a consumer reads it). */
async function latestRows(client: any, identifier: string) {
  const meta = await anonymousGet(client, portal.host, `/opendata/${identifier}/meta.csv`)
  meta.assertStatus(200)
  const { data, structures } = validateMeta(meta.text(), identifier)
  const structure = await anonymousGet(client, portal.host, pathOf(structures[0][1]))
  validateStructure(structure.text())
  const file = await anonymousGet(client, portal.host, pathOf(data[0][1]))
  file.assertStatus(200)
  return { records: csvRecords(file.text()), text: file.text(), versions: data.length }
}

function insertProblem(theme: number, municipality: number, description: string, extra: Record<string, unknown> = {}) {
  return inTenant(portal.tenant, () =>
    tenantDb()
      .table('problems')
      .insert({ theme_id: theme, municipality_id: municipality, author_id: portal.citizen.id, lat: 45.03, lng: 38.97, address: 'ул. Красная, 1', description, created_at: new Date(), updated_at: new Date(), ...extra })
  )
}

/** Routed to the block and answered with a result in five hours, in time. */
function answeredInTime() {
  const routed = new Date('2026-03-02T09:00:00Z')
  return {
    status: 'resolved', routed_tenant: block.tenant.slug, routed_department_code: 'roads', routed_department_name: 'Дороги', routed_at: routed, first_routed_at: routed,
    first_answered_at: new Date(routed.getTime() + 5 * 3600_000), answered_at: new Date(routed.getTime() + 5 * 3600_000), answered_in_time: true, answer_kind: 'resolved',
  }
}

test.group('Open data | datasets the modules generate', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('odg_portal')
    block = await staffingOffice('odg_block')
    await givePublisherProfile(block.tenant, BLOCK_INN)
    await givePublisherProfile(portal.tenant, PORTAL_INN)
    await seedPosition(block, block.departments.health.id, { title: 'Главный специалист', approvedFte: 2, category: 'specialist' })
    await inTenant(portal.tenant, () => Department.firstOrCreate({ code: 'portal_only' }, { nameRu: 'Отдел портала', nameEn: 'Portal unit', isActive: true }))
    await inTenant(block.tenant, async () => {
      const now = new Date()
      const department = block.departments.health.id
      await tenantDb().table('lawsuit_cases').insert({ number: 'А32-1234/2026', court: 'Арбитражный суд Краснодарского края', instance: 'first', judge: 'Судья Семёнов', category: 'contract', our_role: 'defendant', claimed_amount: '150000.50', department_id: department, created_at: now, updated_at: now })
      const draft = { kind: 'law', level: 'regional', subject_area: 'health', department_id: department, responsible_id: block.head.id, created_by: block.head.id, explanatory_note: 'Записка', created_at: now, updated_at: now }
      const [published] = await tenantDb().table('lawmaking_drafts').insert({ ...draft, title: 'О здравоохранении в крае', stage: 'discussion', current_version: 1, consultation_starts_on: '2026-03-01', consultation_ends_on: '2026-03-31' }).returning('id')
      await tenantDb().table('lawmaking_versions').insert({ draft_id: published.id, number: 1, published_by: block.head.id, published_at: new Date('2026-03-01T09:00:00Z') })
      await tenantDb().table('lawmaking_drafts').insert({ ...draft, title: 'Черновик в подготовке' })
    })
    await insertProblem(portal.roads.id, portal.krasnodar.id, 'Яма у дома Иванова Петра', answeredInTime())
    await insertProblem(portal.roads.id, portal.krasnodar.id, 'Ещё одна яма')
    await insertProblem(portal.lighting.id, portal.sochi.id, 'Не горит фонарь')
  })

  test('a block publishes its departments, staffing, draft acts and lawsuits (v1), the portal receives them with the right rows', async ({ assert, client }) => {
    const result: any = await refresh(block.tenant)
    assert.deepEqual(result.outcomes, { departments: 'published', staffing_structure: 'published', draft_acts: 'published', lawsuits_statistics: 'published' })
    const datasets = await inTenant(block.tenant, () => tenantDb().from('opendata_datasets').whereNotNull('generator').orderBy('name').select('name', 'generator', 'identifier', 'created_by', 'current_version'))
    assert.deepEqual(datasets.map((row) => [row.name, row.identifier, row.created_by, row.current_version]), [
      ['departments', `${BLOCK_INN}-departments`, null, 1],
      ['draft_acts', `${BLOCK_INN}-draft_acts`, null, 1],
      ['lawsuits_statistics', `${BLOCK_INN}-lawsuits_statistics`, null, 1],
      ['staffing_structure', `${BLOCK_INN}-staffing_structure`, null, 1],
    ])
    const publishedBy = await inTenant(block.tenant, () => tenantDb().from('opendata_versions').whereNotNull('published_by').count('* as total').first())
    assert.equal(Number(publishedBy?.total), 0)
    const audit = await inTenant(block.tenant, () => tenantDb().from('audit_entries').where('action', 'opendata.version_published').where('actor_email', 'opendata.refresh_generated').count('* as total').first())
    assert.equal(Number(audit?.total), 4)

    await pump([portal.tenant, block.tenant])
    assert.equal(await loadPortalRows(portal.tenant, block.tenant), 4)

    const departments = await latestRows(client, `${BLOCK_INN}-departments`)
    assert.deepEqual(departments.records[0], ['department_code', 'parent_code', 'name_ru', 'name_en', 'body_name', 'body_inn', 'body_phone', 'body_email'])
    assert.sameMembers(departments.records.slice(1).map((row) => row[0]), ['finance', 'health', 'main', 'roads'])
    assert.deepEqual(departments.records.find((row) => row[0] === 'health'), ['health', '', 'Минздрав', 'Health', `Орган ${block.tenant.slug}`, BLOCK_INN, '+78612000000', 'opendata@odg-block.test'])
    // a generator reads its own tenant only: another tenant's department is not there
    assert.notInclude(departments.text, 'portal_only')

    const staffing = await latestRows(client, `${BLOCK_INN}-staffing_structure`)
    assert.deepEqual(staffing.records.slice(1), [['health', 'Минздрав', 'Health', 'Главный специалист', '2', '2']])
    const lawsuits = await latestRows(client, `${BLOCK_INN}-lawsuits_statistics`)
    assert.deepEqual(lawsuits.records.slice(1), [['first', 'contract', 'defendant', 'pending', '1', '150000.5', '0']])
    for (const secret of ['А32-1234', 'Семёнов', 'Арбитражный']) assert.notInclude(lawsuits.text, secret)
    const drafts = await latestRows(client, `${BLOCK_INN}-draft_acts`)
    assert.deepEqual(drafts.records.slice(1).map((row) => [row[1], row[6], row[7], row[8], row[10], row[11]]), [['О здравоохранении в крае', 'discussion', 'health', '2026-03-01', '2026-03-01', '2026-03-31']])
    assert.notInclude(drafts.text, 'Черновик в подготовке')
  })

  test('the portal publishes its own problems statistics and ranks into its catalogue, without a bus message to itself', async ({ assert, client }) => {
    const result: any = await refresh(portal.tenant)
    assert.deepEqual(result.outcomes, { problems_statistics: 'published', priority_ranks: 'published', service_ranks: 'published', priority_ballots: 'empty', government_service_ranks: 'empty' })
    const copies = await inTenant(portal.tenant, () =>
      tenantDb().from('opendata_public_datasets').where('origin_tenant', portal.tenant.slug).orderBy('identifier').select('identifier', 'current_version')
    )
    assert.deepEqual(copies.map((row) => row.identifier), [`${PORTAL_INN}-priority_ranks`, `${PORTAL_INN}-problems_statistics`, `${PORTAL_INN}-service_ranks`])
    const messages = await inTenant(portal.tenant, () => tenantDb().from('bus_outbox').where('type', 'opendata.version_published').count('* as total').first())
    assert.equal(Number(messages?.total), 0)
    assert.equal(await loadPortalRows(portal.tenant, portal.tenant), 3)

    const problems = await latestRows(client, `${PORTAL_INN}-problems_statistics`)
    const krasnodarRoads = problems.records.find((row) => row[0] === 'krasnodar' && row[3] === 'roads')
    assert.deepEqual(krasnodarRoads?.slice(6), ['2', '1', '1', '0'])
    assert.equal(problems.records.find((row) => row[0] === 'sochi' && row[3] === 'lighting')?.[6], '1')
    const priorities = await latestRows(client, `${PORTAL_INN}-priority_ranks`)
    assert.deepEqual(priorities.records[1].slice(0, 2), ['1', 'roads'])
    assert.deepEqual(priorities.records[1].slice(4), ['2', '0', '50'])
    const services = await latestRows(client, `${PORTAL_INN}-service_ranks`)
    assert.deepEqual(services.records.slice(1).map((row) => [row[0], ...row.slice(3)]), [['1', '1', '1', '100', '5']])
    // no citizen: not their texts, names or e-mails
    for (const text of [problems.text, priorities.text]) {
      for (const secret of ['Иванова', 'яма', portal.citizen.email, portal.citizen.fullName]) assert.notInclude(text, secret)
    }

    const catalogue = await anonymousGet(client, portal.host, '/opendata')
    assert.include(catalogue.text(), `data-identifier="${PORTAL_INN}-problems_statistics"`)
  })

  test('a rerun publishes nothing and keeps no file; changed source data is the next version', async ({ assert }) => {
    const before = { block: await versionCount(block.tenant), portal: await versionCount(portal.tenant), files: await storedFiles(block.tenant) }
    const again: any = await refresh(block.tenant)
    assert.deepEqual(again.outcomes, { departments: 'unchanged', staffing_structure: 'unchanged', draft_acts: 'unchanged', lawsuits_statistics: 'not_due' })
    const portalAgain: any = await refresh(portal.tenant)
    assert.deepEqual(portalAgain.outcomes, { problems_statistics: 'not_due', priority_ranks: 'not_due', service_ranks: 'not_due', priority_ballots: 'empty', government_service_ranks: 'empty' })
    assert.equal(await versionCount(block.tenant), before.block)
    assert.equal(await versionCount(portal.tenant), before.portal)
    assert.equal(await storedFiles(block.tenant), before.files, 'the unused files were deleted')
    assert.equal(before.files, before.block)

    // a new department: the irregular dataset is checked every night and published as v2
    await inTenant(block.tenant, () => Department.create({ code: 'culture', nameRu: 'Минкультуры', nameEn: 'Culture', isActive: true }))
    const changed: any = await refresh(block.tenant)
    assert.equal(changed.outcomes.departments, 'published')
    assert.equal(changed.outcomes.staffing_structure, 'unchanged')
    const versions = await inTenant(block.tenant, () =>
      tenantDb().from('opendata_versions as v').join('opendata_datasets as d', 'd.id', 'v.dataset_id').where('d.generator', 'departments').orderBy('v.number').select('v.number', 'v.row_count', 'v.change_note')
    )
    assert.deepEqual(versions.map((row) => [row.number, row.row_count]), [[1, 4], [2, 5]])

    // a monthly dataset: a new problem waits for its due day, then is published
    await insertProblem(portal.waste.id, portal.krasnodar.id, 'Свалка')
    const early: any = await refresh(portal.tenant, DateTime.fromISO(TODAY).plus({ days: 10 }).toISODate()!)
    assert.equal(early.outcomes.problems_statistics, 'not_due')
    const due: any = await refresh(portal.tenant, DateTime.fromISO(TODAY).plus({ months: 1 }).toISODate()!)
    assert.deepEqual(due.outcomes, { problems_statistics: 'published', priority_ranks: 'published', service_ranks: 'unchanged', priority_ballots: 'empty', government_service_ranks: 'empty' })
    assert.equal(await versionCount(portal.tenant), before.portal + 2)

    // unchanged on its due day: no new version, but current from that day on (not overdue the day after)
    const dueDay = DateTime.fromISO(TODAY).plus({ months: 1 })
    const serviceRanks = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').where('identifier', `${PORTAL_INN}-service_ranks`).first())
    assert.equal(DateTime.fromJSDate(serviceRanks.confirmed_at).toISODate(), dueDay.toISODate())
    const dayAfter = dueDay.plus({ days: 1 }).toISODate()!
    const overdueOnPortal = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').whereRaw(overdueSql('frequency', 'greatest(modified_at, confirmed_at)'), [dayAfter]).select('identifier')).then((rows) => rows.map((row: { identifier: string }) => row.identifier))
    assert.notInclude(overdueOnPortal, `${PORTAL_INN}-service_ranks`)
    // a body's monthly dataset: confirmed in the body (what Control reads) and, over the bus, on the portal
    const blockDue: any = await refresh(block.tenant, dueDay.toISODate()!)
    assert.equal(blockDue.outcomes.lawsuits_statistics, 'unchanged')
    const overdueInBody = await inTenant(block.tenant, () => tenantDb().from('opendata_dataset_freshness').whereRaw(overdueSql('frequency', 'current_as_of'), [dayAfter]).select('identifier')).then((rows) => rows.map((row: { identifier: string }) => row.identifier))
    assert.notInclude(overdueInBody, `${BLOCK_INN}-lawsuits_statistics`)
    const lateInBody = await inTenant(block.tenant, () => tenantDb().from('opendata_dataset_freshness').whereRaw(overdueSql('frequency', 'last_published_at'), [dayAfter]).select('identifier')).then((rows) => rows.map((row: { identifier: string }) => row.identifier))
    assert.include(lateInBody, `${BLOCK_INN}-lawsuits_statistics`, 'counted from the version alone it would be overdue')
    await pump([block.tenant, portal.tenant])
    const lawsuits = await inTenant(portal.tenant, () => tenantDb().from('opendata_public_datasets').where('identifier', `${BLOCK_INN}-lawsuits_statistics`).first())
    assert.equal(DateTime.fromJSDate(lawsuits.confirmed_at).toISODate(), dueDay.toISODate())
  })

  test('no generated column is personal; a body without a publisher profile is skipped', async ({ assert }) => {
    for (const generator of GENERATORS) {
      assert.isTrue(generator.fields.every((field) => !field.personal), generator.name)
      assert.notMatch(generator.fields.map((field) => field.name).join(' '), /(^|\s)(full_name|person|author|lawyer|judge|citizen|user|party|parties)/, generator.name)
    }
    // the block without its profile (restored after): nothing is computed or published
    const versions = await versionCount(block.tenant)
    await inTenant(block.tenant, () => PublisherProfile.query().delete())
    await inTenant(block.tenant, () => Department.create({ code: 'unpublished', nameRu: 'Новый отдел', nameEn: 'New unit', isActive: true }))
    try {
      assert.deepEqual(await refresh(block.tenant), { skipped: 'no_profile' })
      assert.equal(await versionCount(block.tenant), versions)
    } finally {
      await givePublisherProfile(block.tenant, BLOCK_INN)
    }
  })

  test('staff cannot upload into a generated dataset or rename it; its page says it is generated', async ({ assert, client }) => {
    const id = await inTenant(block.tenant, async () => (await tenantDb().from('opendata_datasets').where('generator', 'departments').first()).id)
    const session = await sessionOf(client, block.host, block.head.email)
    const page = await client.get(`/opendata/office/datasets/${id}`).header('host', block.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    assert.include(page.text(), 'data-generator="departments"')
    assert.notInclude(page.text(), `action="/opendata/office/datasets/${id}/uploads"`)
    const upload = await postFile(
      client,
      { host: block.host, session, page: `/opendata/office/datasets/${id}`, action: `/opendata/office/datasets/${id}/uploads` },
      { buffer: Buffer.from('a,b\r\n1,2\r\n'), name: 'table.csv' },
      {},
      { json: true }
    )
    upload.assertStatus(409)
    const rename = await postJson(client, block.host, session, `/opendata/office/datasets/${id}/edit`, `/opendata/office/datasets/${id}`, {
      name: 'units',
      titleRu: 'Подразделения',
      titleEn: 'Units',
      descriptionRu: 'Подразделения органа.',
      descriptionEn: "The body's units.",
      subject: 'government',
      keywords: '',
      licence: 'cc-by-4.0',
      frequency: 'irregular',
    })
    rename.assertStatus(422)
    assert.equal(rename.body().errors[0].field, 'name')
    assert.equal(await inTenant(block.tenant, async () => Number((await tenantDb().from('opendata_uploads').count('* as total').first())?.total)), 0)
  })
})
