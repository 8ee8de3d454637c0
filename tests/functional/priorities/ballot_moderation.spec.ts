import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import { inTenant } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

// The quarter is 2031 Q2 (clock fixed), sealed on 1 July 2031 — whatever day the suite runs.
const IN_Q2 = '2031-05-15T12:00'
let portal: PrioritiesPortal
let roads: number
let hospitals: number
let burstIds: number[]

function excludeBallot(client: Parameters<typeof sessionOf>[0], session: string, ballotId: number | string, reason = 'Голос из серии накрутки') {
  return postJson(client, portal.host, session, '/priorities/moderation?quarter=2031-Q2', '/priorities/moderation/ballots', { ballotId: String(ballotId), reason })
}

function ballot(id: number) {
  return inTenant(portal.tenant, () => tenantDb().from('priority_ballots').where('id', id).firstOrFail())
}

test.group('Priorities | moderating single ballots', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prmod_portal')
    await atMoment(IN_Q2, async () => {
      roads = (await publishedPriority(portal.tenant, { title: 'Дороги между районами', opensQuarter: '2031-Q2' })).id
      hospitals = (await publishedPriority(portal.tenant, { title: 'Новые больницы', opensQuarter: '2031-Q2' })).id
      await livesIn(portal.tenant, portal.anna, 'krasnodar')
      await livesIn(portal.tenant, portal.vera, 'sochi')
      await inTenant(portal.tenant, async () => {
        await new CastVote().handle(portal.anna, { priorityId: roads })
        await new CastVote().handle(portal.vera, { priorityId: hospitals })
      })
    })
    // a burst: 100 ballots for the roads in one minute (12:15 region time), as a script would cast them
    burstIds = await inTenant(portal.tenant, async () => {
      const rows = Array.from({ length: 100 }, (_, index) => ({
        receipt: `burst-${String(index).padStart(3, '0')}`.padEnd(64, '0'),
        quarter: '2031-Q2',
        priority_id: roads,
        municipality_code: 'anapa',
        cast_at: new Date(`2031-06-01T09:15:${String(index % 60).padStart(2, '0')}Z`),
      }))
      const inserted = await tenantDb().table('priority_ballots').multiInsert(rows).returning('id')
      return inserted.map((row: { id: string | number }) => Number(row.id))
    })
  })

  test('the burst report lists the ballots of a burst minute by id (no receipt); a moderator excludes one with a reason, audited; citizens may not', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const report = await client.get('/priorities/moderation?quarter=2031-Q2').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      report.assertStatus(200)
      for (const id of burstIds.slice(0, 3)) assert.include(report.text(), `data-ballot="${id}"`)
      assert.notInclude(report.text(), 'burst-000')

      const anna = await sessionOf(client, portal.host, portal.anna.email)
      ;(await postJson(client, portal.host, anna, '/priorities', '/priorities/moderation/ballots', { ballotId: String(burstIds[0]), reason: 'Накрутка голосов' })).assertStatus(403)

      const excluded = await excludeBallot(client, admin, burstIds[0])
      excluded.assertStatus(200)
      assert.equal(excluded.body().quarter, '2031-Q2')

      // the HTML form from the report: back to the report with the notice; the row shows the ballot excluded
      const page = await submitForm(client, portal.host, admin, '/priorities/moderation?quarter=2031-Q2', '/priorities/moderation/ballots', { ballotId: String(burstIds[1]), reason: 'Голос из серии накрутки' })
      page.assertStatus(200)
      assert.include(page.text(), `Бюллетень № ${burstIds[1]} исключён`)
    })
    assert.isNotNull((await ballot(burstIds[0])).moderated_out_at)
    assert.isNotNull((await ballot(burstIds[1])).moderated_out_at)
    assert.isNull((await ballot(burstIds[2])).moderated_out_at)
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'priorities.ballot_moderated_out').orderBy('id'))
    assert.lengthOf(audit, 2)
    assert.include(JSON.stringify(audit[0]), String(burstIds[0]))
    assert.include(JSON.stringify(audit[0]), 'Голос из серии накрутки')
  })

  test('refusals are 422 on the ballot in the moderator\'s language: unknown, already excluded, a reason too short', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const unknown = await excludeBallot(client, admin, 999999999)
      unknown.assertStatus(422)
      assert.deepInclude(unknown.body().errors[0], { field: 'ballotId', message: 'Такого бюллетеня нет.' })
      const twice = await excludeBallot(client, admin, burstIds[0])
      twice.assertStatus(422)
      assert.include(twice.body().errors[0].message, 'уже отозван или исключён')
      const noReason = await excludeBallot(client, admin, burstIds[2], 'ой')
      noReason.assertStatus(422)
      assert.equal(noReason.body().errors[0].field, 'reason')
    })
    assert.isNull((await ballot(burstIds[2])).moderated_out_at)
  })

  test('the sealed quarter counts the excluded ballots in its notes, never in the ranks; after sealing a ballot is no longer excluded', async ({ assert, client }) => {
    await atMoment('2031-07-01T00:30', async () => {
      const sealed = await inTenant(portal.tenant, () => new SealQuarterJob().handle())
      assert.deepInclude(sealed, { sealed: '2031-Q2', version: 1, created: true })
    })
    const snapshot = await inTenant(portal.tenant, () => tenantDb().from('priority_snapshots').where('quarter', '2031-Q2').firstOrFail())
    assert.equal(snapshot.ballots_moderated_out, 2)
    assert.equal(snapshot.ballots_counted, 100) // anna's and vera's, and 98 of the burst
    const anapa = await inTenant(portal.tenant, () =>
      tenantDb().from('priority_snapshot_ranks').where({ snapshot_id: snapshot.id, scope: 'anapa', priority_id: roads }).firstOrFail()
    )
    assert.equal(anapa.votes, 98)

    await atMoment('2031-07-02T10:00', async () => {
      const results = await client.get('/priorities/results/2031-Q2').header('host', portal.host)
      assert.include(results.text(), 'исключено модерацией: 2')
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const late = await excludeBallot(client, admin, burstIds[2])
      late.assertStatus(422)
      assert.equal(late.body().errors[0].field, 'ballotId')
      assert.include(late.body().errors[0].message, 'Итоги 2031-Q2 зафиксированы')
    })
    assert.isNull((await ballot(burstIds[2])).moderated_out_at)
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'priorities.ballot_moderated_out'))
    assert.lengthOf(audit, 2)
  })
})
