import { test } from '@japa/runner'
import Problem from '#modules/problems/models/problem'
import RoutingRule from '#modules/problems/models/routing_rule'
import { inTenant } from '#tests/helpers/tenants'
import { problemsMunicipality, problemsPortal, publishDirectoryOf, pump, type ProblemsMunicipality, type ProblemsPortal } from '#tests/helpers/problems'
import { browserOrigin, signInAs } from '#tests/helpers/browser_session'

let portal: ProblemsPortal
let sochi: ProblemsMunicipality

const origin = browserOrigin

test.group('Problems | browser | a dark yard in Sochi goes to the city’s administration', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('pmbportal')
    // the municipality's own tenant, on sochi.localhost, publishes its departments to the portal
    sochi = await problemsMunicipality('sochi')
    await publishDirectoryOf(sochi)
    await pump([portal.tenant, sochi.tenant])
  })

  test('the admin picks Sochi’s housing department → a citizen reports → the administration answers in its inbox → the answer is on the portal', async ({ browser, assert }) => {
    // The portal's admin routes street lighting in Sochi to the administration's housing department.
    const adminContext = await browser.newContext()
    const admin = await adminContext.newPage()
    await signInAs(admin, portal.host, portal.admin.email)
    await admin.goto(`${origin(portal.host)}/problems/admin/routing`)
    await admin.locator('#field-themeId').selectOption({ label: 'Уличное освещение' })
    await admin.locator('#field-municipalityId').selectOption({ label: 'город-курорт Сочи' })
    const target = admin.locator('#field-target')
    assert.equal(await target.locator('optgroup[label="Муниципальные образования: Тестовый sochi"] option[value="sochi/housing"]').count(), 1)
    assert.isTrue(await target.locator('option[value="sochi/social-policy"]').isDisabled(), 'a department without staff cannot be chosen')
    await target.selectOption('sochi/housing')
    await admin.getByRole('button', { name: 'Сохранить' }).first().click()
    await admin.getByText('Управление ЖКХ (Тестовый sochi)').first().waitFor()
    const rule = await inTenant(portal.tenant, () => RoutingRule.query().where('theme_id', portal.lighting.id).where('municipality_id', portal.sochi.id).firstOrFail())
    assert.equal(rule.targetTenant, 'sochi')
    await adminContext.close()

    // A citizen reports a dark yard in Sochi.
    const citizenContext = await browser.newContext()
    const citizen = await citizenContext.newPage()
    await signInAs(citizen, portal.host, portal.citizen.email)
    await citizen.goto(`${origin(portal.host)}/problems/new`, { waitUntil: 'networkidle' })
    await citizen.getByLabel('Тема').selectOption({ label: 'Уличное освещение (ответ за 10 дней)' })
    await citizen.getByLabel('Муниципальное образование').selectOption({ label: 'город-курорт Сочи' })
    await citizen.getByLabel('Широта').fill('43.581200')
    await citizen.getByLabel('Долгота').fill('39.719800')
    await citizen.getByLabel('Адрес', { exact: true }).fill('Сочи, ул. Воровского, 22, двор')
    await citizen.getByLabel('Описание проблемы').fill('Во дворе не горит ни один фонарь, вечером совсем темно, дети идут из школы.')
    await citizen.getByRole('button', { name: 'Отправить' }).click()
    await citizen.waitForURL(/\/problems\/\d+$/)
    const problemId = Number(citizen.url().split('/').pop())
    const problem = await inTenant(portal.tenant, () => Problem.findOrFail(problemId))
    assert.equal(problem.routedTenant, 'sochi')

    await pump([portal.tenant, sochi.tenant])

    // The administration's executor answers in Sochi's own inbox.
    const staffContext = await browser.newContext()
    const staff = await staffContext.newPage()
    await signInAs(staff, sochi.host, sochi.housingExecutor.email)
    assert.equal(sochi.host, 'sochi.localhost')
    await staff.goto(`${origin(sochi.host)}/problems/inbox`)
    await staff.getByRole('link', { name: 'Сочи, ул. Воровского, 22, двор' }).click()
    await staff.getByLabel('Вид ответа').selectOption('resolved')
    await staff.getByLabel('Текст ответа').fill('Во дворе установлены три новых светильника.')
    await staff.getByRole('button', { name: 'Отправить ответ' }).click()
    await staff.getByText('Ответ отправлен и будет опубликован.').waitFor()

    await pump([portal.tenant, sochi.tenant])

    await citizen.reload()
    assert.equal((await citizen.locator('[data-answer]').textContent())?.trim(), 'Во дворе установлены три новых светильника.')
    await citizen.getByText('Управление ЖКХ (Тестовый sochi)').first().waitFor()
    await citizenContext.close()
    await staffContext.close()
  })
})
