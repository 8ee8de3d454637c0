import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/identity/models/user'
import Order from '#modules/orders/models/order'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { ChangeDeadline } from '#modules/orders/actions/change_deadline'
import DeliverEmailsJob from '#modules/notifications/jobs/deliver_emails_job'
import { ScheduleHearing } from '#modules/lawsuits/actions/schedule_hearing'
import { systemActor } from '#core/audit'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { lawsuitsOffice, createCase, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { Mailbox } from '#tests/helpers/mailbox'
import { openpyxlRows, popplerText } from '#tests/helpers/documents'

/**
 * Dates as people read them, end to end, with fixed dates: an order's
 * deadline moved from 08.12.2026 to 15.12.2026 shows as ДД.ММ.ГГГГ on the
 * pages, in the notification, its e-mail and the history line; exports carry
 * real date cells (XLSX) and searchable ДД.ММ.ГГГГ text (PDF).
 */

let office: OrdersOffice
let order: Order

const page = (client: any, session: string, path: string) => client.get(path).header('host', office.host).withCookie(SESSION_COOKIE, session)

async function setLocale(id: number, locale: string | null) {
  await inOffice(office, async () => {
    const user = await User.findOrFail(id)
    user.merge({ locale, emailNotifications: true })
    await user.save()
  })
}

test.group('Dates for people | orders', (group) => {
  group.setup(async () => {
    office = await ordersOffice('dates_people')
    await setLocale(office.healthHead.id, null)
    order = await inOffice(office, async () => {
      const draft = await new CreateOrder().handle(
        {
          type: 'order',
          text: 'Подготовить отчёт о готовности котельных',
          deadlineKeyword: 'date',
          deadline: DateTime.fromISO('2026-12-08').toJSDate(),
          responsible: `department:${office.departments.health.id}`,
          controllerId: office.controller.id,
        },
        office.head
      )
      const issued = await new IssueOrder().handle(draft, office.head)
      // nothing e-mailed yet from the assignment: only the deadline change is looked at below
      await db.connection(`tenant_${office.tenant.slug}`).from('notifications').update({ email_status: 'skipped' })
      return new ChangeDeadline().handle(
        issued,
        { deadlineKeyword: 'date', deadline: DateTime.fromISO('2026-12-15').toJSDate(), reason: 'Перенос по просьбе исполнителя' },
        office.head
      )
    })
  })

  test('the order card shows the deadline and the history line as ДД.ММ.ГГГГ', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const card = await page(client, session, `/orders/${order.id}`)
    card.assertStatus(200)
    card.assertTextIncludes('08.12.2026 → 15.12.2026')
    card.assertTextIncludes('15.12.2026')
    assert.notInclude(card.text(), '2026-12-08 →')
    // a moment in the history: ДД.ММ.ГГГГ ЧЧ:ММ
    assert.match(card.text(), /<time datetime="[^"]+">\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}<\/time>/)

    const list = await page(client, session, '/orders')
    list.assertTextIncludes('15.12.2026')
  })

  test('the notification reads ДД.ММ.ГГГГ in Russian and in English', async ({ client }) => {
    const russian = await page(client, (await signIn(client, office.host, office.healthHead.email)).session, '/notifications')
    russian.assertTextIncludes(`Изменён срок поручения ${order.number}: 15.12.2026`)
    await setLocale(office.healthHead.id, 'en')
    try {
      const english = await page(client, (await signIn(client, office.host, office.healthHead.email)).session, '/notifications')
      english.assertTextIncludes(`Deadline of ${order.number} changed: 15.12.2026`)
    } finally {
      await setLocale(office.healthHead.id, null)
    }
  })

  test('the e-mail copy of the notification reads ДД.ММ.ГГГГ', async ({ assert }) => {
    const mailbox = await new Mailbox().start()
    try {
      await inOffice(office, () => new DeliverEmailsJob().handle())
      const [russian] = mailbox.to(office.healthHead.email)
      assert.equal(russian.subject, `Изменён срок поручения ${order.number}: 15.12.2026`)
      assert.include(russian.text!, '15.12.2026')
      assert.include(russian.html as string, '15.12.2026')
    } finally {
      await mailbox.stop()
    }
  })

  test('the XLSX export holds the deadline as a real date cell, the PDF as searchable ДД.ММ.ГГГГ', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const xlsx = await page(client, session, '/orders/export/xlsx')
    xlsx.assertStatus(200)
    const rows = await openpyxlRows(xlsx.body() as Buffer)
    const row = rows.find((cells) => cells[0].value === order.number)!
    assert.deepEqual(row[4], { type: 'd', value: '2026-12-15T00:00:00', format: 'dd.mm.yyyy' })

    const pdf = await page(client, session, '/orders/export/pdf')
    pdf.assertStatus(200)
    const text = await popplerText(pdf.body() as Buffer)
    const words = new Set(text.split(/\s+/))
    for (const whole of [order.number, '15.12.2026', 'Просрочено', 'Ответственный', 'котельных']) {
      assert.isTrue(words.has(whole), `«${whole}» is one word in the PDF text:\n${text}`)
    }
    assert.notInclude(text, '2026-12-15')
  })
})

test.group('Dates for people | lawsuits', (group) => {
  let lawsuits: LawsuitsOffice

  group.setup(async () => {
    lawsuits = await lawsuitsOffice('dates_lawsuits')
    const lawsuit = await createCase(lawsuits, { number: 'А32-41877/2026' })
    await inOffice(lawsuits, () => new ScheduleHearing().handle(lawsuit, { scheduledOn: DateTime.fromISO('2030-11-30').toJSDate(), startsAt: '10:30' }, systemActor('test')))
  })

  test('the lawsuits PDF keeps the case number whole (a search finds it) and dates as ДД.ММ.ГГГГ; the list page too', async ({ assert, client }) => {
    const { session } = await signIn(client, lawsuits.host, lawsuits.head.email)
    const pdf = await client.get('/lawsuits/export/pdf').header('host', lawsuits.host).withCookie(SESSION_COOKIE, session)
    pdf.assertStatus(200)
    const text = await popplerText(pdf.body() as Buffer)
    const words = new Set(text.split(/\s+/))
    for (const whole of ['А32-41877/2026', '30.11.2030', 'Краснодарского']) {
      assert.isTrue(words.has(whole), `«${whole}» is one word in the PDF text:\n${text}`)
    }

    const xlsx = await client.get('/lawsuits/export/xlsx?state=all').header('host', lawsuits.host).withCookie(SESSION_COOKIE, session)
    const rows = await openpyxlRows(xlsx.body() as Buffer)
    const row = rows.find((cells) => cells[0].value === 'А32-41877/2026')!
    assert.deepEqual(row[11], { type: 'd', value: '2030-11-30T00:00:00', format: 'dd.mm.yyyy' })

    const list = await client.get('/lawsuits?state=open').header('host', lawsuits.host).withCookie(SESSION_COOKIE, session)
    list.assertTextIncludes('30.11.2030')
  })
})
