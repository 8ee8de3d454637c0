import type { Browser, Page } from 'playwright'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

/** The address of a tenant's host on the test server. */
export function origin(host: string) {
  return `http://${host}:${process.env.PORT}`
}

/**
 * A person in a browser of their own (own cookies): signed in on `host` with
 * the login form. Whatever the pages print to the console as an error, and any
 * uncaught script error, is added to `consoleErrors` with the page's address.
 */
export async function personIn(browser: Browser, host: string, email: string, consoleErrors: string[]) {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`))
  await page.goto(`${origin(host)}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForLoadState('load')
  return page
}

/** Closes the people's browsers. */
export async function leave(...pages: Page[]) {
  for (const page of pages) await page.context().close()
}

/** The `data-event` kinds of a timeline on the page, in the order shown. */
export function timelineOf(page: Page, selector = '.timeline [data-event]') {
  return page.locator(selector).evaluateAll((items) => items.map((item) => item.getAttribute('data-event')!))
}
