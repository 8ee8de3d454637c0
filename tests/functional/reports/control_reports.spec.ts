import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { rollupBuilder } from '#tenancy/rollup'
import { queueService } from '#queue/queue_service'
import { schedules, SCHEDULE_TIME_ZONE } from '#start/jobs'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, postFrom, signIn, submitForm } from '#tests/helpers/http'
import { pdfText, popplerText, xlsxRows } from '#tests/helpers/documents'
import { Mailbox } from '#tests/helpers/mailbox'
import { requestReport } from '#modules/reports/actions/request_report'
import { scheduleReports } from '#modules/reports/services/schedule_reports'
import { lastCompletePeriod } from '#modules/reports/services/report_periods'
import GenerateReportJob from '#modules/reports/jobs/generate_report_job'
import type Tenant from '#tenancy/tenant'

let control: Tenant
let north: OrdersOffice
const week = lastCompletePeriod('weekly')
const day = (offset: number) => week.from.plus({ days: offset }).toISODate()!
/** The same day as people read it in the report: ДД.ММ.ГГГГ. */
const shown = (offset: number) => week.from.plus({ days: offset }).toFormat('dd.MM.yyyy')

async function handMade(office: OrdersOffice, order: Record<string, unknown>, responsible: { user_id?: number; department_id?: number }) {
  await inOffice(office, async () => {
    const db = tenantDb()
    const at = `${day(0)} 10:00+03`
    const [row] = await db
      .table('orders')
      .insert({ type: 'order', issuer_id: office.head.id, status: 'in_progress', created_at: at, updated_at: at, issued_at: at, ...order })
      .returning('id')
    await db.table('order_executors').insert({ order_id: row.id, role: 'responsible', ...responsible, created_at: at, updated_at: at })
  })
}

function get(client: any, session: string, path: string) {
  return client.get(path).header('host', hostOf(control)).withCookie(SESSION_COOKIE, session)
}

async function settled(reportId: number, generation: number) {
  // the suite holds ~200 bodies by then, each queried for effectiveness: generation takes a while
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    const row = await inTenant(control, () => tenantDb().from('control_reports').where('id', reportId).first())
    if (row.generation === generation && (row.status === 'ready' || row.status === 'failed')) return row
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`report ${reportId} never finished`)
}

async function sheetRows(buffer: Buffer, index: number) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as any)
  const rows: string[][] = []
  workbook.worksheets[index].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))))
  return rows
}

test.group('Reports | periodic control reports', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    control = await ensureTenant('rep_control', 'control')
    north = await ordersOffice('rep_north')
    const health = { department_id: north.departments.health.id }
    // Last week: one executed on time, one late; now: one overdue under special control, one open in roads.
    await handMade(north, { number: 'REP-1', text: 'Исполнено в срок', status: 'accepted', deadline: day(4), completed_on: day(3), accepted_at: `${day(3)} 15:00+03` }, health)
    await handMade(north, { number: 'REP-2', text: 'Исполнено с опозданием', status: 'accepted', deadline: day(1), completed_on: day(5), accepted_at: `${day(5)} 15:00+03` }, health)
    await handMade(north, { number: 'REP-3', text: 'Просроченное поручение о ремонте школы', special_control: true, deadline: day(2) }, health)
    await handMade(north, { number: 'REP-4', text: 'Открытое поручение по дорогам', deadline: DateTime.now().plus({ days: 30 }).toISODate() }, { department_id: north.departments.roads.id })
    await rollupBuilder.refresh()
  })

  // The suite leaves ~120 blocks behind by now, and the region figures are queried block by block over
  // the rollup's union views (work grows with blocks²; a region has about ten): allow for it.
  test('a report holds the region figures by block and department, the overdue list and the rankings, in PDF and XLSX', async ({ assert, client }) => {
    const requested = await inTenant(control, () => requestReport('weekly', week, null))
    assert.isTrue(requested.queued)
    await inTenant(control, () => new GenerateReportJob().handle({ reportId: requested.id, generation: requested.generation }))

    const admin = await ensureUser(control, 'admin', 'admin@rep-control.test')
    const session = (await signIn(client, hostOf(control), admin.email)).session
    const list = await get(client, session, '/control/reports')
    list.assertStatus(200)
    list.assertTextIncludes('Готов')
    list.assertTextIncludes(`/control/reports/${requested.id}/pdf`)
    list.assertTextIncludes(`<td>${shown(0)} — ${shown(6)}</td>`)

    const pdf = await get(client, session, `/control/reports/${requested.id}/pdf`)
    pdf.assertStatus(200)
    const text = await pdfText(pdf.body())
    // dates as ДД.ММ.ГГГГ: the period in the title, REP-3's deadline in the overdue list, and never ISO
    assert.notMatch(text, /\d{4}-\d{2}-\d{2}/)
    for (const expected of [`Еженедельный отчёт о контроле, ${shown(0)} — ${shown(6)}`, `REP-3`, shown(2), 'Тестовый rep_north', 'Минздрав', 'Дороги', 'REP-3', 'Просроченное поручение о ремонте школы', 'лучшие подразделения']) {
      assert.include(text, expected)
    }
    assert.notInclude(text, 'REP-4')
    // poppler's text too: the period and REP-3's deadline are whole ДД.ММ.ГГГГ words, headers are not split
    const words = new Set((await popplerText(pdf.body())).split(/\s+/))
    for (const whole of [shown(0), shown(6), shown(2), 'REP-3', 'Просрочено']) assert.isTrue(words.has(whole), whole)

    const xlsx = await get(client, session, `/control/reports/${requested.id}/xlsx`)
    xlsx.assertStatus(200)
    // Block: open 2, overdue 1, executed 2, on time 50 %, special control 1.
    assert.deepInclude(await xlsxRows(xlsx.body()), ['Тестовый rep_north', '2', '1', '2', '50', '1'])
    const departments = await sheetRows(xlsx.body(), 1)
    assert.deepInclude(departments, ['Тестовый rep_north', 'Минздрав', '1', '1', '2', '50', '1'])
    assert.deepInclude(departments, ['Тестовый rep_north', 'Дороги', '1', '0', '0', '—', '0'])
    const overdue = await sheetRows(xlsx.body(), 2)
    assert.isTrue(overdue.some((row) => row.slice(0, 4).join('|') === 'rep_north|REP-3|Просроченное поручение о ремонте школы|Минздрав'))
    // the deadline is a real date cell shown as ДД.ММ.ГГГГ, not text
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body() as any)
    const sheet = workbook.worksheets[2]
    let deadline: ExcelJS.Cell | undefined
    sheet.eachRow((row) => {
      if (row.getCell(2).value === 'REP-3') deadline = row.getCell(5)
    })
    assert.instanceOf(deadline!.value, Date)
    assert.equal((deadline!.value as Date).toISOString(), `${day(2)}T00:00:00.000Z`)
    assert.equal(deadline!.numFmt, 'dd.mm.yyyy')
  }).timeout(240_000)

  test('asking again for the same period, or the schedule running twice, makes no second report', async ({ assert }) => {
    const first = await inTenant(control, () => requestReport('weekly', week, null))
    const again = await inTenant(control, () => requestReport('weekly', week, null))
    assert.isFalse(again.queued)
    assert.equal(again.id, first.id)
    await scheduleReports('weekly')
    await scheduleReports('weekly')
    const monthly = await scheduleReports('monthly')
    assert.include(monthly.queued, 'rep_control')
    assert.notInclude((await scheduleReports('monthly')).queued, 'rep_control')
    const rows = await inTenant(control, () => tenantDb().from('control_reports').select('kind', 'period_start'))
    assert.lengthOf(rows.filter((row) => row.kind === 'weekly'), 1)
    assert.lengthOf(rows.filter((row) => row.kind === 'monthly'), 1)
    // Block tenants have no reports of their own.
    const inBlock = await inOffice(north, () => tenantDb().from('control_reports').count('* as total'))
    assert.equal(Number(inBlock[0].total), 0)
  }).timeout(60_000)

  test('the schedules: weekly on Monday 08:00 and monthly on the 1st 08:00, Moscow time, for the period just finished', async ({ assert }) => {
    assert.deepInclude(schedules, { job: 'reports.schedule_weekly', cron: '0 8 * * 1', perTenant: false })
    assert.deepInclude(schedules, { job: 'reports.schedule_monthly', cron: '0 8 1 * *', perTenant: false })
    assert.equal(SCHEDULE_TIME_ZONE, 'Europe/Moscow')
    const monday = DateTime.fromISO('2026-11-23T08:00', { zone: 'Europe/Moscow' })
    const weekly = lastCompletePeriod('weekly', monday)
    assert.deepEqual([weekly.from.toISODate(), weekly.to.toISODate()], ['2026-11-16', '2026-11-22'])
    const monthly = lastCompletePeriod('monthly', DateTime.fromISO('2026-12-01T08:00', { zone: 'Europe/Moscow' }))
    assert.deepEqual([monthly.from.toISODate(), monthly.to.toISODate()], ['2026-11-01', '2026-11-30'])
  })

  test('"generate now" runs in the background and subscribers get exactly one e-mail per report', async ({ assert, client }) => {
    const mailbox = await new Mailbox().start()
    // Another test file may have left this process working the queue, and earlier tests left
    // jobs queued (e-mail deliveries of every tenant): start afresh.
    await queueService.close()
    await queueService.queue.empty()
    queueService.process(1)
    try {
      const admin = await ensureUser(control, 'admin', 'admin@rep-control.test')
      const reader = await ensureUser(control, 'head', 'head@rep-control.test')
      const leaver = await ensureUser(control, 'controller', 'controller@rep-control.test')
      const adminSession = (await signIn(client, hostOf(control), admin.email)).session
      const readerSession = (await signIn(client, hostOf(control), reader.email)).session
      const leaverSession = (await signIn(client, hostOf(control), leaver.email)).session
      const subscribe = (session: string, subscribed: string) =>
        submitForm(client, hostOf(control), session, '/control/reports', '/control/reports/subscriptions', { kind: 'weekly', subscribed })
      ;(await subscribe(readerSession, 'true')).assertTextIncludes('Подписка оформлена.')
      await subscribe(readerSession, 'true')
      await subscribe(adminSession, 'true')
      await subscribe(leaverSession, 'true')
      ;(await subscribe(leaverSession, 'false')).assertTextIncludes('Подписка отменена.')

      const generate = async () => {
        const page = await submitForm(client, hostOf(control), adminSession, '/control/reports', '/control/reports', { kind: 'weekly' })
        page.assertStatus(200)
        const row = await inTenant(control, () => tenantDb().from('control_reports').where({ kind: 'weekly', period_start: week.from.toISODate()! }).first())
        return settled(row.id, row.generation)
      }
      const first = await generate()
      assert.equal(first.status, 'ready')
      const second = await generate()
      assert.equal(second.status, 'ready')
      assert.isAbove(second.generation, first.generation)

      assert.lengthOf(mailbox.to(reader.email), 1)
      assert.lengthOf(mailbox.to(admin.email), 1)
      assert.lengthOf(mailbox.to(leaver.email), 0)
      const mail = mailbox.to(reader.email)[0]
      assert.equal(mail.subject, `Еженедельный отчёт о контроле, ${shown(0)} — ${shown(6)}`)
      assert.include(mail.text, `http://rep-control.localhost:${process.env.PORT}/control/reports#report-${first.id}`)
    } finally {
      await queueService.close()
      await mailbox.stop()
    }
  }).timeout(420_000)

  test('only admins generate; block tenants have no reports page; unknown reports are 404', async ({ client }) => {
    const controller = await ensureUser(control, 'controller', 'controller@rep-control.test')
    const session = (await signIn(client, hostOf(control), controller.email)).session
    ;(await get(client, session, '/control/reports')).assertStatus(200)
    const { response } = await postFrom(client, hostOf(control), session, '/control/reports', '/control/reports', { kind: 'weekly' })
    response.assertStatus(403)
    ;(await get(client, session, '/control/reports/999999/pdf')).assertStatus(404)

    const blockSession = (await signIn(client, north.host, north.head.email)).session
    const fromBlock = await client.get('/control/reports').header('host', north.host).withCookie(SESSION_COOKIE, blockSession)
    fromBlock.assertStatus(404)
  })
})
