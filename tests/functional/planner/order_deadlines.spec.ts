import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { EXECUTOR_PEOPLE_SQL } from '#modules/orders/services/executor_people'
import { OPEN_STATUSES } from '#modules/orders/lifecycle'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { orderDeadlinesFor } from '#modules/planner/services/order_deadlines'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'

let office: OrdersOffice

async function issued(text: string, days: number, responsible: string, coExecutors: string[] = []) {
  return inOffice(office, async () => {
    const draft = await new CreateOrder().handle(
      { type: 'order', text, deadlineKeyword: 'date', deadline: DateTime.now().plus({ days }).toJSDate(), responsible, coExecutors },
      office.head
    )
    return new IssueOrder().handle(draft, office.head)
  })
}

test.group('Planner | order deadlines', (group) => {
  group.setup(async () => {
    office = await ordersOffice('plan_deadlines')
  })

  test('the planner shows exactly the open orders each person acts for under EXECUTOR_PEOPLE_SQL', async ({ assert }) => {
    const { health, finance, roads } = office.departments
    await issued('Поручение отделу здравоохранения', 5, `department:${health.id}`, [`user:${office.controller.id}`])
    await issued('Поручение финансистам без начальника', 8, `department:${finance.id}`)
    const personal = await issued('Поручение лично исполнителю', 3, `user:${office.healthExecutor.id}`, [`department:${roads.id}`])
    const accepted = await issued('Исполненное поручение', 4, `department:${health.id}`)
    await inOffice(office, async () => {
      accepted.status = 'accepted'
      await accepted.save()
    })

    await inOffice(office, async () => {
      const users = await User.query().orderBy('id')
      for (const user of users) {
        const expected = await tenantDb().rawQuery(
          `select distinct o.id from (${EXECUTOR_PEOPLE_SQL}) p join orders o on o.id = p.order_id
            where p.person = ? and o.status in (${OPEN_STATUSES.map(() => '?').join(', ')}) order by o.id`,
          [user.id, ...OPEN_STATUSES]
        )
        const shown = await orderDeadlinesFor(user.id, null, null)
        assert.deepEqual(shown.map((deadline) => deadline.orderId).sort((a, b) => a - b), expected.rows.map((row: { id: number }) => row.id), user.email)
      }
      // the cases the rule distinguishes, spelled out
      const numbersOf = async (user: User) => (await orderDeadlinesFor(user.id, null, null)).map((deadline) => deadline.text)
      assert.sameMembers(await numbersOf(office.healthHead), ['Поручение отделу здравоохранения'])
      assert.sameMembers(await numbersOf(office.outsider), ['Поручение финансистам без начальника'])
      assert.sameMembers(await numbersOf(office.healthExecutor), ['Поручение лично исполнителю'])
      assert.sameMembers(await numbersOf(office.roadsHead), ['Поручение лично исполнителю'])
      assert.sameMembers(await numbersOf(office.controller), ['Поручение отделу здравоохранения'])
      // a range keeps only the deadlines inside it (both ends included)
      const due = personal.deadline!
      const inRange = await orderDeadlinesFor(office.healthExecutor.id, due.toISODate(), due.toISODate())
      assert.deepEqual(inRange.map((deadline) => deadline.text), ['Поручение лично исполнителю'])
      assert.deepEqual(await orderDeadlinesFor(office.healthExecutor.id, due.plus({ days: 1 }).toISODate(), null), [])
      assert.deepEqual(await orderDeadlinesFor(office.healthExecutor.id, null, due.minus({ days: 1 }).toISODate()), [])
    })
  })
})
