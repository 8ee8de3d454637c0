import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { schemaNameFor } from '#tenancy/naming'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import { ensureTenant, hostOf, inTenant } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { photoWithExif, postMultipart, sessionOf } from '#tests/helpers/problems'
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

  test('a ballot or a photo of one portal is out of reach of the other\'s moderators and pages', async ({ assert, client }) => {
    await atMoment('2032-05-10T10:00', async () => {
      const priority = await publishedPriority(alpha.tenant, { title: 'Фото в альфе', opensQuarter: '2032-Q2' })
      await inTenant(alpha.tenant, () => new CastVote().handle(alpha.anna, { priorityId: priority.id }))
      const ballot = await inTenant(alpha.tenant, () => tenantDb().from('priority_ballots').where('priority_id', priority.id).firstOrFail())
      const alphaAdmin = await sessionOf(client, alpha.host, alpha.admin.email)
      const fields = { level: 'regional', title: 'Фото в альфе', description: 'Приоритет с фотографией только в альфе.', category: 'Дороги', opensQuarter: '2032-Q2' }
      ;(await postMultipart(client, alpha.host, alphaAdmin, `/priorities/admin/${priority.id}/edit`, `/priorities/admin/${priority.id}`, fields, [{ name: 'photo', buffer: await photoWithExif(200, 150), filename: 'a.jpg' }])).assertStatus(302)
      ;(await client.get(`/priorities/${priority.id}/photo`).header('host', alpha.host)).assertStatus(200)
      // beta holds no priority with a photo and no ballot (nobody voted there): alpha's ids mean nothing on beta
      assert.isNull(await inTenant(beta.tenant, () => tenantDb().from('priority_ballots').where('id', ballot.id).first()))
      assert.isNull(await inTenant(beta.tenant, () => tenantDb().from('priority_items').where('id', priority.id).whereNotNull('photo_key').first()))
      ;(await client.get(`/priorities/${priority.id}/photo`).header('host', beta.host)).assertStatus(404)
      const betaAdmin = await sessionOf(client, beta.host, beta.admin.email)
      const refused = await postJson(client, beta.host, betaAdmin, '/priorities/moderation', '/priorities/moderation/ballots', { ballotId: String(ballot.id), reason: 'Чужой бюллетень' })
      refused.assertStatus(422)
      assert.isNull((await inTenant(alpha.tenant, () => tenantDb().from('priority_ballots').where('id', ballot.id).firstOrFail())).moderated_out_at)
    })
  })

  test('the portal\'s pages live on the portal only: a block answers 404 (it only receives the ranks of its priorities)', async ({ client }) => {
    const block = await ensureTenant('pri_block', 'block')
    ;(await client.get('/priorities').header('host', hostOf(block))).assertStatus(404)
    ;(await client.get('/priorities/results').header('host', hostOf(block))).assertStatus(404)
  })
})
