import { test } from '@japa/runner'
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantRegistry } from '#tenancy/tenant_registry'
import type Tenant from '#tenancy/tenant'
import ProblemTheme from '#modules/problems/models/problem_theme'
import RoutingRule from '#modules/problems/models/routing_rule'
import { DEMO_CATALOG_PATH } from '#tenants/catalog'
import { provisionCatalog } from '#tenants/provision_catalog'
import { seedDemoContent } from '#tenants/demo_content/seed'
import { ORDER_STATUSES } from '#modules/orders/lifecycle'
import { hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { regionTodayIso } from '#core/region_time'
import { demoSealedQuarters } from '#tenants/demo_content/priorities'
import { currentQuarter } from '#modules/priorities/services/quarters'
import { verifyQuarter } from '#modules/priorities/actions/verify_quarter'

const PASSWORD = 'demo-seed-password'
const SLUGS = { north: 'seednorth', south: 'seedsouth', control: 'seedcontrol', portal: 'seedportal' }

/** A small region: two blocks, the Department of Control and the portal, with the demo catalog's municipalities. */
async function smallRegion() {
  const directory = await mkdtemp(join(tmpdir(), 'krai-demo-seed-'))
  const department = (code: string, name: string) => ({ code, name_ru: name, name_en: code })
  const government = {
    region: { code: 'kuban', name_ru: 'Краснодарский край', name_en: 'Krasnodar Region' },
    tenants: [
      { slug: SLUGS.north, kind: 'block', name_ru: 'Северный блок', name_en: 'North block',
        departments: [department('health', 'Министерство здравоохранения'), department('roads', 'Министерство транспорта'), department('finance', 'Министерство финансов')] },
      { slug: SLUGS.south, kind: 'block', name_ru: 'Южный блок', name_en: 'South block', departments: [department('economy', 'Министерство экономики')] },
      { slug: SLUGS.control, kind: 'control', name_ru: 'Департамент контроля', name_en: 'Control', departments: [department('control', 'Департамент контроля')] },
      { slug: SLUGS.portal, kind: 'portal', name_ru: 'Портал', name_en: 'Portal', departments: [] },
    ],
  }
  await writeFile(join(directory, 'government.json'), JSON.stringify(government))
  await copyFile(join(DEMO_CATALOG_PATH, 'municipalities.csv'), join(directory, 'municipalities.csv'))
  await provisionCatalog(directory, { demoPassword: PASSWORD })
  return directory
}

/** Row counts of every table of a tenant's schema, read as the superuser. */
async function rowCounts(slug: string) {
  const tables = await db.rawQuery(`select tablename from pg_tables where schemaname = ? order by tablename`, [`tenant_${slug}`])
  const counts: Record<string, number> = {}
  for (const { tablename } of tables.rows) {
    counts[tablename] = Number((await db.rawQuery(`select count(*) as total from "tenant_${slug}"."${tablename}"`)).rows[0].total)
  }
  return counts
}

async function regionCounts() {
  return Object.fromEntries(await Promise.all(Object.values(SLUGS).map(async (slug) => [slug, await rowCounts(slug)])))
}

function tenant(slug: string): Promise<Tenant> {
  return tenantRegistry.findBySlugOrFail(slug)
}

async function ordersByStatus(slug: string): Promise<Record<string, number>> {
  return inTenant(await tenant(slug), async () => {
    const rows = await tenantDb().from('orders').select('status').count('* as total').groupBy('status')
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.total)]))
  })
}

test.group('Demo content | demo:seed', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  let catalog: string

  group.setup(async () => {
    catalog = await smallRegion()
    // The small region has none of the demo region's departments, so its portal routes roads to the north block by hand.
    await inTenant(await tenant(SLUGS.portal), async () => {
      const roads = await ProblemTheme.findByOrFail('code', 'roads')
      await RoutingRule.updateOrCreate({ themeId: roads.id, municipalityId: null }, { targetTenant: SLUGS.north, targetDepartmentCode: 'roads', targetDepartmentName: 'Министерство транспорта' })
    })
  })

  test('seeding one tenant writes only into that tenant', async ({ assert }) => {
    const before = await regionCounts()
    const [result] = await seedDemoContent({ catalog, only: [SLUGS.south] })
    assert.equal(result.outcome, 'seeded')
    const after = await regionCounts()
    for (const slug of [SLUGS.north, SLUGS.control, SLUGS.portal]) assert.deepEqual(after[slug], before[slug], `${slug} changed`)
    assert.isAbove(after[SLUGS.south].orders, before[SLUGS.south].orders)
  }).timeout(60_000)

  test('the whole region gets orders in every state, staffing, ratings, lawsuits, answered problems and draft acts with remarks', async ({ assert }) => {
    const started = performance.now()
    const results = await seedDemoContent({ catalog })
    assert.isBelow(performance.now() - started, 30_000)
    assert.deepEqual(
      Object.fromEntries(results.map((result) => [result.slug, result.outcome])),
      { [SLUGS.north]: 'seeded', [SLUGS.south]: 'already seeded', [SLUGS.control]: 'seeded', [SLUGS.portal]: 'seeded' }
    )

    const statuses = await ordersByStatus(SLUGS.north)
    for (const status of ORDER_STATUSES) assert.isAbove(statuses[status] ?? 0, 0, `no order in status ${status}`)
    const total = Object.values(statuses).reduce((sum, count) => sum + count, 0)
    assert.isAtLeast(total, 15)
    assert.isAtMost(total, 25)

    await inTenant(await tenant(SLUGS.north), async () => {
      const scalar = async (sql: string, bindings: string[] = []) => Number(Object.values((await tenantDb().rawQuery(sql, bindings)).rows[0])[0])
      // overdue by the region's today (the app's clock), as the seed dated them
      assert.isAbove(await scalar(`select count(*) from orders where deadline < ? and status in ('issued', 'in_progress', 'extension_requested', 'report_submitted', 'returned')`, [regionTodayIso()]), 0)
      assert.isAbove(await scalar(`select count(*) from orders where special_control`), 0)
      assert.isAbove(await scalar(`select count(*) from orders where parent_id is not null`), 0)
      assert.isAtLeast(await scalar(`select count(*) from order_extension_requests`), 2)
      assert.isAbove(await scalar(`select count(*) from order_activities`), total)
      assert.isAbove(await scalar(`select count(*) from notifications`), 0)
      assert.isAbove(await scalar(`select count(*) from programme_events`), 0)
      assert.isAbove(await scalar(`select count(*) from planner_items`), 0)
      assert.isAbove(await scalar(`select count(*) from staffing_staff`), 0)
      assert.equal(await scalar(`select count(distinct rating_id) from rating_editions`), 2)
      assert.equal(await scalar(`select count(*) from rating_editions`), 4)
      assert.isAbove(await scalar(`select count(*) from lawsuit_cases`), 0)
      // The control tenant's order arrived over the bus and was taken into work; the portal's roads problem was answered.
      assert.equal(await scalar(`select count(*) from orders where origin_tenant = '${SLUGS.control}' and status = 'in_progress'`), 1)
      assert.isAbove(await scalar(`select count(*) from problem_cases where status <> 'open'`), 0)
      // its draft act is under public discussion and the portal's citizen remarked on it
      assert.equal(await scalar(`select count(*) from lawmaking_drafts where stage = 'discussion' and current_version = 1`), 1)
      assert.equal(await scalar(`select count(*) from lawmaking_received_remarks`), 1)
    })
    await inTenant(await tenant(SLUGS.portal), async () => {
      const rows = await tenantDb().from('problems').select('status').count('* as total').groupBy('status')
      const problems = Object.fromEntries(rows.map((row) => [row.status, Number(row.total)]))
      assert.isAbove(problems.confirmed ?? 0, 0)
      assert.isAbove(problems.awaiting_routing ?? 0, 0)
      // the drafts of both blocks (south seeded in the first test), each with the demo citizen's remark
      const drafts = await tenantDb().from('lawmaking_public_drafts').select('origin_tenant', 'remarks_count').orderBy('origin_tenant')
      assert.deepEqual(drafts.map((row) => [row.origin_tenant, row.remarks_count]), [[SLUGS.north, 1], [SLUGS.south, 1]].sort())
    })
  }).timeout(120_000)

  test('the portal shows priorities open this quarter and past quarters sealed by the real sealing', async ({ assert, client }) => {
    const portal = await tenant(SLUGS.portal)
    const quarters = demoSealedQuarters()
    await inTenant(portal, async () => {
      const scalar = async (sql: string, bindings: unknown[] = []) => Number(Object.values((await tenantDb().rawQuery(sql, bindings as any)).rows[0])[0])
      const open = `status = 'published' and opens_quarter <= ? and (closes_quarter is null or closes_quarter >= ?)`
      assert.isAtLeast(await scalar(`select count(*) from priority_items where level = 'regional' and ${open}`, [currentQuarter(), currentQuarter()]), 12)
      // a few priorities in each of several municipalities
      const municipal = await tenantDb().rawQuery(`select municipality_code, count(*)::int as total from priority_items where level = 'municipal' and ${open} group by 1`, [currentQuarter(), currentQuarter()])
      assert.isAtLeast(municipal.rows.length, 4)
      for (const row of municipal.rows) assert.isAtLeast(row.total, 2)
      // titles are Russian; each regional priority has a block of the directory responsible (the small region's blocks in turn)
      assert.match((await tenantDb().from('priority_items').orderBy('id').firstOrFail()).title, /[а-я]/)
      const responsible = (await tenantDb().from('priority_items').where('level', 'regional').distinct('responsible_body')).map((row) => row.responsible_body)
      assert.sameMembers(responsible, [SLUGS.north, SLUGS.south])
      // each past quarter sealed once, with counted and withdrawn ballots in its notes and ranks for every municipality
      const snapshots = await tenantDb().from('priority_snapshots').orderBy('quarter')
      assert.deepEqual(snapshots.map((row) => [row.quarter, row.version]), quarters.map((quarter) => [quarter, 1]))
      for (const snapshot of snapshots) {
        assert.isAbove(snapshot.ballots_counted, 1000)
        assert.isAbove(snapshot.ballots_withdrawn, 0)
        assert.equal(await scalar(`select count(distinct scope) from priority_snapshot_ranks where snapshot_id = ?`, [snapshot.id]), 45)
        // re-sealed from the ballots it gives the same ranks and ballot file hash
        const verified = await verifyQuarter(snapshot.quarter)
        assert.isTrue(verified.ok, `${snapshot.quarter}: ${JSON.stringify(verified).slice(0, 300)}`)
      }
      // Δrank: the later quarters compare with the one before, and some places moved
      const latest = snapshots.at(-1)!
      assert.equal(await scalar(`select count(*) from priority_snapshot_ranks where snapshot_id = ? and previous_rank is null and scope = 'region'`, [latest.id]), 0)
      assert.isAbove(await scalar(`select count(*) from priority_snapshot_ranks where snapshot_id = ? and previous_rank <> rank`, [latest.id]), 0)
      // the current quarter: open, not sealed, the demo citizen's two votes in it
      assert.equal(await scalar(`select count(*) from priority_snapshots where quarter = ?`, [currentQuarter()]), 0)
      assert.equal(await scalar(`select count(*) from priority_ballots where quarter = ?`, [currentQuarter()]), 2)
    })

    // the blocks received the sealed ranks of the priorities they answer for, over the bus
    for (const slug of [SLUGS.north, SLUGS.south]) {
      const received = (await inTenant(await tenant(slug), () => tenantDb().from('priority_received_results').distinct('quarter'))).map((row) => row.quarter)
      assert.sameMembers(received, quarters, slug)
    }

    const host = hostOf(portal)
    const list = await client.get('/priorities').header('host', host)
    list.assertStatus(200)
    list.assertTextIncludes('Ремонт региональных дорог между станицами')
    const results = await client.get(`/priorities/results/${quarters.at(-1)}`).header('host', host)
    results.assertStatus(200)
    results.assertTextIncludes('Ремонт региональных дорог между станицами')
    const map = await client.get(`/priorities/results/${quarters.at(-1)}/map`).header('host', host)
    map.assertStatus(200)
  }).timeout(60_000)

  test('the portal shows a living network: profiles, experts, an organisation, officials, publications, a conversation, a flag and suggestions', async ({ assert, client }) => {
    const portal = await tenant(SLUGS.portal)
    const citizenEmail = `citizen@${SLUGS.portal}.krai.local`
    const facts = await inTenant(portal, async () => {
      const scalar = async (sql: string, bindings: unknown[] = []) => Number(Object.values((await tenantDb().rawQuery(sql, bindings as any)).rows[0])[0])
      const citizen = await tenantDb().from('users').where('email', citizenEmail).firstOrFail()
      // the demo citizen's profile: about, interests, municipality and an avatar stored as a re-encoded WebP
      const profile = await tenantDb().from('social_profiles').where('user_id', citizen.id).firstOrFail()
      assert.equal(profile.display_name, 'Павел Смирнов')
      assert.equal(citizen.full_name, 'Павел Смирнов')
      assert.match(profile.about, /[а-я]/)
      assert.equal(profile.municipality_code, 'krasnodar')
      assert.includeMembers(profile.interests, ['transport'])
      assert.match(profile.avatar_key, new RegExp(`^tenants/${SLUGS.portal}/social/avatars/.+\\.webp$`))
      // made-up people, two experts verified by the moderator through law-making (audited), one organisation with members
      assert.isAtLeast(await scalar(`select count(*) from social_profiles where avatar_key is not null`), 9)
      assert.equal(await scalar(`select count(*) from lawmaking_expert_profiles where status = 'verified'`), 2)
      assert.equal(await scalar(`select count(*) from audit_entries where action = 'lawmaking.expert_verified'`), 2)
      assert.equal(await scalar(`select count(*) from social_organisations where status = 'verified'`), 1)
      assert.equal(await scalar(`select count(*) from social_organisation_members where accepted_at is not null`), 3)
      // the north block's official account arrived over the bus
      assert.deepEqual((await tenantDb().from('social_official_accounts').select('body_slug')).map((row) => row.body_slug), [SLUGS.north])
      // a community moderated by a verified expert; publications with photos, threads, votes, likes; a located gallery
      assert.equal(await scalar(`select count(*) from social_community_moderators m join users u on u.id = m.user_id where u.role = 'expert'`), 1)
      assert.equal(await scalar(`select count(*) from social_publications`), 10)
      assert.isAtLeast(await scalar(`select count(*) from social_publications where community_id is not null`), 2)
      assert.isAtLeast(await scalar(`select count(distinct publication_id) from social_publication_photos`), 4)
      assert.isAtLeast(await scalar(`select count(*) from social_comments where parent_id is not null`), 5)
      assert.isAbove(await scalar(`select count(*) from social_comment_votes`), 0)
      assert.isAbove(await scalar(`select count(*) from social_publication_likes`), 10)
      assert.equal(await scalar(`select count(*) from social_gallery_photos where lat is not null and lon is not null`), 4)
      // a conversation of the demo citizen, one message unread by him; one comment flagged once, waiting in the queue
      assert.equal(await scalar(`select count(*) from social_messages`), 4)
      assert.equal(await scalar(`select unread_count from social_conversation_members where user_id = ?`, [citizen.id]), 1)
      const cases = await tenantDb().from('social_moderation_cases').select('kind', 'state', 'open_flags', 'hidden')
      assert.deepEqual(cases.map((row) => [row.kind, row.state, row.open_flags, row.hidden]), [['social.comment', 'pending', 1, false]])
      // suggestions in every state: moderation, public with supports, waiting for the body, accepted with an order, rejected with reasons
      const rows = await tenantDb().from('suggestions').select('status').count('* as total').groupBy('status')
      assert.deepEqual(Object.fromEntries(rows.map((row) => [row.status, Number(row.total)])), { moderation: 1, public: 1, sent: 1, accepted: 1, rejected: 1 })
      const accepted = await tenantDb().from('suggestions').where('status', 'accepted').firstOrFail()
      assert.equal(accepted.category, 'transport_route')
      assert.equal(accepted.author_id, citizen.id)
      assert.isNotNull(accepted.order_number)
      assert.match((await tenantDb().from('suggestions').where('status', 'rejected').firstOrFail()).answer_text, /^Отклонено/)
      assert.isAbove(await scalar(`select count(*) from suggestion_supports`), 10)
      return { citizenId: Number(citizen.id), publication: (await tenantDb().from('social_publications').orderBy('id').firstOrFail()).title }
    })
    // the body's order for the accepted route, issued in its tenant
    assert.equal(await inTenant(await tenant(SLUGS.north), async () => Number((await tenantDb().from('orders').where('category', 'suggestions').count('* as n'))[0].n)), 1)
    // and the bus lane waits in its inbox for an answer
    const cases = await inTenant(await tenant(SLUGS.north), () => tenantDb().from('suggestion_cases').select('status').orderBy('status'))
    assert.deepEqual(cases.map((row) => row.status), ['accepted', 'open', 'rejected'])

    const host = hostOf(portal)
    const { session } = await signIn(client, host, citizenEmail, PASSWORD)
    const feed = await client.get('/feed').header('host', host).withCookie(SESSION_COOKIE, session!)
    feed.assertStatus(200)
    feed.assertTextIncludes(facts.publication)
    const person = await client.get(`/people/${facts.citizenId}`).header('host', host)
    person.assertStatus(200)
    person.assertTextIncludes('Павел Смирнов')
    const suggestions = await client.get('/suggestions').header('host', host)
    suggestions.assertStatus(200)
    suggestions.assertTextIncludes('Новый автобусный маршрут Фестивальный — Юбилейный')
  }).timeout(60_000)

  test('a second run adds nothing', async ({ assert }) => {
    const before = await regionCounts()
    const results = await seedDemoContent({ catalog })
    assert.isTrue(results.every((result) => result.outcome === 'already seeded'))
    assert.deepEqual(await regionCounts(), before)
  }).timeout(60_000)

  test('the control dashboard shows the seeded figures at once', async ({ assert, client }) => {
    const host = hostOf({ slug: SLUGS.control })
    const { session } = await signIn(client, host, `head@${SLUGS.control}.krai.local`, PASSWORD)
    const region = await client.get('/control').header('host', host).withCookie(SESSION_COOKIE, session!)
    region.assertStatus(200)
    const row = region.text().match(new RegExp(`href="/control/blocks/${SLUGS.north}">[\\s\\S]*?</tr>`))
    assert.isNotNull(row, 'no row for the north block')
    const [open, overdue, , special, executed] = [...row![0].matchAll(/<td class="num">([\d\s ]+)<\/td>/g)].map((match) => Number(match[1].replace(/\D/g, '')))
    assert.isAbove(open, 0)
    assert.isAbove(overdue, 0)
    assert.isAbove(special, 0)
    assert.isAbove(executed, 0)

    const overdueList = await client.get('/control/overdue').header('host', host).withCookie(SESSION_COOKIE, session!)
    overdueList.assertStatus(200)
    overdueList.assertTextIncludes('Устранить замечания Контрольно-счётной палаты')
  }).timeout(60_000)
})
