import { test } from '@japa/runner'
import ServiceFollowUp from '#modules/service_ratings/models/service_follow_up'
import { DateTime } from 'luxon'
import ServiceRating from '#modules/service_ratings/models/service_rating'
import { sealMonth } from '#modules/service_ratings/services/monthly_ranks'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { pump } from '#tests/helpers/problems'
import { portalService, publishServices, ratingsMunicipality, ratingsPortal } from '#tests/helpers/service_ratings'
import { axeViolations } from '#tests/helpers/axe'
import Municipality from '#modules/identity/models/municipality'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

/*
| The "done when" for service ratings: a citizen gives a low rating
| with a comment on the portal, the municipality's department answers it in
| its own inbox, and the answer is published under the rating, where the
| citizen says whether it helped.
*/

const origin = browserOrigin
const COMMENT = 'Очередь на учёт три часа, сотрудник не смог объяснить, какие нужны документы.'
const ANSWER = 'Запись на приём теперь электронная, перечень документов размещён на сайте и в МФЦ.'

test.group('Service ratings | browser | a low rating is answered by the municipality and published', (group) => {
  let portal: Awaited<ReturnType<typeof ratingsPortal>>
  let town: Awaited<ReturnType<typeof ratingsMunicipality>>

  group.setup(async () => {
    portal = await ratingsPortal('svcb_portal')
    town = await ratingsMunicipality('svcb_town')
    await publishServices(town, [{ code: 'housing-queue', departmentCode: 'housing', channel: 'mfc' }])
    await pump([portal.tenant, town.tenant])
    // a sealed month (May 2025) for the ranking page: ten citizens rated the service then
    const service = await portalService(portal, town, 'housing-queue')
    for (let index = 0; index < 10; index++) {
      const rater = await ensureUser(portal.tenant, 'citizen', `rater${index}@svcb.test`)
      await inTenant(portal.tenant, () =>
        ServiceRating.create({ serviceId: service.id, userId: rater.id, month: DateTime.fromISO('2025-05-01'), markTime: 4, markWaiting: 3 + (index % 3), markStaff: 5, markPremises: 4, markInformation: 4, followUp: 'none' })
      )
    }
    await inTenant(portal.tenant, () => sealMonth(DateTime.fromISO('2025-05-01')))
    // the town as a municipality of the portal's list (its code names the town's tenant), for the residence filter
    await inTenant(portal.tenant, () =>
      Municipality.updateOrCreate({ code: town.tenant.slug }, { kind: 'okrug', nameRu: 'Город Б', nameEn: 'Town B', adminCenterRu: 'Б', adminCenterEn: 'B', lat: 45, lon: 39 })
    )
  })

  test('citizen rates 2 of 5 with a comment → the housing department answers → the answer is under the rating', async ({ browser, assert }) => {
    const citizenContext = await browser.newContext({ bypassCSP: true })
    const citizen = await citizenContext.newPage()
    await signInAs(citizen, portal.host, portal.citizen.email)
    for (const scope of ['body', 'service']) {
      const opened = await citizen.goto(`${origin(portal.host)}/services/ranks?month=2025-05&scope=${scope}`)
      assert.equal(opened?.status(), 200, (await opened?.text())?.slice(0, 3000))
      if (scope === 'body') assert.equal(await citizen.locator('svg.chart').count(), 1, (await citizen.content()).slice(0, 6000))
      assert.equal(await citizen.locator('tr[data-rank="1"]').count(), 1)
      assert.deepEqual(await axeViolations(citizen), [])
    }
    await citizen.goto(`${origin(portal.host)}/services/ranks?month=2025-05&residence=${town.tenant.slug}`)
    assert.equal(await citizen.locator('[data-ranks-group]').count(), 2, 'its own administration, then the regional services')
    await citizen.getByText('За этот месяц нет оценённых региональных услуг.').waitFor()
    assert.equal(await citizen.locator('tr[data-rank="1"]').count(), 1)
    assert.deepEqual(await axeViolations(citizen), [])
    await citizen.goto(`${origin(portal.host)}/services`)
    assert.deepEqual(await axeViolations(citizen), [])
    await citizen.getByRole('link', { name: 'Услуга housing-queue' }).click()
    await citizen.waitForURL(/\/services\/\d+$/)
    assert.deepEqual(await axeViolations(citizen), [])
    for (const [criterion, mark] of Object.entries({ 'Время предоставления услуги': '2', 'Время ожидания в очереди': '1', 'Вежливость и компетентность сотрудников': '2', 'Комфортность помещений': '3', 'Доступность информации о порядке предоставления': '2' })) {
      await citizen.getByRole('group', { name: criterion }).getByLabel(mark, { exact: true }).check()
    }
    await citizen.getByLabel('Комментарий').fill(COMMENT)
    await citizen.getByRole('button', { name: 'Отправить оценку' }).click()
    await citizen.getByText('Ваша оценка передана в орган').waitFor()
    assert.include(await citizen.locator('[data-rating]').first().textContent(), COMMENT)

    await pump([portal.tenant, town.tenant])
    const followUp = await inTenant(town.tenant, () => ServiceFollowUp.query().where('origin_tenant', portal.tenant.slug).firstOrFail())

    const staffContext = await browser.newContext({ bypassCSP: true })
    const staff = await staffContext.newPage()
    await signInAs(staff, town.host, town.housingHead.email)
    await staff.goto(`${origin(town.host)}/service-ratings/inbox`)
    await staff.getByRole('link', { name: 'Услуга housing-queue' }).click()
    await staff.waitForURL(new RegExp(`/service-ratings/inbox/${followUp.id}$`))
    assert.include(await staff.locator('[data-comment]').textContent(), COMMENT)
    assert.deepEqual(await axeViolations(staff), [])
    await staff.getByRole('textbox', { name: 'Ответ гражданину' }).fill(ANSWER)
    await staff.getByRole('button', { name: 'Отправить ответ' }).click()
    await staff.getByText('Ответ отправлен и будет опубликован на портале.').waitFor()

    await pump([portal.tenant, town.tenant])

    await citizen.reload()
    assert.equal((await citizen.locator('[data-answer] .order-text').textContent())?.trim(), ANSWER)
    await citizen.getByRole('button', { name: 'Да, помог' }).click()
    await citizen.locator('[data-helpful="true"]').waitFor()
    await citizenContext.close()
    await staffContext.close()
  })
})
