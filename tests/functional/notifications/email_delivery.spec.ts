import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DeliverEmailsJob, { MAX_EMAIL_ATTEMPTS } from '#modules/notifications/jobs/deliver_emails_job'
import User from '#modules/identity/models/user'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { queueService } from '#queue/queue_service'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { Mailbox } from '#tests/helpers/mailbox'

let office: OrdersOffice
let neighbour: OrdersOffice

async function issueOrder(into: OrdersOffice, text: string) {
  return inOffice(into, async () => {
    const order = await new CreateOrder().handle(
      {
        type: 'order',
        text,
        deadlineKeyword: 'date',
        deadline: DateTime.fromISO('2027-03-01').toJSDate(),
        responsible: `department:${into.departments.health.id}`,
        controllerId: into.controller.id,
      },
      into.head
    )
    return new IssueOrder().handle(order, into.head)
  })
}

function emailStates(into: OrdersOffice, orderId: number) {
  return db
    .connection(`tenant_${into.tenant.slug}`)
    .from('notifications')
    .where('data', '@>', JSON.stringify({ orderId }))
    .orderBy('id')
    .select('user_id', 'email_status', 'email_attempts', 'email_error')
}

async function setUser(into: OrdersOffice, id: number, changes: Partial<Pick<User, 'locale' | 'emailNotifications'>>) {
  await inOffice(into, async () => {
    const user = await User.findOrFail(id)
    user.merge(changes)
    await user.save()
  })
}

test.group('Notifications | e-mail delivery', (group) => {
  let mailbox: Mailbox

  group.setup(async () => {
    office = await ordersOffice('mail_block')
    neighbour = await ordersOffice('mail_other')
  })

  group.each.setup(async () => {
    mailbox = await new Mailbox().start()
    // Every test starts with nothing pending from earlier tests.
    for (const into of [office, neighbour]) {
      await db.connection(`tenant_${into.tenant.slug}`).from('notifications').update({ email_status: 'skipped' })
      await setUser(into, into.healthHead.id, { locale: null, emailNotifications: true })
    }
    return () => mailbox.stop()
  })

  test('an assignment is e-mailed over SMTP in the reader language with a link to the tenant, once', async ({ assert }) => {
    await setUser(office, office.healthHead.id, { locale: 'en' })
    const order = await issueOrder(office, 'Подготовить больницы к зиме')

    const first = await inOffice(office, () => new DeliverEmailsJob().handle())
    assert.isAtLeast(first.sent, 1)

    const [english] = mailbox.to(office.healthHead.email)
    assert.equal(english.subject, `New order for you: ${order.number}`)
    assert.include(english.text!, `http://mail-block.localhost:${process.env.PORT}/orders/${order.id}`)
    assert.include(english.html as string, `/orders/${order.id}`)
    assert.equal(english.headers.get('x-krai-notification') !== undefined, true)

    const russian = mailbox.to(office.healthExecutor.email)
    if (russian.length) assert.equal(russian[0].subject, `Вам поручено: ${order.number}`)

    const states = await emailStates(office, order.id)
    assert.isTrue(states.every((row) => row.email_status === 'sent'))

    const again = await inOffice(office, () => new DeliverEmailsJob().handle())
    assert.deepEqual(again, { sent: 0, skipped: 0, failed: 0, retrying: 0 })
    assert.lengthOf(mailbox.to(office.healthHead.email), 1)
  })

  test('a user who turned e-mail off gets none; the notification stays in the app', async ({ assert }) => {
    await setUser(office, office.healthHead.id, { emailNotifications: false })
    const order = await issueOrder(office, 'Проверить готовность котельных')

    await inOffice(office, () => new DeliverEmailsJob().handle())

    assert.lengthOf(mailbox.to(office.healthHead.email), 0)
    const states = await emailStates(office, order.id)
    const head = states.find((row) => row.user_id === office.healthHead.id)
    assert.equal(head?.email_status, 'skipped')
  })

  test('an unreachable mail server leaves e-mails pending with the error, and gives up after the last attempt', async ({ assert }) => {
    await mailbox.stop()
    const order = await issueOrder(office, 'Обновить реестр лекарств')

    const first = await inOffice(office, () => new DeliverEmailsJob().handle())
    assert.equal(first.sent, 0)
    assert.isAtLeast(first.retrying, 1)
    let states = await emailStates(office, order.id)
    assert.isTrue(states.every((row) => row.email_status === 'pending' && row.email_attempts === 1 && !!row.email_error))

    for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await inOffice(office, () => new DeliverEmailsJob().handle())
    }
    states = await emailStates(office, order.id)
    assert.isTrue(states.every((row) => row.email_status === 'failed' && row.email_attempts === MAX_EMAIL_ATTEMPTS))

    // The in-app notifications are all still there.
    assert.isAtLeast(states.length, 1)
    mailbox = await new Mailbox().start()
  })

  test('a tenant job sends only its own tenant notifications', async ({ assert }) => {
    const mine = await issueOrder(office, 'Поручение своего блока')
    const theirs = await issueOrder(neighbour, 'Поручение соседнего блока')

    await inOffice(office, () => new DeliverEmailsJob().handle())

    assert.isAtLeast(mailbox.to(office.healthHead.email).length, 1)
    assert.lengthOf(mailbox.to(neighbour.healthHead.email), 0)
    assert.isTrue((await emailStates(office, mine.id)).every((row) => row.email_status === 'sent'))
    assert.isTrue((await emailStates(neighbour, theirs.id)).every((row) => row.email_status === 'pending'))
  })

  test('issuing an order queues one delivery job for its tenant shortly after commit', async ({ assert }) => {
    await issueOrder(office, 'Поручение с письмом')
    await issueOrder(office, 'Ещё одно поручение с письмом')
    const delayed = await queueService.queue.getDelayed()
    const ours = delayed.filter((job) => job.name === 'notifications.deliver_emails' && job.data.tenant === office.tenant.slug)
    assert.isAtLeast(ours.length, 1)
    assert.isAtMost(ours.length, 2)
    for (const job of ours) await job.remove()
  })
})
