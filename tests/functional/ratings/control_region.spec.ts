import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import { SaveObservation } from '#modules/ratings/actions/save_observation'
import { insertMediaItems } from '#modules/ratings/actions/store_media_items'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import type Tenant from '#tenancy/tenant'

let control: Tenant
let block: Tenant

test.group('Ratings | control tenant reads the blocks through the rollup', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    control = await ensureTenant('rank_ctl', 'control')
    block = await ensureTenant('rank_blk')
  })

  test('the region page shows each block\'s latest edition and media tone; blocks cannot open it', async ({ assert, client }) => {
    await inTenant(block, async () => {
      const rating = await Rating.create({ code: 'RIA', title: 'Социально-экономическое положение', periodicity: 'yearly', alertDropPlaces: 3, publisher: null, createdBy: null })
      const indicator = await RatingIndicator.create({ ratingId: rating.id, code: 'T', name: 'Итог', parentId: null, departmentId: null, position: 0 })
      const old = await RatingEdition.create({ ratingId: rating.id, period: '2023', publishedOn: DateTime.fromISO('2024-04-01'), methodologyVersion: null, regionsCount: 85 })
      const latest = await RatingEdition.create({ ratingId: rating.id, period: '2024', publishedOn: DateTime.fromISO('2025-04-01'), methodologyVersion: null, regionsCount: 85 })
      await new SaveObservation().handle(old, { indicatorId: indicator.id, rank: 20 })
      await new SaveObservation().handle(latest, { indicatorId: indicator.id, rank: 70 })
      await tenantDb().transaction((trx) =>
        insertMediaItems(trx, [{ outlet: 'РБК', publishedAt: new Date(), title: 'Тест', url: 'https://rbc.example/1', tone: 'negative' }], { source: 'manual' })
      )
    })
    const head = await ensureUser(control, 'head', 'head@rank-ctl.test')
    const session = (await signIn(client, hostOf(control), head.email)).session
    const page = await client.get('/ratings/region').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    const row = page.text().match(/<td>Тестовый rank_blk<\/td>\s*<td>Социально-экономическое положение<\/td>[\s\S]*?<\/tr>/)
    assert.exists(row, 'the block\'s rating is listed')
    assert.match(row![0], /<td>2024<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>\s*<td class="num">1<\/td>\s*<td class="num">1<\/td>/)
    assert.match(page.text(), /<td>Тестовый rank_blk<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td>/)
    assert.notInclude(page.text(), 'https://rbc.example/1', 'media links stay in the block')

    const blockHead = await ensureUser(block, 'head')
    const blockSession = (await signIn(client, hostOf(block), blockHead.email)).session
    const refused = await client.get('/ratings/region').header('host', hostOf(block)).withCookie(SESSION_COOKIE, blockSession)
    assert.oneOf(refused.status(), [403, 404])
  })
})
