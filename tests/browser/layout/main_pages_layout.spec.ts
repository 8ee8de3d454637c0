import { test } from '@japa/runner'
import { mkdir } from 'node:fs/promises'
import { testTmpPath } from '#tests/helpers/environment'
import type { Browser, Page } from 'playwright'
import { mainPages, type MainPages, type MainPage } from '#tests/helpers/main_pages'
import { TEST_PASSWORD } from '#tests/helpers/tenants'

const PORT = process.env.PORT
let tour: MainPages

/**
 * What a person would notice on the page as it is, one line each: the page
 * pushed sideways, a table wider than its card without a scroll box of its
 * own, a figure spilling out of its tile, a chart wider than its card. On a
 * wide screen also: the header on more than one row, a table that scrolls
 * although the screen has room, the ratings sidebar over the table, the
 * department board's last column off the screen.
 */
const LAYOUT_PROBLEMS = `((fitOnPhone) => {
  const problems = []
  const width = window.innerWidth
  const wide = width >= 1024
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '')
  const scrollsSideways = (element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX)
  const insideScrollBox = (element) => { for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) if (scrollsSideways(node)) return true; return false }
  const intersect = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
  if (document.documentElement.scrollWidth > width) {
    const culprits = [...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > width + 1 && !insideScrollBox(element))
    problems.push('the page scrolls sideways (' + document.documentElement.scrollWidth + ' > ' + width + '): ' + culprits.slice(0, 4).map(describe).join(', '))
  }
  for (const table of document.querySelectorAll('main table')) {
    const box = table.parentElement
    if (table.offsetWidth > box.clientWidth + 1 && !scrollsSideways(box)) problems.push('a table wider than its box without a scroll box: ' + describe(box))
    if (wide && scrollsSideways(box) && box.scrollWidth > box.clientWidth + 1) problems.push('a table scrolls on a wide screen: ' + (box.getAttribute('aria-label') || describe(box)))
  }
  for (const stat of document.querySelectorAll('main .stat')) {
    if (stat.scrollWidth > stat.clientWidth + 1) problems.push('a figure spills out of its tile: ' + stat.innerText.replace(/\\s+/g, ' '))
  }
  for (const canvas of document.querySelectorAll('main canvas')) {
    const card = canvas.closest('.card') || canvas.parentElement
    if (canvas.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) problems.push('a chart wider than its card: ' + canvas.getAttribute('aria-label'))
  }
  if (wide) {
    const items = [document.querySelector('.brand'), ...document.querySelectorAll('.nav > li'), document.querySelector('.menu__tools')].filter((element) => element && element.offsetParent)
    const boxes = items.map((element) => element.getBoundingClientRect())
    if (Math.max(...boxes.map((box) => box.top)) >= Math.min(...boxes.map((box) => box.bottom))) problems.push('the header takes more than one row: ' + Math.round(document.querySelector('.site-header').getBoundingClientRect().height) + ' px')
  }
  for (const table of document.querySelectorAll('main .grid > * table')) {
    const cell = table.closest('.grid > *')
    const box = (table.closest('.table-wrap') || table).getBoundingClientRect()
    for (const other of cell.parentElement.children) if (other !== cell && intersect(other.getBoundingClientRect(), box)) problems.push('a sidebar covers the table: ' + describe(other))
  }
  const columns = document.querySelectorAll('.board__column')
  if (columns.length >= 5) {
    const fifth = columns[4].getBoundingClientRect()
    if (fifth.width < 150 || fifth.left < 0 || fifth.right > width + 1) problems.push('the fifth column of the board is off the screen: ' + Math.round(fifth.left) + '…' + Math.round(fifth.right))
    if (wide && fifth.top !== columns[0].getBoundingClientRect().top) problems.push('the fifth column of the board is on a row of its own')
  }
  if (!wide && fitOnPhone) {
    for (const box of document.querySelectorAll('main .table-wrap')) if (box.scrollWidth > box.clientWidth + 1) problems.push('a table scrolls on a phone: ' + (box.getAttribute('aria-label') || describe(box)))
  }
  return problems
})`

/** Pages whose tables must fit a phone's screen outright (the dashboards), not only scroll in their box. */
const FIT_ON_PHONE = new Set(['dashboard', 'orders-dashboard', 'lawsuits-region'])

async function signIn(page: Page, host: string, email: string) {
  await page.context().clearCookies()
  await page.goto(`http://${host}:${PORT}/login`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
}

/** Opens every page of the tour at this width, saves its screenshot and returns what is wrong with its layout. */
async function walk(browser: Browser, width: number, pages: MainPage[]) {
  const directory = testTmpPath('screenshots')
  await mkdir(directory, { recursive: true })
  const page = await (await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 740 } })).newPage()
  page.setDefaultNavigationTimeout(60_000)
  const found: string[] = []
  let signedIn = ''
  for (const entry of pages) {
    const who = entry.as ? `${entry.host} ${entry.as.email}` : ''
    if (who !== signedIn) {
      if (entry.as) await signIn(page, entry.host, entry.as.email)
      else await page.context().clearCookies()
      signedIn = who
    }
    const response = await page.goto(`http://${entry.host}:${PORT}${entry.path}`, { waitUntil: 'load' })
    if (response?.status() !== (entry.status ?? 200)) found.push(`${entry.name} @${width}: answered ${response?.status()}`)
    // the charts draw after load (Chart.js sizes its canvas to the card)
    await page.waitForTimeout(page.url().includes('dashboard') || (await page.locator('canvas').count()) ? 400 : 50)
    await page.screenshot({ path: `${directory}/${entry.name}-${width}.png`, fullPage: true })
    for (const problem of await page.evaluate<string[]>(`${LAYOUT_PROBLEMS}(${FIT_ON_PHONE.has(entry.name)})`)) found.push(`${entry.name} @${width}: ${problem}`)
  }
  await page.context().close()
  return found
}

test.group('Layout | the main pages at 1366 and 360 px, with screenshots in tmp/<test database>/screenshots', (group) => {
  group.setup(async () => {
    tour = await mainPages('layout_tour')
  })

  test('nothing spills: header on one row, tables and figures fit or scroll in their own box, the board and the ratings sidebar in place', async ({ browser, assert }) => {
    const found = [...(await walk(browser, 1366, tour.pages)), ...(await walk(browser, 360, tour.pages))]
    assert.deepEqual(found, [])
  }).timeout(300_000)
})
