import { test } from '@japa/runner'
import { ensureTenant, ensureUser, TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT

test.group('Identity | browser | sign in', (group) => {
  group.setup(async () => {
    const tenant = await ensureTenant('browserblock')
    await ensureUser(tenant, 'admin', 'admin@browserblock.test')
  })

  test('an official signs in on the tenant host and sees the Russian home page', async ({ visit, assert }) => {
    const page = await visit(`http://browserblock.localhost:${PORT}/login`)
    await page.assertTitleContains('Вход в систему')
    await page.getByLabel('Электронная почта').fill('admin@browserblock.test')
    await page.getByLabel('Пароль').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Войти' }).click()

    await page.waitForURL(/\/dashboard$/)
    await page.assertTextContains('h1', 'Главная')
    await page.assertTextContains('.brand__name', 'Тестовый browserblock')
    assert.equal(await page.locator('html').getAttribute('lang'), 'ru')

    // switch the language; the choice sticks to the account
    await page.getByRole('button', { name: 'EN' }).click()
    await page.waitForURL(/\/dashboard$/)
    await page.assertTextContains('h1', 'Home')
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    await page.getByRole('button', { name: 'RU' }).click()
    await page.assertTextContains('h1', 'Главная')
  })

  test('a wrong password is announced next to the form', async ({ visit }) => {
    const page = await visit(`http://browserblock.localhost:${PORT}/login`)
    await page.getByLabel('Электронная почта').fill('admin@browserblock.test')
    await page.getByLabel('Пароль').fill('wrong-password')
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.assertTextContains('[role=alert]', 'Неверная электронная почта или пароль.')
  })

  test('on a 360 px phone the menu folds and opens by keyboard', async ({ browser, assert }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
    const page = await context.newPage()
    await page.goto(`http://browserblock.localhost:${PORT}/login`)
    await page.getByLabel('Электронная почта').fill('admin@browserblock.test')
    await page.getByLabel('Пароль').fill(TEST_PASSWORD)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/dashboard$/)

    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')
    assert.isAtMost(overflow, 0)
    assert.isFalse(await page.getByRole('link', { name: 'Пользователи' }).isVisible())
    await page.goto(`http://browserblock.localhost:${PORT}/admin/users`)
    const tableOverflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')
    assert.isAtMost(tableOverflow, 0)
    await page.locator('summary.menu__toggle').focus()
    await page.keyboard.press('Enter')
    // administration is a group of links in the menu, opened from the keyboard too
    assert.isFalse(await page.getByRole('link', { name: 'Пользователи' }).isVisible())
    await page.locator('summary', { hasText: 'Администрирование' }).focus()
    await page.keyboard.press('Enter')
    assert.isTrue(await page.getByRole('link', { name: 'Пользователи' }).isVisible())
    await page.keyboard.press('Escape')
    assert.isFalse(await page.getByRole('link', { name: 'Пользователи' }).isVisible())
    await context.close()
  })
})
