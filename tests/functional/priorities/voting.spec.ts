import { test } from '@japa/runner'
import User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { inTenant } from '#tests/helpers/tenants'
import { postJson } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

// Every test runs in 2031 Q2 (clock fixed), far from today, whatever day the suite runs.
const IN_Q2 = '2031-05-15T12:00'
let portal: PrioritiesPortal
let regional: number[]
let krasnodarLocal: number
let sochiLocal: number

function vote(session: string, priorityId: number, quarter = '2031-Q2') {
  return postJson(testClient, portal.host, session, '/priorities', '/priorities/vote', { priorityId: String(priorityId), quarter })
}
function withdraw(session: string, priorityId: number, quarter = '2031-Q2') {
  return postJson(testClient, portal.host, session, '/priorities', '/priorities/withdraw', { priorityId: String(priorityId), quarter })
}
let testClient: Parameters<typeof sessionOf>[0]

test.group('Priorities | voting', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prv_portal')
    await atMoment(IN_Q2, async () => {
      regional = []
      for (let index = 1; index <= 6; index++) regional.push((await publishedPriority(portal.tenant, { title: `Региональный ${index}`, opensQuarter: '2031-Q1' })).id)
      krasnodarLocal = (await publishedPriority(portal.tenant, { title: 'Сквер в Краснодаре', level: 'municipal', municipalityCode: 'krasnodar', opensQuarter: '2031-Q2' })).id
      sochiLocal = (await publishedPriority(portal.tenant, { title: 'Набережная Сочи', level: 'municipal', municipalityCode: 'sochi', opensQuarter: '2031-Q2' })).id
      await livesIn(portal.tenant, portal.anna, 'krasnodar')
      await livesIn(portal.tenant, portal.vera, 'sochi')
    })
    await inTenant(portal.tenant, async () => {
      const vera = await User.findOrFail(portal.vera.id)
      vera.locale = 'en'
      await vera.save()
    })
  })

  test('a resident votes up to the quarter allowance (5); the sixth vote and a second vote for one priority are 422; a withdrawal frees a place', async ({ assert, client }) => {
    testClient = client
    await atMoment(IN_Q2, async () => {
      const anna = await sessionOf(client, portal.host, portal.anna.email)
      for (const id of regional.slice(0, 4)) (await vote(anna, id)).assertStatus(200)
      ;(await vote(anna, krasnodarLocal)).assertStatus(200)

      const over = await vote(anna, regional[4])
      over.assertStatus(422)
      assert.include(over.body().errors[0].message, 'не больше 5 голосов')
      assert.equal(over.body().errors[0].field, 'priorityId')

      const twice = await vote(anna, regional[0])
      twice.assertStatus(422)

      ;(await withdraw(anna, regional[0])).assertStatus(200)
      ;(await withdraw(anna, regional[0])).assertStatus(422)
      ;(await vote(anna, regional[4])).assertStatus(200)

      const my = await client.get('/priorities/my').header('host', portal.host).withCookie('krai-session', anna)
      assert.include(my.text(), 'Региональный 5')
      assert.notInclude(my.text(), 'Региональный 1<')
      assert.include(my.text(), '5 из 5')
    })
  })

  test('the voter list and the ballots are kept apart: ballots carry the frozen municipality and no user; the voter row no choice', async ({ assert }) => {
    await inTenant(portal.tenant, async () => {
      const columnsOf = async (table: string) =>
        (await tenantDb().rawQuery('select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?', [table])).rows.map((row: { column_name: string }) => row.column_name)
      const ballotColumns = await columnsOf('priority_ballots')
      assert.notInclude(ballotColumns, 'user_id')
      const voterColumns = await columnsOf('priority_voters')
      assert.include(ballotColumns, 'municipality_code')
      assert.notInclude(voterColumns, 'priority_id')
      const active = await tenantDb().from('priority_ballots').where('quarter', '2031-Q2').whereNull('withdrawn_at')
      assert.lengthOf(active, 5)
      assert.isTrue(active.every((ballot) => ballot.municipality_code === 'krasnodar'))
      const voter = await tenantDb().from('priority_voters').where({ user_id: portal.anna.id, quarter: '2031-Q2' }).firstOrFail()
      assert.equal(voter.active_votes, 5)
      assert.lengthOf(await tenantDb().from('priority_ballots').where('quarter', '2031-Q2').whereNotNull('withdrawn_at'), 1)
    })
  })

  test('refusals in the person\'s language: no residence, unconfirmed e-mail, another municipality\'s priority, a closed quarter', async ({ assert, client }) => {
    testClient = client
    await atMoment(IN_Q2, async () => {
      const nomad = await sessionOf(client, portal.host, portal.nomad.email)
      const noResidence = await vote(nomad, regional[0])
      noResidence.assertStatus(422)
      assert.include(noResidence.body().errors[0].message, 'муниципальное образование')

      const unconfirmed = await sessionOf(client, portal.host, portal.unconfirmed.email)
      const notConfirmed = await vote(unconfirmed, regional[0])
      notConfirmed.assertStatus(422)
      assert.include(notConfirmed.body().errors[0].message, 'Подтвердите')

      const vera = await sessionOf(client, portal.host, portal.vera.email)
      const foreign = await vote(vera, krasnodarLocal)
      foreign.assertStatus(422)
      assert.equal(foreign.body().errors[0].message, 'Only its residents vote for a municipality\'s priorities.')
      ;(await vote(vera, sochiLocal)).assertStatus(200)

      const closed = await vote(vera, regional[1], '2031-Q1')
      closed.assertStatus(422)
      assert.equal(closed.body().errors[0].field, 'quarter')
      assert.include(closed.body().errors[0].message, 'Voting for 2031-Q1 is closed')
    })
  })

  test('a change of residence applies next quarter; the ballot keeps the municipality it was cast in', async ({ assert, client }) => {
    testClient = client
    await atMoment(IN_Q2, async () => {
      const vera = await sessionOf(client, portal.host, portal.vera.email)
      const moved = await postJson(client, portal.host, vera, '/citizen/profile', '/priorities/residence', { residenceMunicipalityCode: 'krasnodar' })
      moved.assertStatus(200)
      assert.include(moved.body().message, '2031-Q3')
      // still a resident of Sochi in Q2
      ;(await vote(vera, krasnodarLocal)).assertStatus(422)
      ;(await vote(vera, regional[2])).assertStatus(200)
      const unknown = await postJson(client, portal.host, vera, '/citizen/profile', '/priorities/residence', { residenceMunicipalityCode: 'atlantis' })
      unknown.assertStatus(422)
    })
    await atMoment('2031-07-10T12:00', async () => {
      const vera = await sessionOf(client, portal.host, portal.vera.email)
      ;(await vote(vera, krasnodarLocal, '2031-Q3')).assertStatus(200)
    })
    await inTenant(portal.tenant, async () => {
      // Anna (Krasnodar) and Vera (Sochi until Q3) voted for it in Q2
      const q2 = await tenantDb().from('priority_ballots').where({ quarter: '2031-Q2', priority_id: regional[2] }).whereNull('withdrawn_at').orderBy('municipality_code')
      assert.deepEqual(q2.map((ballot) => ballot.municipality_code), ['krasnodar', 'sochi'])
      const q3 = await tenantDb().from('priority_ballots').where({ quarter: '2031-Q3', priority_id: krasnodarLocal })
      assert.deepEqual(q3.map((ballot) => ballot.municipality_code), ['krasnodar'])
    })
  })

  test('the municipality chooser on the list works without a script (the CSP forbids inline handlers)', async ({ assert, client }) => {
    const chosen = await client.get('/priorities?code=sochi').header('host', portal.host).redirects(0)
    chosen.assertStatus(302)
    assert.equal(chosen.header('location'), '/priorities/municipalities/sochi')
    const unknown = await client.get('/priorities?code=atlantis').header('host', portal.host).redirects(0)
    unknown.assertStatus(200)
    assert.notInclude(unknown.text(), 'onsubmit=')
  })

  test('portal admins keep the list (422 for a municipal priority without its municipality); citizens may not', async ({ assert, client }) => {
    testClient = client
    await atMoment(IN_Q2, async () => {
      const anna = await sessionOf(client, portal.host, portal.anna.email)
      ;(await client.get('/priorities/admin').header('host', portal.host).withCookie('krai-session', anna)).assertStatus(403)
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const fields = { level: 'municipal', title: 'Новая школа', description: 'Строительство школы на 1100 мест.', category: 'Образование', opensQuarter: '2031-Q2' }
      const missing = await postJson(client, portal.host, admin, '/priorities/admin', '/priorities/admin', fields)
      missing.assertStatus(422)
      assert.equal(missing.body().errors[0].field, 'municipalityCode')
      const created = await postJson(client, portal.host, admin, '/priorities/admin', '/priorities/admin', { ...fields, municipalityCode: 'sochi' })
      created.assertStatus(200)
      assert.equal(created.body().status, 'draft')
      const vera = await sessionOf(client, portal.host, portal.vera.email)
      ;(await vote(vera, created.body().id)).assertStatus(422)
      const published = await postJson(client, portal.host, admin, '/priorities/admin', `/priorities/admin/${created.body().id}/publish`, {})
      assert.equal(published.body().status, 'published')
      ;(await vote(vera, created.body().id)).assertStatus(200)
    })
  })

  test('votes are counted per address only as a hash, for the moderators\' report of bursts; citizens may not see it', async ({ assert, client }) => {
    const rows = await inTenant(portal.tenant, () => tenantDb().from('priority_vote_addresses').where('quarter', '2031-Q2'))
    assert.isAbove(rows.length, 0)
    assert.isTrue(rows.every((row) => /^[0-9a-f]{64}$/.test(row.address_hash) && !row.address_hash.includes('127.0.0.1')))
    await inTenant(portal.tenant, () =>
      tenantDb().table('priority_vote_addresses').insert({ quarter: '2031-Q2', address_hash: 'ab'.repeat(32), hour: new Date('2031-05-15T09:00:00Z'), votes: 45 })
    )
    await atMoment(IN_Q2, async () => {
      const anna = await sessionOf(client, portal.host, portal.anna.email)
      ;(await client.get('/priorities/moderation').header('host', portal.host).withCookie('krai-session', anna)).assertStatus(403)
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const report = await client.get('/priorities/moderation').header('host', portal.host).withCookie('krai-session', admin)
      report.assertStatus(200)
      assert.include(report.text(), 'abababababab…')
      assert.include(report.text(), '>45<')
    })
  })

  test('a citizen suggests a priority for moderation; an admin publishes it and it opens to votes', async ({ assert, client }) => {
    testClient = client
    await atMoment(IN_Q2, async () => {
      const vera = await sessionOf(client, portal.host, portal.vera.email)
      const fields = { level: 'municipal', municipalityCode: 'sochi', title: 'Велодорожка вдоль моря', description: 'Велодорожка от Адлера до Хосты вдоль берега.', category: 'Транспорт' }
      const suggested = await postJson(client, portal.host, vera, '/priorities/suggest', '/priorities/suggestions', fields)
      suggested.assertStatus(200)
      assert.equal(suggested.body().status, 'suggested')
      ;(await vote(vera, suggested.body().id)).assertStatus(422)
      const list = await client.get('/priorities/municipalities/sochi').header('host', portal.host)
      assert.notInclude(list.text(), 'Велодорожка вдоль моря')
      for (let index = 0; index < 2; index++) (await postJson(client, portal.host, vera, '/priorities/suggest', '/priorities/suggestions', { ...fields, title: `Ещё ${index}` })).assertStatus(200)
      const fourth = await postJson(client, portal.host, vera, '/priorities/suggest', '/priorities/suggestions', fields)
      fourth.assertStatus(422)
      assert.include(fourth.body().errors[0].message, 'three suggestions')

      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const published = await postJson(client, portal.host, admin, '/priorities/admin', `/priorities/admin/${suggested.body().id}/publish`, {})
      assert.equal(published.body().status, 'published')
      ;(await vote(vera, suggested.body().id)).assertStatus(200)
      assert.include((await client.get('/priorities/municipalities/sochi').header('host', portal.host)).text(), 'Велодорожка вдоль моря')
    })
  })

  test('a moderator excludes the ballots of a burst minute (audited); the report shows the minute; a citizen may not', async ({ assert, client }) => {
    testClient = client
    await inTenant(portal.tenant, async () => {
      const rows = Array.from({ length: 100 }, (_, index) => ({
        receipt: `burst-${String(index).padStart(3, '0')}`.padEnd(64, '0'),
        quarter: '2031-Q2',
        priority_id: regional[5],
        municipality_code: 'anapa',
        cast_at: new Date(`2031-06-01T09:15:${String(index % 60).padStart(2, '0')}Z`),
      }))
      await tenantDb().table('priority_ballots').multiInsert(rows)
    })
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const report = await client.get('/priorities/moderation').header('host', portal.host).withCookie('krai-session', admin)
      // 09:15 UTC is 12:15 in the region
      assert.include(report.text(), '01.06.2031 12:15')
      const anna = await sessionOf(client, portal.host, portal.anna.email)
      ;(await postJson(client, portal.host, anna, '/priorities', '/priorities/moderation/exclude', { quarter: '2031-Q2', minute: '2031-06-01T12:15', reason: 'Накрутка' })).assertStatus(403)
      const excluded = await postJson(client, portal.host, admin, '/priorities/moderation', '/priorities/moderation/exclude', { quarter: '2031-Q2', minute: '2031-06-01T12:15', reason: 'Сто голосов за минуту из одного района' })
      excluded.assertStatus(200)
      assert.equal(excluded.body().excluded, 100)
      assert.isFalse(excluded.body().sealed)
    })
    const left = await inTenant(portal.tenant, () => tenantDb().from('priority_ballots').where('municipality_code', 'anapa').whereNull('moderated_out_at'))
    assert.lengthOf(left, 0)
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'priorities.ballots_moderated_out').first())
    assert.isNotNull(audit)
  })
})
