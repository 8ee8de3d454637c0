import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import { SaveObservation } from '#modules/ratings/actions/save_observation'
import { editionFacts } from '#modules/ratings/services/rating_figures'
import { refreshAlertsNow } from '#modules/ratings/services/rating_alerts'
import { ensureTenant, inTenant } from '#tests/helpers/tenants'
import type Tenant from '#tenancy/tenant'

let tenant: Tenant

async function setup(code: string, regions: number[], dropPlaces = 5) {
  const rating = await Rating.create({ code, title: `Рейтинг ${code}`, periodicity: 'yearly', alertDropPlaces: dropPlaces, publisher: null, createdBy: null })
  const editions = []
  for (const [index, regionsCount] of regions.entries()) {
    editions.push(
      await RatingEdition.create({ ratingId: rating.id, period: String(2020 + index), publishedOn: DateTime.fromISO(`${2021 + index}-03-01`), methodologyVersion: null, regionsCount })
    )
  }
  const indicators = []
  for (const name of ['A', 'B', 'C', 'D']) {
    indicators.push(await RatingIndicator.create({ ratingId: rating.id, code: name, name: `Показатель ${name}`, parentId: null, departmentId: null, position: 0 }))
  }
  return { rating, editions, indicators }
}

const observe = (edition: RatingEdition, indicator: RatingIndicator, rank: number, rankShared = false) =>
  new SaveObservation().handle(edition, { indicatorId: indicator.id, rank, rankShared })

async function factsByCode(edition: RatingEdition) {
  return new Map((await editionFacts(edition.id, 'ru')).map((fact) => [fact.indicator_code, fact]))
}

async function alertsOf(ratingId: number) {
  const rows = await tenantDb()
    .from('rating_alerts as a')
    .join('rating_observations as o', 'o.id', 'a.observation_id')
    .join('rating_indicators as i', 'i.id', 'o.indicator_id')
    .join('rating_editions as e', 'e.id', 'a.edition_id')
    .where('e.rating_id', ratingId)
    .select('i.code', 'e.period', 'a.kind', 'a.rank', 'a.previous_rank')
    .orderBy(['e.period', 'i.code', 'a.kind'])
  return rows.map((row: any) => `${row.period}:${row.code}:${row.kind}:${row.previous_rank ?? '-'}→${row.rank}`)
}

test.group('Ratings | calculations | Δrank, quartile, alerts', (group) => {
  group.setup(async () => {
    tenant = await ensureTenant('rank_calc')
  })

  test('Δrank against the previous edition; missing previous edition or figure gives no Δ', async ({ assert }) => {
    await inTenant(tenant, async () => {
      const { editions, indicators } = await setup('delta', [85, 85])
      const [first, second] = editions
      const [a, b, c] = indicators
      await observe(first, a, 10)
      await observe(first, b, 20)
      await observe(second, a, 7) // climbed 3
      await observe(second, b, 26) // fell 6
      await observe(second, c, 40) // no figure in the previous edition

      const early = await factsByCode(first)
      assert.isNull(early.get('A')!.rank_delta, 'the first edition has nothing to compare with')
      assert.isNull(early.get('A')!.previous_rank)

      const late = await factsByCode(second)
      assert.equal(late.get('A')!.rank_delta, 3)
      assert.equal(late.get('A')!.previous_rank, 10)
      assert.equal(late.get('B')!.rank_delta, -6)
      assert.isNull(late.get('C')!.rank_delta)
    })
  })

  test('shared places compare by their best place on both sides', async ({ assert }) => {
    await inTenant(tenant, async () => {
      const { editions, indicators } = await setup('shared', [85, 85])
      const [a, b] = indicators
      await observe(editions[0], a, 5, true) // "5–6"
      await observe(editions[1], a, 5, false) // alone at 5: no change
      await observe(editions[0], b, 12, false)
      await observe(editions[1], b, 10, true) // "10–12": up 2
      const facts = await factsByCode(editions[1])
      assert.equal(facts.get('A')!.rank_delta, 0)
      assert.isTrue(facts.get('B')!.rank_shared)
      assert.equal(facts.get('B')!.rank_delta, 2)
    })
  })

  test('the previous edition is the one published before, whatever the entry order', async ({ assert }) => {
    await inTenant(tenant, async () => {
      const { rating, indicators } = await setup('order', [])
      const [a] = indicators
      const later = await RatingEdition.create({ ratingId: rating.id, period: '2024', publishedOn: DateTime.fromISO('2025-02-01'), methodologyVersion: null, regionsCount: 89 })
      await observe(later, a, 30)
      const earlier = await RatingEdition.create({ ratingId: rating.id, period: '2023', publishedOn: DateTime.fromISO('2024-02-01'), methodologyVersion: null, regionsCount: 89 })
      await observe(earlier, a, 20)
      assert.equal((await factsByCode(later)).get('A')!.rank_delta, -10)
      assert.isNull((await factsByCode(earlier)).get('A')!.rank_delta)
      assert.deepEqual(await alertsOf(rating.id), ['2024:A:drop:20→30'])
    })
  })

  test('bottom quartile is rank > 0.75 × regions, exactly at the boundary', async ({ assert }) => {
    await inTenant(tenant, async () => {
      // 85 regions: 0.75 × 85 = 63.75 → 63 is not in the bottom quartile, 64 is
      const odd = await setup('quartile85', [85])
      await observe(odd.editions[0], odd.indicators[0], 63)
      await observe(odd.editions[0], odd.indicators[1], 64)
      // 80 regions: 0.75 × 80 = 60 → 60 is not (not strictly greater), 61 is
      const even = await setup('quartile80', [80])
      await observe(even.editions[0], even.indicators[0], 60)
      await observe(even.editions[0], even.indicators[1], 61)
      const oddFacts = await factsByCode(odd.editions[0])
      const evenFacts = await factsByCode(even.editions[0])
      assert.isFalse(oddFacts.get('A')!.bottom_quartile)
      assert.isTrue(oddFacts.get('B')!.bottom_quartile)
      assert.isFalse(evenFacts.get('A')!.bottom_quartile)
      assert.isTrue(evenFacts.get('B')!.bottom_quartile)
    })
  })

  test('alerts: a drop of N places (per rating) and entering the bottom quartile, not staying in it', async ({ assert }) => {
    await inTenant(tenant, async () => {
      const { rating, editions, indicators } = await setup('alerts', [85, 85, 85], 5)
      const [a, b, c, d] = indicators
      const [first, second, third] = editions
      await observe(first, a, 10)
      await observe(second, a, 15) // fell exactly 5 → drop alert
      await observe(first, b, 10)
      await observe(second, b, 14) // fell 4 → nothing
      await observe(first, c, 60)
      await observe(second, c, 64) // entered the bottom quartile (and fell 4)
      await observe(third, c, 70) // stays in it, fell 6 → drop only
      await observe(second, d, 80) // no previous figure: bottom quartile counts as entering
      assert.deepEqual(await alertsOf(rating.id), [
        '2021:A:drop:10→15',
        '2021:C:bottom_quartile:60→64',
        '2021:D:bottom_quartile:-→80',
        '2022:C:drop:64→70',
      ])

      // a stricter threshold removes an alert nobody has acted on; a looser one adds
      rating.alertDropPlaces = 6
      await rating.save()
      await refreshAlertsNow(rating.id)
      assert.deepEqual(await alertsOf(rating.id), ['2021:C:bottom_quartile:60→64', '2021:D:bottom_quartile:-→80', '2022:C:drop:64→70'])
      rating.alertDropPlaces = 4
      await rating.save()
      await refreshAlertsNow(rating.id)
      assert.includeMembers(await alertsOf(rating.id), ['2021:A:drop:10→15', '2021:B:drop:10→14'])

      // correcting a figure moves the alert with it
      await observe(second, a, 11)
      assert.notInclude(await alertsOf(rating.id), '2021:A:drop:10→15')
    })
  })
})
