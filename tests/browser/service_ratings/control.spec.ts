import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { ratingsMunicipality } from '#tests/helpers/service_ratings'
import { axeViolations } from '#tests/helpers/axe'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

/*
| The Department of Control's "Оценки госуслуг": the alerts a portal's sealed
| months raised, a page at a time, the bodies by name (the rollup carries
| slugs only), an order issued from an alert — and no accessibility faults.
*/

const origin = browserOrigin

test.group('Service ratings | browser | the Department of Control\'s page', (group) => {
  let controlHost: string
  let headEmail: string
  let town: Awaited<ReturnType<typeof ratingsMunicipality>>

  group.setup(async () => {
    const control = await ensureTenant('svcc_control', 'control')
    // the portal the alerts came from (Control tells it of the order over the bus)
    await ensureTenant('svcc_portal', 'portal')
    controlHost = hostOf(control)
    headEmail = (await ensureUser(control, 'head', 'head@svcc-control.test')).email
    town = await ratingsMunicipality('svcc_town')
    // a follow-up in the municipality (read by Control through the rollup)
    await inTenant(town.tenant, async () => {
      if (await ServiceFollowUp.query().first()) return
      await ServiceFollowUp.create({
        originTenant: 'svcc_portal', originRatingId: 1, serviceCode: 'permit', serviceName: 'Разрешение', departmentCode: 'housing',
        marks: { time: 1, waiting: 2, staff: 1, premises: 2, information: 1 }, comment: 'Долго', ratedOn: DateTime.fromISO('2025-03-10'),
        respondBy: DateTime.fromISO('2025-04-09'), status: 'open', receivedAt: DateTime.fromISO('2025-03-10'),
      })
    })
    // 55 alerts on the town, one a month (as storeRankAlerts keeps them): more than a page
    await inTenant(control, async () => {
      await tenantDb().from('service_rank_alerts').delete()
      for (let index = 0; index < 55; index++) {
        await tenantDb().table('service_rank_alerts').insert({
          portal: 'svcc_portal', month: DateTime.fromISO('2020-01-01').plus({ months: index }).toISODate(), version: 1, body_slug: town.tenant.slug,
          body_name_ru: 'Администрация (из сигнала)', body_name_en: 'Administration (from the alert)', kind: 'bottom_quartile', rank: 4, previous_rank: 3,
          ranked_of: 4, score_overall: 2.1, ratings: 12, received_at: new Date(),
        })
      }
    })
    await rollupReady()
  })

  test('alerts a page at a time, bodies by name, an order from the latest alert; axe on both pages', async ({ browser, assert }) => {
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await signInAs(page, controlHost, headEmail)
    const opened = await page.goto(`${origin(controlHost)}/service-ratings/control`)
    assert.equal(opened?.status(), 200, (await opened?.text())?.slice(0, 3000))
    assert.equal(await page.locator('tr[data-alert]').count(), 50, 'the first page')
    // newest month first
    assert.equal(await page.locator('tr[data-alert]').first().locator('td').first().innerText(), '07.2024')
    // the follow-ups per body: the body's name, not its slug
    const followUps = page.locator(`tr[data-follow-ups="${town.tenant.slug}"]`)
    assert.equal(await followUps.locator('td').first().innerText(), town.tenant.nameRu)
    assert.equal(await followUps.locator('[data-open]').innerText(), '1')
    assert.deepEqual(await axeViolations(page), [])

    await page.getByRole('link', { name: 'Вперёд' }).click()
    await page.waitForURL(/page=2/)
    assert.equal(await page.locator('tr[data-alert]').count(), 5, 'the rest on the second page')
    assert.equal(await page.locator('tr[data-alert]').last().locator('td').first().innerText(), '01.2020')
    assert.deepEqual(await axeViolations(page), [])

    // the filters: one month, the bodies with alerts only; the form keeps the choice
    await page.goto(`${origin(controlHost)}/service-ratings/control`)
    await page.getByLabel('Месяц').selectOption({ label: '03.2022' })
    await page.getByLabel('Только органы с сигналами').check()
    await page.getByRole('button', { name: 'Показать' }).click()
    await page.waitForURL(/month=2022-03/)
    assert.equal(await page.locator('tr[data-alert]').count(), 1)
    assert.equal(await page.locator('tr[data-alert] td').first().innerText(), '03.2022')
    assert.isTrue(await page.getByLabel('Только органы с сигналами').isChecked())
    assert.deepEqual(await axeViolations(page), [])

    // an order from the latest alert, to the town's housing department
    await page.goto(`${origin(controlHost)}/service-ratings/control`)
    const latest = page.locator('tr[data-alert]').first()
    await latest.getByLabel('Подразделение').selectOption('housing')
    await latest.getByRole('button').click()
    await page.waitForLoadState('load')
    const link = page.locator('tr[data-alert]').first().locator('a[data-order]')
    assert.equal(await link.count(), 1, (await page.content()).replace(/<style[\s\S]*?<\/style>/g, '').slice(0, 4000))
    assert.match(await link.getAttribute('href') ?? '', /^\/orders\/\d+$/)
    assert.deepEqual(await axeViolations(page), [])
    await context.close()
  })
})
