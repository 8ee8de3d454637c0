import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { schemaNameFor } from '#tenancy/naming'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import { ensureTenant, hostOf, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

let alpha: PrioritiesPortal
let beta: PrioritiesPortal

test.group('Priorities | isolation: a portal\'s votes and ranks stay in its schema', (group) => {
  group.setup(async () => {
    alpha = await prioritiesPortal('pri_alpha')
    beta = await prioritiesPortal('pri_beta')
  })

  test('ballots, voters and snapshots of one portal are out of reach of another: permission denied, nothing shown, a session does not cross', async ({ assert, client }) => {
    await atMoment('2032-02-01T10:00', async () => {
      const priority = await publishedPriority(alpha.tenant, { title: 'Только в альфе', opensQuarter: '2032-Q1' })
      await livesIn(alpha.tenant, alpha.anna, 'krasnodar')
      await inTenant(alpha.tenant, () => new CastVote().handle(alpha.anna, { priorityId: priority.id }))
    })
    await atMoment('2032-04-01T00:30', async () => {
      assert.deepInclude(await inTenant(alpha.tenant, () => new SealQuarterJob().handle()), { sealed: '2032-Q1', created: true })
      // the job on the other portal seals its own (empty) quarter and reads nothing of alpha's
      const betaSeal = await inTenant(beta.tenant, () => new SealQuarterJob().handle())
      assert.deepInclude(betaSeal, { sealed: '2032-Q1', created: true })
    })
    const alphaSchema = schemaNameFor(alpha.tenant.slug)
    for (const table of ['priority_ballots', 'priority_voters', 'priority_snapshots', 'priority_snapshot_ranks', 'priority_items']) {
      await assert.rejects(() => inTenant(beta.tenant, () => tenantDb().rawQuery(`select * from ${alphaSchema}.${table}`)), /permission denied/)
    }
    const betaCounted = await inTenant(beta.tenant, () => tenantDb().from('priority_snapshots').where('quarter', '2032-Q1').firstOrFail())
    assert.equal(betaCounted.ballots_counted, 0)

    ;(await client.get('/priorities/results/2032-Q1').header('host', alpha.host)).assertStatus(200)
    const betaPage = await client.get('/priorities/results/2032-Q1').header('host', beta.host)
    assert.notInclude(betaPage.text(), 'Только в альфе')
    const betaBallots = await client.get('/priorities/results/2032-Q1/ballots.csv').header('host', beta.host)
    assert.equal(betaBallots.text().trim(), 'priority_id,municipality_code,quarter,vote_day')

    // alpha's session means nothing on beta
    const anna = await sessionOf(client, alpha.host, alpha.anna.email)
    const onBeta = await client.get('/priorities/my').header('host', beta.host).withCookie(SESSION_COOKIE, anna).redirects(0)
    assert.equal(onBeta.status(), 302)
    assert.match(String(onBeta.header('location')), /login/)
  })

  test('the portal\'s pages live on the portal only: a block answers 404 (it only receives the ranks of its priorities)', async ({ client }) => {
    const block = await ensureTenant('pri_block', 'block')
    ;(await client.get('/priorities').header('host', hostOf(block))).assertStatus(404)
    ;(await client.get('/priorities/results').header('host', hostOf(block))).assertStatus(404)
  })
})
