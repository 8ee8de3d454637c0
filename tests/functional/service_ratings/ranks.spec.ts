import { createHash } from 'node:crypto'
import { XMLParser } from 'fast-xml-parser'
import { openpyxlRows } from '#tests/helpers/documents'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import RatedService from '#modules/service_ratings/models/rated_service'
import ServiceRating from '#modules/service_ratings/models/service_rating'
import { governmentServiceRanksGenerator } from '#modules/service_ratings/services/open_dataset'
import SealMonthJob from '#modules/service_ratings/jobs/seal_month_job'
import { METHOD, sealMonth } from '#modules/service_ratings/services/monthly_ranks'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import type Tenant from '#tenancy/tenant'
import type User from '#modules/identity/models/user'

let portal: Tenant
const criteria = ['time', 'waiting', 'staff', 'premises', 'information'] as const

/**
 * Four bodies with one service each, rated by twelve citizens in January and
 * February 2025 (closed months whatever the day the suite runs): in January
 * the bodies rank a > b > c > d; in February d climbs to the top and a falls.
 */
const plan: Record<string, Record<string, number[]>> = {
  '2025-01': { alpha: [5, 5, 4], bravo: [4, 4, 4], charlie: [3, 4, 3], delta: [2, 2, 3] },
  '2025-02': { alpha: [2, 2, 3], bravo: [4, 4, 4], charlie: [3, 4, 3], delta: [5, 5, 5] },
}

async function seed() {
  const citizens: User[] = []
  for (let index = 0; index < 12; index++) citizens.push(await ensureUser(portal, 'citizen', `rater${index}@svc-ranks.test`))
  await inTenant(portal, async () => {
    if (await ServiceRating.query().first()) return
    for (const [month, bodies] of Object.entries(plan)) {
      for (const [body, cycle] of Object.entries(bodies)) {
        const service = await RatedService.updateOrCreate(
          { bodySlug: `svc_${body}`, code: 'permit' },
          { bodyKind: 'municipality', bodyNameRu: `Администрация ${body}`, bodyNameEn: `Administration ${body}`, nameRu: `Разрешение (${body})`, nameEn: `Permit (${body})`, departmentCode: 'main', channel: 'mfc', publishedActive: true, adminHidden: false, publishedAt: DateTime.now() }
        )
        for (const [index, citizen] of citizens.entries()) {
          const mark = cycle[index % cycle.length]
          await ServiceRating.create({
            serviceId: service.id, userId: citizen.id, month: DateTime.fromISO(`${month}-01`),
            markTime: mark, markWaiting: mark, markStaff: mark, markPremises: Math.min(5, mark + (index % 2)), markInformation: mark, followUp: 'none',
          })
        }
      }
    }
  })
}

/** The method recomputed from the published ratings file only, independently of the app's code. */
function recompute(file: string) {
  const rows = file.trim().split('\n').slice(1).map((line) => line.split(','))
  const bodies = new Map<string, number[]>()
  for (const row of rows) {
    const overall = row.slice(3).map(Number).reduce((sum, mark) => sum + mark, 0) / 5
    bodies.set(row[1], [...(bodies.get(row[1]) ?? []), overall])
  }
  const all = [...bodies.values()].flat()
  const prior = all.reduce((sum, value) => sum + value, 0) / all.length
  return [...bodies.entries()]
    .filter(([, values]) => values.length >= METHOD.minRatings)
    .map(([body, values]) => ({ body, score: (METHOD.priorWeight * prior + values.reduce((sum, value) => sum + value, 0)) / (METHOD.priorWeight + values.length), n: values.length }))
    .sort((a, b) => b.score - a.score || b.n - a.n || (a.body < b.body ? -1 : 1))
    .map((row) => row.body)
}

test.group('Service ratings | monthly ranks, sealed and reproducible', (group) => {
  group.setup(async () => {
    portal = await ensureTenant('svc_ranks_portal', 'portal')
    await seed()
  })

  test('the job seals the month once: Bayesian ranks, Δrank, alerts; the published ratings file hashes to the snapshot and recomputes its ranks', async ({ assert, client }) => {
    const january = await inTenant(portal, () => new SealMonthJob().handle({ month: '2025-01' }))
    const february = await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-02-01')))
    assert.isTrue(february.created)
    const again = await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-02-01')))
    assert.deepEqual(again, { ...february, created: false }, 'a second run changes nothing')

    const ranks = await inTenant(portal, () => tenantDb().from('service_ranks').where('snapshot_id', february.snapshotId).where('scope', 'body').orderBy('rank'))
    assert.deepEqual(ranks.map((row) => row.subject), ['svc_delta', 'svc_bravo', 'svc_charlie', 'svc_alpha'])
    assert.deepEqual(ranks.map((row) => row.delta_rank), [3, 0, 0, -3])
    assert.deepEqual(ranks.map((row) => row.alert), [null, null, null, 'bottom_quartile'])
    for (const row of ranks) {
      assert.isAtMost(Number(row.interval_low), Number(row.mean_overall))
      assert.isAtLeast(Number(row.interval_high), Number(row.mean_overall))
    }
    const januaryRanks = await inTenant(portal, () => tenantDb().from('service_ranks').where('snapshot_id', (january as any).snapshotId).where('scope', 'body').orderBy('rank'))
    assert.deepEqual(januaryRanks.map((row) => row.subject), ['svc_alpha', 'svc_bravo', 'svc_charlie', 'svc_delta'])

    const file = await client.get('/services/ranks/2025-02/ratings.csv').header('host', hostOf(portal))
    file.assertStatus(200)
    assert.notInclude(file.text(), 'rater', 'no person in the published file')
    assert.equal(createHash('sha256').update(file.text()).digest('hex'), february.sha256)
    assert.deepEqual(recompute(file.text()), ranks.map((row) => row.subject))

    const page = await client.get('/services/ranks?month=2025-02').header('host', hostOf(portal))
    page.assertStatus(200)
    assert.include(page.text(), february.sha256)
    assert.include(page.text(), '<svg')
    // filters: the services of one body; municipalities only (all four are)
    const oneBody = await client.get('/services/ranks?month=2025-02&scope=service&body=svc_bravo').header('host', hostOf(portal))
    assert.deepEqual([...oneBody.text().matchAll(/data-subject="([^"]+)"/g)].map((match) => match[1]), ['svc_bravo/permit'])
    const blocks = await client.get('/services/ranks?month=2025-02&kind=block').header('host', hostOf(portal))
    assert.notInclude(blocks.text(), 'data-subject=')
    const municipalities = await client.get('/services/ranks?month=2025-02&kind=municipality').header('host', hostOf(portal))
    assert.lengthOf([...municipalities.text().matchAll(/data-subject="/g)], 4)
    const exported = await client.get('/services/ranks/2025-02/export?format=json').header('host', hostOf(portal))
    assert.equal(exported.body().ratingsSha256, february.sha256)
    assert.lengthOf(exported.body().ranks, 8)
    const csv = await client.get('/services/ranks/2025-02/export?format=csv').header('host', hostOf(portal))
    assert.match(csv.text(), /^month,version,scope,subject/)
    // the XLSX, read by openpyxl: the header, then the bodies by rank with numbers as numbers
    const xlsx = await client.get('/services/ranks/2025-02/export?format=xlsx').header('host', hostOf(portal))
    const cells = await openpyxlRows(xlsx.body() as Buffer)
    assert.equal(cells[0][3].value, 'subject')
    assert.equal(cells[1][3].value, 'svc_delta')
    assert.equal(cells[1][17].type, 'n')
    assert.equal(cells[1][17].value, 1)
    // the XML parses
    const xml = await client.get('/services/ranks/2025-02/export?format=xml').header('host', hostOf(portal))
    assert.lengthOf(new XMLParser().parse(xml.text()).ranks.rank, 8)

    // the open dataset the open-data job generates: every sealed month's latest version, no person
    const dataset = await inTenant(portal, () => governmentServiceRanksGenerator.rows(DateTime.now()))
    const februaryBodies = dataset.filter((row) => row[0] === '2025-02' && row[2] === 'body')
    assert.deepEqual(februaryBodies.map((row) => [row[3], row[14], row[15]]), [['svc_delta', '1', '3'], ['svc_bravo', '2', '0'], ['svc_charlie', '3', '0'], ['svc_alpha', '4', '-3']])
    assert.isTrue(dataset.every((row) => row.length === governmentServiceRanksGenerator.fields.length))
    assert.notInclude(JSON.stringify(dataset), 'rater')
  })

  test('a sealed month never changes: updates and deletes fail; a correction is a new version with a reason; open months are refused', async ({ assert }) => {
    const sealed = await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-02-01')))
    const update = await inTenant(portal, () => tenantDb().from('service_ranks').where('snapshot_id', sealed.snapshotId).update({ rank: 1 })).catch((error: Error) => error)
    assert.match(String((update as Error).message), /sealed/)
    const remove = await inTenant(portal, () => tenantDb().from('service_rank_snapshots').where('id', sealed.snapshotId).delete()).catch((error: Error) => error)
    assert.match(String((remove as Error).message), /sealed/)

    const corrected = await inTenant(portal, () => sealMonth(DateTime.fromISO('2025-02-01'), { reason: 'Пересчёт после исправления каталога' }))
    assert.isTrue(corrected.created)
    assert.equal(corrected.sha256, sealed.sha256, 'the same ratings give the same hash')
    const versions = await inTenant(portal, () => tenantDb().from('service_rank_snapshots').where('month', '2025-02-01').orderBy('version'))
    assert.deepEqual(versions.map((row) => row.version), [1, 2])

    const open = await inTenant(portal, () => sealMonth(DateTime.now())).catch((error: Error) => error)
    assert.match(String((open as Error).message), /not closed/)
    // the ranks columns carry each criterion
    const row = await inTenant(portal, () => tenantDb().from('service_ranks').where('snapshot_id', corrected.snapshotId).first())
    for (const criterion of criteria) assert.property(row, `score_${criterion}`)
  })
})
