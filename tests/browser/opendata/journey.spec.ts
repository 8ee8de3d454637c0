import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { problemsBlock, problemsPortal, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { csvRecords, givePublisherProfile, validateList, validateMeta, validateStructure, xlsxOf } from '#tests/helpers/opendata'
import { leave, origin, personIn } from '#tests/helpers/lawmaking_browser'
import { Worker } from '#tests/helpers/bus'
import { queueService } from '#queue/queue_service'
import { deliverNow } from '#bus/deliver_now'
import Tenant from '#tenancy/tenant'
import { axeViolations } from '#tests/helpers/axe'

/*
| Issue 16's "done when": a block's head publishes an XLSX from the office
| forms; a real worker (`node ace queue:listen`) relays the bus message and
| loads the rows on the portal, where the dataset appears within a minute;
| its table is sorted and filtered, its map draws markers, its chart is
| drawn, and every file it offers downloads with the right content.
*/

const INN = '2308000456'
const NAME = 'city_objects'
const IDENTIFIER = `${INN}-${NAME}`
const TITLE = 'Объекты благоустройства'
const DISTRICTS = ['Центральный', 'Западный', 'Прикубанский']
const COUNT = 40

/** Row i (1-based) of the table: a name, a district, a count, an area, a date and a point in Krasnodar. */
function row(i: number): (string | number)[] {
  return [`Сквер № ${i}`, DISTRICTS[i % 3], i * 3, Number(((i % 9) + 0.25).toFixed(2)), `${String((i % 28) + 1).padStart(2, '0')}.0${(i % 3) + 1}.2026`, Number((45.0 + i * 0.002).toFixed(4)), Number((38.95 + i * 0.002).toFixed(4))]
}
const HEADER = ['Наименование', 'Район', 'Количество скамеек', 'Площадь, га', 'Дата приёмки', 'Широта', 'Долгота']
const ROWS = Array.from({ length: COUNT }, (_, index) => row(index + 1))

let portal: ProblemsPortal
let block: ProblemsBlock
let worker: Worker

/** Loads a page again until `ready` holds (a minute at most): the portal learns of a publication through the bus, not at once. */
async function pollUntil(page: Page, url: string, ready: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await page.goto(url, { waitUntil: 'load' })
    if (response?.ok() && (await ready())) return
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms (worker: ${worker.output.slice(-2000)})`)
    await page.waitForTimeout(500)
  }
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is (the script is injected; the context bypasses CSP for it). */
/** Whether the page scrolls sideways (it must not, at 360 px: wide tables scroll in their own region). */
function scrollsSideways(page: Page) {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth')
}

/** The texts of a column of the table view (1 is the row number). */
function columnOf(page: Page, index: number) {
  return page.locator(`table[data-view-table] tbody tr > :nth-child(${index})`).allInnerTexts()
}

test.group('Open data | browser | an XLSX from a block to the portal’s table, map, chart and files', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('odj_portal')
    block = await problemsBlock('odj_block')
    await givePublisherProfile(block.tenant, INN)
    // the bus relay, the portal's handler and the rows job run in a real worker process, as in production
    // the suite's queue is shared: jobs earlier files left (e-mails retrying, summaries, fan-outs) must not stand before this one's
    await queueService.queue.empty()
    await queueService.queue.clean(0, 'delayed')
    // and so is the database: messages other files' bodies left for every portal would keep the worker's sweep busy
    await deliverNow(await Tenant.all())
    worker = new Worker({ BUS_SWEEP_SECONDS: '1', QUEUE_SCHEDULE_CHECK_SECONDS: '3600' })
    await worker.ready(60_000)
    // the schedules the worker registers fan out to every tenant of the suite's database (a hundred and
    // more) every minute — e-mails, planner reminders, the rollup — and would stand before the bus relay
    // and the rows job; this journey needs only the bus (its sweep stays)
    for (const repeatable of await queueService.queue.getRepeatableJobs()) {
      if (repeatable.id !== 'schedule.bus.sweep') await queueService.queue.removeRepeatableByKey(repeatable.key)
    }
    await queueService.queue.clean(0, 'delayed')
    return async () => {
      await worker.kill('SIGTERM')
    }
  })

  test('publish an XLSX → the portal within a minute → table, map, chart → every download', async ({ browser, assert }) => {
    const consoleErrors: string[] = []

    // 1. The block's head: a new dataset, its XLSX (with latitude and longitude), the structure confirmed, published.
    const head = await personIn(browser, block.host, block.roadsHead.email, consoleErrors)
    await head.goto(`${origin(block.host)}/opendata/office/datasets/new`)
    await head.getByLabel('Имя набора (латиница)').fill(NAME)
    await head.getByLabel('Наименование', { exact: true }).fill(TITLE)
    await head.getByLabel('Наименование (англ.)').fill('Public gardens')
    await head.getByLabel('Описание', { exact: true }).fill('Скверы города с числом скамеек и площадью.')
    await head.getByLabel('Описание (англ.)').fill('The city’s public gardens with their benches and area.')
    await head.getByLabel('Тема').selectOption('environment')
    await head.getByLabel('Периодичность обновления').selectOption('monthly')
    await head.getByRole('button', { name: 'Сохранить' }).click()
    await head.getByRole('heading', { name: 'Загрузить таблицу (CSV или XLSX)' }).waitFor()

    await head.getByLabel('Файл').setInputFiles({ name: 'skvery.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsxOf([HEADER, ...ROWS]) })
    await head.getByRole('button', { name: 'Загрузить', exact: true }).click()
    await head.getByRole('heading', { name: 'Структура таблицы «skvery.xlsx»' }).waitFor()
    // the inferred types, confirmed as they are
    const types = await head.locator('select[name$="[type]"]').evaluateAll((selects) => selects.map((select) => (select as any).value as string))
    assert.deepEqual(types, ['string', 'string', 'integer', 'decimal', 'date', 'latitude', 'longitude'])
    await head.getByLabel('Что изменилось в версии').fill('Первая публикация')
    await head.getByRole('button', { name: 'Проверить и опубликовать' }).click()
    await head.getByText('Версия 1 опубликована и отправлена на портал.').waitFor()

    // 2. The portal: the catalogue lists it, then its page shows the loaded rows — within a minute, by the worker alone.
    const citizen = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage()
    citizen.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${citizen.url()}: ${message.text()}`)
    })
    citizen.on('pageerror', (error) => consoleErrors.push(`${citizen.url()}: ${error.message}`))
    const failed: string[] = []
    citizen.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`))
    citizen.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.url()} ${response.status()}`)
    })
    const started = Date.now()
    await pollUntil(citizen, `${origin(portal.host)}/opendata`, async () => (await citizen.locator(`[data-identifier="${IDENTIFIER}"]`).count()) > 0)
    await citizen.getByRole('link', { name: TITLE }).click()
    await pollUntil(citizen, `${origin(portal.host)}/opendata/${IDENTIFIER}`, async () => (await citizen.locator('table[data-preview] tbody tr').count()) === 20)
    assert.isBelow(Date.now() - started, 60_000)

    // 3. The table: 25 rows a page, sorted by a column both ways (by value), filtered by a column.
    await citizen.locator('[data-views-links]').getByRole('link', { name: 'Таблица' }).click()
    await citizen.getByRole('heading', { level: 1, name: `${TITLE}: Таблица` }).waitFor()
    assert.lengthOf(await columnOf(citizen, 1), 25)
    assert.isFalse(await scrollsSideways(citizen), 'the table page does not scroll sideways at 360 px')
    const benches = citizen.locator('th[data-field="kolichestvo_skameek"]')
    await benches.getByRole('link').click()
    await citizen.locator('th[data-field="kolichestvo_skameek"][aria-sort="ascending"]').waitFor()
    assert.deepEqual((await columnOf(citizen, 4)).slice(0, 4), ['3', '6', '9', '12'])
    await citizen.locator('th[data-field="kolichestvo_skameek"]').getByRole('link').click()
    await citizen.locator('th[data-field="kolichestvo_skameek"][aria-sort="descending"]').waitFor()
    assert.deepEqual((await columnOf(citizen, 4)).slice(0, 3), ['120', '117', '114'])
    await citizen.getByText('Фильтры по столбцам').click()
    await citizen.getByLabel('Район', { exact: true }).fill('западн')
    await citizen.getByRole('button', { name: 'Применить' }).click()
    await citizen.getByText(`Строк: ${ROWS.filter((values) => values[1] === 'Западный').length}`).waitFor()
    const districts = await columnOf(citizen, 3)
    assert.isAbove(districts.length, 0)
    assert.isTrue(districts.every((district) => district === 'Западный'))
    // still sorted (descending) within the filter
    const filtered = (await columnOf(citizen, 4)).map(Number)
    assert.deepEqual(filtered, [...filtered].sort((a, b) => b - a))
    const audited = [citizen.url()]

    // 4. The map: clustered markers drawn from map.json over the blank ground.
    await citizen.getByRole('navigation', { name: 'Представления набора данных' }).getByRole('link', { name: 'Карта' }).click()
    await citizen
      .locator('[data-opendata-map].leaflet-container')
      .waitFor({ timeout: 15_000 })
      .catch((error) => {
        return citizen.content().then((html) => {
          throw new Error(`the map was not drawn (${error.message}); console: ${consoleErrors.join(' | ')}; failed: ${failed.join(' | ')}; page: ${html.slice(html.indexOf('<main'), html.indexOf('<main') + 3000)}`)
        })
      })
    await citizen
      .locator('[data-opendata-map][data-loaded]')
      .waitFor({ timeout: 15_000 })
      .catch((error) => {
        throw new Error(`the map's rows were not loaded (${error.message}); console: ${consoleErrors.join(' | ')}; failed: ${failed.join(' | ')}`)
      })
    assert.equal(await citizen.locator('[data-opendata-map]').getAttribute('data-loaded'), String(COUNT))
    await citizen.locator('[data-opendata-map] .marker-cluster, [data-opendata-map] .opendata-map__point').first().waitFor()
    assert.isAbove(await citizen.locator('[data-opendata-map] .marker-cluster, [data-opendata-map] .opendata-map__point').count(), 0)
    assert.isFalse(await scrollsSideways(citizen))
    audited.push(citizen.url())

    // 5. The chart: benches summed by district, drawn as SVG beside its table.
    await citizen.getByRole('navigation', { name: 'Представления набора данных' }).getByRole('link', { name: 'Диаграмма' }).click()
    await citizen.getByLabel('Группировать по').selectOption('rayon')
    await citizen.getByLabel('Показатель').selectOption('sum')
    await citizen.getByLabel('Числовое поле').selectOption('kolichestvo_skameek')
    await citizen.getByRole('button', { name: 'Построить' }).click()
    await citizen.locator('svg[data-chart-svg][role="img"]').waitFor()
    assert.equal(await citizen.locator('svg[data-chart-svg] rect').count(), 3)
    for (const district of DISTRICTS) {
      const sum = ROWS.filter((values) => values[1] === district).reduce((total, values) => total + Number(values[2]), 0)
      assert.equal(await citizen.locator(`table[data-chart-table] tr[data-key="${district}"] td`).getAttribute('data-value'), String(sum))
    }
    assert.isFalse(await scrollsSideways(citizen))
    audited.push(citizen.url())

    // 6. Every download the dataset page offers: status and content.
    await citizen.goto(`${origin(portal.host)}/opendata/${IDENTIFIER}`)
    const links = await citizen.locator('[data-downloads] a').evaluateAll((anchors) => anchors.map((anchor) => (anchor as any).href as string))
    assert.lengthOf(links, 3 + 1 + 3 + 3)
    const bodies: Record<string, string> = {}
    for (const link of links) {
      // fetched by the page itself (the browser resolves the tenants' *.localhost hosts; Node does not)
      const response = await citizen.evaluate(async (url) => {
        const answer = await fetch(url)
        return { status: answer.status, text: await answer.text() }
      }, link)
      assert.equal(response.status, 200, link)
      bodies[new URL(link).pathname.split('/').pop()!] = response.text
    }
    const dataName = Object.keys(bodies).find((name) => name.startsWith('data-') && name.endsWith('.csv'))!.replace(/\.csv$/, '')
    const fieldNames = ['naimenovanie', 'rayon', 'kolichestvo_skameek', 'ploshchad_ga', 'data_priemki', 'shirota', 'dolgota']
    const csv = csvRecords(bodies[`${dataName}.csv`])
    assert.deepEqual(csv[0], fieldNames)
    assert.lengthOf(csv, COUNT + 1)
    assert.deepEqual(csv[1], ['Сквер № 1', 'Западный', '3', '1.25', '2026-02-02', '45.002', '38.952'])
    const json = JSON.parse(bodies[`${dataName}.json`])
    assert.lengthOf(json, COUNT)
    assert.deepEqual(json[0], { naimenovanie: 'Сквер № 1', rayon: 'Западный', kolichestvo_skameek: 3, ploshchad_ga: 1.25, data_priemki: '2026-02-02', shirota: 45.002, dolgota: 38.952 })
    assert.equal((bodies[`${dataName}.xml`].match(/<row>/g) ?? []).length, COUNT)
    assert.include(bodies[`${dataName}.xml`], '<naimenovanie>Сквер № 40</naimenovanie>')
    const structureName = Object.keys(bodies).find((name) => name.startsWith('structure-'))!
    assert.deepEqual(
      validateStructure(bodies[structureName]).map((field) => [field.name, field.format]),
      fieldNames.map((name, index) => [name, ['string', 'string', 'integer', 'decimal', 'date', 'latitude', 'longitude'][index]])
    )
    const meta = validateMeta(bodies['meta.csv'], IDENTIFIER)
    assert.equal(meta.data[0][0], dataName)
    assert.equal(JSON.parse(bodies['meta.json']).identifier, IDENTIFIER)
    assert.include(bodies['meta.xml'], `<identifier>${IDENTIFIER}</identifier>`)
    assert.include(
      validateList(bodies['list.csv']).map((entry) => entry.identifier),
      IDENTIFIER
    )
    assert.include(
      JSON.parse(bodies['list.json']).meta.map((entry: any) => entry.identifier),
      IDENTIFIER
    )
    assert.include(bodies['list.xml'], `<identifier>${IDENTIFIER}</identifier>`)

    assert.deepEqual(consoleErrors, [])
    await leave(head, citizen)

    // 7. The three views pass axe-core (WCAG 2.1 AA) at 360 px, in a context that lets the audit script in (bypassCSP).
    const auditor = await (await browser.newContext({ viewport: { width: 360, height: 780 }, bypassCSP: true })).newPage()
    const violations: string[] = []
    for (const url of audited) {
      await auditor.goto(url, { waitUntil: 'load' })
      if (url.includes('/map')) await auditor.locator('[data-opendata-map][data-loaded]').waitFor()
      violations.push(...(await axeViolations(auditor)))
    }
    assert.deepEqual(violations, [])
    await leave(auditor)
  }).timeout(180_000)
})
