import type { Page } from 'playwright'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

/** A tenant's origin on the in-process test server (`PORT`), as a browser reaches it. */
export function browserOrigin(host: string) {
  return `http://${host}:${process.env.PORT}`
}

/**
 * Signs a person in through the login form, as they would (Russian labels,
 * the test password), and waits for the page the form leads to: a landing
 * URL when given, else the next page's load. `clearCookies` first signs out
 * whoever used the context before.
 */
export async function signInAs(page: Page, host: string, email: string, options: { clearCookies?: boolean; landing?: RegExp } = {}) {
  if (options.clearCookies) await page.context().clearCookies()
  await page.goto(`${browserOrigin(host)}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  if (options.landing) await page.waitForURL(options.landing)
  else await page.waitForLoadState('load')
}
