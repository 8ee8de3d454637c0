import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { clockDate } from '#core/clock'
import { regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { bodyOffice, ensureUser, inOffice } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'

/**
 * The signed-in home page of an office: every role sees its own sections,
 * each item links to its thing, and nothing comes from another tenant (the
 * second block has the same people, with the same ids, and orders of its own).
 */
let alpha: OrdersOffice
let beta: OrdersOffice
let control: Awaited<ReturnType<typeof controlOffice>>
const ids: Record<string, number> = {}

function controlOffice() {
  return bodyOffice('control', 'home_ctrl', { inspection: { nameRu: 'Инспекция', nameEn: 'Inspection' } }, { head: { role: 'head' }, inspector: { role: 'controller', department: 'inspection' } })
}

/** A day relative to the (fixed, in CI) region's today, as YYYY-MM-DD. */
function day(offset: number) {
  return regionToday().plus({ days: offset }).toISODate()!
}

let counter = 0
async function order(
  fields: { text: string; issuer: number; status: string; deadline: string | null },
  executor: { userId?: number; departmentId?: number; remoteTenant?: string; remoteName?: string }
) {
  const now = clockDate()
  const [row] = await tenantDb()
    .table('orders')
    .insert({
      number: `H-${Date.now() % 100000}-${++counter}`,
      type: 'order',
      issuer_id: fields.issuer,
      text: fields.text,
      status: fields.status,
      deadline: fields.deadline,
      issued_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const id = Number(row.id ?? row)
  await tenantDb().table('order_executors').insert({
    order_id: id,
    role: 'responsible',
    user_id: executor.userId ?? null,
    department_id: executor.departmentId ?? null,
    remote_tenant: executor.remoteTenant ?? null,
    remote_department_name: executor.remoteName ?? null,
    remote_department_code: executor.remoteTenant ? 'health' : null,
    created_at: now,
    updated_at: now,
  })
  return id
}

async function clear() {
  for (const table of ['order_extension_requests', 'order_reports', 'order_executors', 'planner_items', 'orders', 'notifications', 'problem_cases']) {
    await tenantDb().from(table).delete()
  }
}

async function home(client: ApiClient, host: string, email: string) {
  const { session } = await signIn(client, host, email)
  const page = await client.get('/dashboard').header('host', host).withCookie(SESSION_COOKIE, session)
  if (page.status() !== 200) throw new Error(`GET /dashboard as ${email}: ${page.status()} ${page.text().slice(0, 3000)}`)
  return page.text()
}

/** The HTML of one home section, or null when the page has none. */
function section(html: string, key: string) {
  return html.match(new RegExp(`<section[^>]*data-home-section="${key}"[\\s\\S]*?</section>`))?.[0] ?? null
}

function sectionKeys(html: string) {
  return [...html.matchAll(/data-home-section="([a-z_]+)"/g)].map((match) => match[1])
}

test.group('Identity | home page | what each role sees', (group) => {
  group.setup(async () => {
    alpha = await ordersOffice('home_alpha')
    beta = await ordersOffice('home_beta')
    control = await controlOffice()
    await ensureUser(alpha.tenant, 'admin', 'admin@home-alpha.test')

    await inOffice(beta, async () => {
      await clear()
      // the same people (same ids) in another tenant: none of this may show in alpha
      await order({ text: 'Чужое просроченное поручение беты', issuer: beta.head.id, status: 'in_progress', deadline: day(-5) }, { userId: beta.healthExecutor.id })
      await order({ text: 'Чужой отчёт беты на рассмотрении', issuer: beta.head.id, status: 'report_submitted', deadline: day(3) }, { departmentId: beta.departments.roads.id })
      await tenantDb().table('notifications').insert({ user_id: beta.healthExecutor.id, kind: 'order.assigned', data: { number: 'БЕТА-1' }, link: '/orders/1', email_status: 'skipped' })
    })

    await inOffice(alpha, async () => {
      await clear()
      const head = alpha.head.id
      ids.overdue = await order({ text: 'Подготовить доклад о ремонте больниц', issuer: head, status: 'in_progress', deadline: day(-3) }, { userId: alpha.healthExecutor.id })
      ids.soon = await order({ text: 'Проверить готовность поликлиник к зиме', issuer: head, status: 'issued', deadline: day(2) }, { departmentId: alpha.departments.health.id })
      ids.later = await order({ text: 'Поручение на следующий квартал', issuer: head, status: 'issued', deadline: day(60) }, { userId: alpha.healthExecutor.id })
      ids.report = await order({ text: 'Отремонтировать мост через Кубань', issuer: head, status: 'report_submitted', deadline: day(20) }, { departmentId: alpha.departments.roads.id })
      ids.extension = await order({ text: 'Закупить машины скорой помощи', issuer: head, status: 'extension_requested', deadline: day(5) }, { userId: alpha.healthExecutor.id })
      await tenantDb().table('order_extension_requests').insert({ order_id: ids.extension, requested_by: alpha.healthExecutor.id, justification: 'Торги не состоялись', current_deadline: day(5), requested_deadline: day(30), status: 'pending', created_at: clockDate() })
      ids.returned = await order({ text: 'Представить план вакцинации', issuer: head, status: 'returned', deadline: day(10) }, { userId: alpha.healthExecutor.id })
      await tenantDb().table('order_reports').insert({ order_id: ids.returned, author_id: alpha.healthExecutor.id, text: 'План готов', status: 'returned', review_comment: 'Приложите график по районам', created_at: clockDate() })
      ids.roadsOverdue = await order({ text: 'Убрать снег на трассе', issuer: head, status: 'in_progress', deadline: day(-10) }, { departmentId: alpha.departments.roads.id })
      ids.accepted = await order({ text: 'Исполненное давно поручение', issuer: head, status: 'accepted', deadline: day(-30) }, { userId: alpha.healthExecutor.id })

      const created = clockDate()
      await tenantDb().table('notifications').multiInsert([
        { user_id: alpha.healthExecutor.id, kind: 'order.assigned', data: { number: 'А-1' }, link: `/orders/${ids.overdue}`, email_status: 'skipped', created_at: created },
        { user_id: alpha.healthExecutor.id, kind: 'order.assigned', data: { number: 'А-2' }, link: `/orders/${ids.soon}`, email_status: 'skipped', created_at: created },
        { user_id: alpha.healthExecutor.id, kind: 'order.assigned', data: { number: 'А-3' }, link: null, email_status: 'skipped', created_at: created },
        { user_id: alpha.healthExecutor.id, kind: 'order.assigned', data: { number: 'А-прочитано' }, link: null, email_status: 'skipped', created_at: created, read_at: created },
      ])

      const start = regionToday().set({ hour: 10 })
      await tenantDb().table('planner_items').insert({
        user_id: alpha.healthExecutor.id, kind: 'event', title: 'Совещание по здравоохранению', all_day: false,
        starts_at: start.toJSDate(), ends_at: start.plus({ hours: 1 }).toJSDate(), series_ends_at: start.plus({ hours: 1 }).toJSDate(),
        location: 'Зал 3', created_at: created, updated_at: created,
      })

      const caseRow = (originId: number, departmentId: number, themeName: string, deadline: Date) => ({
        origin_tenant: 'home_portal', origin_problem_id: originId, department_id: departmentId, theme_code: 'roads', theme_name: themeName,
        municipality_code: 'krd', municipality_name: 'Краснодар', lat: 45.03, lng: 38.97, address: 'ул. Красная, 1', description: 'Яма',
        author_name: 'Иван', status: 'open', deadline, received_at: created, created_at: created, updated_at: created,
      })
      await tenantDb().table('problem_cases').multiInsert([
        caseRow(1, alpha.departments.health.id, 'Грязь в поликлинике', regionToday().minus({ days: 2 }).toJSDate()),
        caseRow(2, alpha.departments.roads.id, 'Яма на дороге', regionToday().plus({ days: 5 }).toJSDate()),
      ])
    })

    await inOffice(control, async () => {
      await clear()
      await order({ text: 'Контроль: доложить о дорогах', issuer: control.head.id, status: 'in_progress', deadline: day(-4) }, { remoteTenant: 'home_alpha', remoteName: 'Минздрав края' })
      await order({ text: 'Контроль: отчёт ждёт решения', issuer: control.head.id, status: 'report_submitted', deadline: day(8) }, { remoteTenant: 'home_alpha', remoteName: 'Минздрав края' })
    })
  })

  test('an executor sees their overdue and due-soon orders, remarks, today, problems and notifications', async ({ assert, client }) => {
    const html = await home(client, alpha.host, alpha.healthExecutor.email)
    assert.includeMembers(sectionKeys(html), ['orders_overdue', 'orders_due_soon', 'orders_remarks', 'problems_queue', 'planner_today', 'notifications'])
    assert.notIncludeMembers(sectionKeys(html), ['orders_decisions', 'orders_overdue_by_department', 'problems_overdue'])

    const overdue = section(html, 'orders_overdue')!
    assert.include(overdue, `href="/orders/${ids.overdue}"`)
    assert.include(overdue, 'Подготовить доклад о ремонте больниц')
    assert.include(overdue, `datetime="${day(-3)}"`)
    assert.include(overdue, `${day(-3).split('-').reverse().join('.')}</time>`) // ДД.ММ.ГГГГ
    assert.include(overdue, 'href="/orders?role=executor&amp;overdue=1"')
    assert.notInclude(overdue, 'Исполненное давно поручение')

    const soon = section(html, 'orders_due_soon')!
    assert.include(soon, `href="/orders/${ids.soon}"`) // their department's order
    assert.include(soon, `href="/orders/${ids.extension}"`)
    assert.notInclude(soon, `href="/orders/${ids.later}"`) // beyond the window
    assert.notInclude(soon, `href="/orders/${ids.overdue}"`)

    const remarks = section(html, 'orders_remarks')!
    assert.include(remarks, `href="/orders/${ids.returned}"`)
    assert.include(remarks, 'Приложите график по районам')

    const today = section(html, 'planner_today')!
    assert.include(today, 'Совещание по здравоохранению')
    assert.include(today, '10:00–11:00')

    const problems = section(html, 'problems_queue')!
    assert.include(problems, 'Грязь в поликлинике')
    assert.notInclude(problems, 'Яма на дороге') // another department's queue

    const notifications = section(html, 'notifications')!
    assert.match(notifications, /badge home-section__total">3</)
    assert.notInclude(notifications, 'А-прочитано')

    // the header's unread badge, with its text for screen readers
    assert.match(html, /data-nav-badge>3</)
    assert.include(html, '(3 непрочитанных)')

    // another tenant's orders and notifications never show, though the ids are the same
    assert.notInclude(html, 'беты')
    assert.notInclude(html, 'БЕТА-1')
    // not the office's user figures
    assert.notInclude(html, 'stat__value')
  })

  test("a department head sees the department's orders and queue, not the block's", async ({ assert, client }) => {
    const html = await home(client, alpha.host, alpha.healthHead.email)
    const keys = sectionKeys(html)
    assert.include(keys, 'orders_due_soon')
    assert.include(keys, 'problems_queue')
    assert.notIncludeMembers(keys, ['orders_overdue_by_department', 'orders_decisions', 'problems_overdue', 'notifications'])
    assert.include(section(html, 'orders_due_soon')!, `href="/orders/${ids.soon}"`)
    // personal orders of a colleague are not the department head's own
    assert.notInclude(html, `href="/orders/${ids.overdue}"`)
    assert.notMatch(html, /data-nav-badge/)
  })

  test('the block head sees what awaits their decision and the overdue by department', async ({ assert, client }) => {
    const html = await home(client, alpha.host, alpha.head.email)
    const keys = sectionKeys(html)
    assert.includeMembers(keys, ['orders_decisions', 'orders_issued_overdue', 'orders_overdue_by_department', 'problems_overdue'])
    assert.notIncludeMembers(keys, ['orders_overdue', 'orders_remarks'])

    const decisions = section(html, 'orders_decisions')!
    assert.include(decisions, `href="/orders/${ids.report}"`)
    assert.include(decisions, `href="/orders/${ids.extension}"`)
    assert.include(decisions, `datetime="${day(30)}">${day(30).split('-').reverse().join('.')}</time>`) // the requested deadline
    assert.include(decisions, 'href="/orders?role=issuer&amp;status=report_submitted"')

    const byDepartment = section(html, 'orders_overdue_by_department')!
    assert.match(byDepartment, new RegExp(`href="/orders\\?executor=department:${alpha.departments.health.id}&amp;overdue=1">Минздрав</a>\\s*<span class="badge badge--overdue">1<`))
    assert.match(byDepartment, new RegExp(`href="/orders\\?executor=department:${alpha.departments.roads.id}&amp;overdue=1">Дороги</a>\\s*<span class="badge badge--overdue">1<`))
    assert.match(byDepartment, /badge home-section__total">2</)

    const problems = section(html, 'problems_overdue')!
    assert.include(problems, 'Грязь в поликлинике')
    assert.notInclude(problems, 'Яма на дороге') // not overdue yet
    assert.notInclude(html, 'беты')
  })

  test('the Department of Control sees its orders to bodies and what awaits its decision', async ({ assert, client }) => {
    const html = await home(client, control.host, control.head.email)
    const keys = sectionKeys(html)
    assert.includeMembers(keys, ['orders_decisions', 'orders_issued_overdue', 'orders_overdue_by_department'])
    assert.notIncludeMembers(keys, ['problems_queue', 'problems_overdue'])
    assert.include(section(html, 'orders_decisions')!, 'Контроль: отчёт ждёт решения')
    assert.include(section(html, 'orders_issued_overdue')!, 'Контроль: доложить о дорогах')
    assert.match(section(html, 'orders_overdue_by_department')!, /Минздрав края<\/a>\s*<span class="badge badge--overdue">1</)
    assert.notInclude(html, 'Подготовить доклад о ремонте больниц')

    // a controller with nothing of their own gets a calm page, not an error
    const calm = await home(client, control.host, control.inspector.email)
    assert.include(calm, 'data-home-empty')
  })

  test("admins also find the office's user figures, below their home", async ({ assert, client }) => {
    const html = await home(client, alpha.host, 'admin@home-alpha.test')
    assert.include(html, 'Пользователи и подразделения')
    assert.include(html, 'stat__value')
  })

  test('reading the notifications clears the badge and the section', async ({ assert, client }) => {
    const { session } = await signIn(client, alpha.host, alpha.healthExecutor.email)
    const before = (await client.get('/notifications').header('host', alpha.host).withCookie(SESSION_COOKIE, session)).text()
    assert.match(before, /data-nav-badge>3</)
    const csrf = before.match(/name='_csrf' value='([^']+)'/)![1]
    await client.post('/notifications/read').header('host', alpha.host).withCookie(SESSION_COOKIE, session).form({ _csrf: csrf }).redirects(0)
    const after = (await client.get('/dashboard').header('host', alpha.host).withCookie(SESSION_COOKIE, session)).text()
    assert.notMatch(after, /data-nav-badge/)
    assert.notInclude(sectionKeys(after), 'notifications')
  })
})
