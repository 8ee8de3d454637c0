import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import Order from '#modules/orders/models/order'
import { visibleTo } from '#modules/orders/builders/visible_orders'
import type User from '#modules/identity/models/user'
import { ordersOffice, inOffice, type OrdersOffice } from '#tests/helpers/orders'
import { ensureUser } from '#tests/helpers/tenants'

/**
 * Who sees which order, every way of taking part at once, asked of the
 * visibility builder itself (the lists, the board, the dashboard, the card
 * and the planner all go through it):
 *
 *   A  normal      issued by the head to the health department
 *   B  normal      delegated below A to the roads department
 *   C  normal      delegated below B to the outsider in person
 *   D  restricted  delegated below C to the roads department
 *   E  restricted  to the finance department, the controller controls it
 *   F  restricted  the head's own, the outsider is its curator
 *   G  normal      the head's own, nobody else takes part
 */
test.group('Orders | visibility matrix', (group) => {
  let office: OrdersOffice
  let admin: User
  const ids: Record<string, number> = {}

  group.setup(async () => {
    office = await ordersOffice('ord_visibility')
    admin = await ensureUser(office.tenant, 'admin', 'admin@ord-visibility.test')
    await inOffice(office, async () => {
      const db = tenantDb()
      await db.rawQuery("delete from orders where number like 'VIS-%'")
      const insert = async (
        label: string,
        fields: { privacy?: string; parent?: string; controller?: number; curator?: number },
        executor: { departmentId?: number; userId?: number }
      ) => {
        const parent = fields.parent ? ids[fields.parent] : null
        const ancestors = parent ? [...(await db.from('orders').where('id', parent).first()).ancestor_ids, parent] : []
        const [row] = await db
          .table('orders')
          .insert({
            number: `VIS-${label}`,
            type: 'order',
            issuer_id: office.head.id,
            controller_id: fields.controller ?? null,
            curator_id: fields.curator ?? null,
            text: `Поручение ${label}`,
            status: 'issued',
            deadline_keyword: 'date',
            deadline: '2030-01-10',
            parent_id: parent,
            ancestor_ids: ancestors,
            privacy: fields.privacy ?? 'normal',
            special_control: false,
            issued_at: new Date(),
            created_at: new Date(),
            updated_at: new Date(),
          })
          .returning('id')
        ids[label] = row.id
        await db.table('order_executors').insert({
          order_id: row.id,
          role: 'responsible',
          department_id: executor.departmentId ?? null,
          user_id: executor.userId ?? null,
          status: 'assigned',
          created_at: new Date(),
          updated_at: new Date(),
        })
      }
      const { health, roads, finance } = office.departments
      await insert('A', {}, { departmentId: health.id })
      await insert('B', { parent: 'A' }, { departmentId: roads.id })
      await insert('C', { parent: 'B' }, { userId: office.outsider.id })
      await insert('D', { parent: 'C', privacy: 'restricted' }, { departmentId: roads.id })
      await insert('E', { privacy: 'restricted', controller: office.controller.id }, { departmentId: finance.id })
      await insert('F', { privacy: 'restricted', curator: office.outsider.id }, { userId: office.head.id })
      await insert('G', {}, { userId: office.head.id })
    })
  })

  async function seenBy(user: User) {
    return inOffice(office, async () => {
      const rows = await visibleTo(Order.query(), user).where('orders.number', 'like', 'VIS-%').select('orders.number')
      return rows.map((order) => order.number.replace('VIS-', '')).sort()
    })
  }

  test('{who} sees {expected}')
    .with([
      { who: 'head', expected: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] },
      // the department's orders and everything delegated below them, restricted or not
      { who: 'healthHead', expected: ['A', 'B', 'C', 'D'] },
      { who: 'healthExecutor', expected: ['A', 'B', 'C', 'D'] },
      // a delegate sees from their sub-order down, never the order above
      { who: 'roadsHead', expected: ['B', 'C', 'D'] },
      // in person (C and below), through the department (E), as curator (F)
      { who: 'outsider', expected: ['C', 'D', 'E', 'F'] },
      // every normal order, and of the restricted only the one they control
      { who: 'controller', expected: ['A', 'B', 'C', 'E', 'G'] },
      { who: 'admin', expected: ['A', 'B', 'C', 'G'] },
    ])
    .run(async ({ assert }, { who, expected }) => {
      const user = who === 'admin' ? admin : office[who as 'head']
      assert.deepEqual(await seenBy(user), expected)
    })

  test('a change of the people reaches the order and everything below it, whatever wrote it', async ({ assert }) => {
    const db = () => tenantDb()
    // A goes from health to finance: health loses the whole branch, finance gains it
    await inOffice(office, () =>
      db().from('order_executors').where('order_id', ids.A).update({ department_id: office.departments.finance.id })
    )
    assert.deepEqual(await seenBy(office.healthHead), [])
    assert.deepEqual(await seenBy(office.outsider), ['A', 'B', 'C', 'D', 'E', 'F'])
    // the roads head becomes B's controller: no change for them (B's executor already), then curator of G
    await inOffice(office, () => db().from('orders').where('id', ids.G).update({ curator_id: office.roadsHead.id }))
    assert.deepEqual(await seenBy(office.roadsHead), ['B', 'C', 'D', 'G'])
    // a co-executor in person added to C reaches D below it; removed again, both go
    await inOffice(office, () =>
      db().table('order_executors').insert({
        order_id: ids.C,
        role: 'co_executor',
        user_id: office.healthExecutor.id,
        status: 'assigned',
        created_at: new Date(),
        updated_at: new Date(),
      })
    )
    assert.deepEqual(await seenBy(office.healthExecutor), ['C', 'D'])
    await inOffice(office, () => db().from('order_executors').where({ order_id: ids.C, user_id: office.healthExecutor.id }).delete())
    assert.deepEqual(await seenBy(office.healthExecutor), [])
    // a status change alone keeps the keys
    await inOffice(office, () => db().from('orders').where('id', ids.B).update({ status: 'in_progress' }))
    assert.deepEqual(await seenBy(office.roadsHead), ['B', 'C', 'D', 'G'])
  })

  test('a card outside the set is not found, one inside is', async ({ assert }) => {
    await inOffice(office, async () => {
      assert.isNull(await visibleTo(Order.query(), office.roadsHead).where('orders.id', ids.A).first())
      assert.isNotNull(await visibleTo(Order.query(), office.roadsHead).where('orders.id', ids.D).first())
      assert.isNull(await visibleTo(Order.query(), office.healthHead).where('orders.id', ids.A).first())
    })
  })

  test('bulk writes keep the keys too: hundreds of orders in one statement', async ({ assert }) => {
    const countSeen = (user: User) =>
      inOffice(office, async () => {
        const rows = await visibleTo(Order.query(), user).where('orders.number', 'like', 'VIS-BULK-%').count('* as total')
        return Number(rows[0].$extras.total)
      })
    await inOffice(office, async () => {
      await tenantDb().rawQuery(
        `insert into orders (number, type, issuer_id, text, status, deadline_keyword, deadline, parent_id, ancestor_ids,
                             privacy, special_control, issued_at, created_at, updated_at)
         select 'VIS-BULK-' || g, 'order', ?, 'Массовое поручение ' || g, 'issued', 'date', '2030-01-10', ?, array[?]::integer[],
                'normal', false, now(), now(), now()
           from generate_series(1, 300) g`,
        [office.head.id, ids.G, ids.G]
      )
    })
    // below G, whose curator is the roads head
    assert.equal(await countSeen(office.roadsHead), 300)
    assert.equal(await countSeen(office.healthExecutor), 0)
    // one statement gives all of them a person as executor
    await inOffice(office, () =>
      tenantDb().rawQuery(
        `insert into order_executors (order_id, role, user_id, status, created_at, updated_at)
         select id, 'responsible', ?, 'assigned', now(), now() from orders where number like 'VIS-BULK-%'`,
        [office.healthExecutor.id]
      )
    )
    assert.equal(await countSeen(office.healthExecutor), 300)
    // G loses its curator: the roads head loses G and the 300 below it
    await inOffice(office, () => tenantDb().from('orders').where('id', ids.G).update({ curator_id: null }))
    assert.equal(await countSeen(office.roadsHead), 0)
    assert.equal(await countSeen(office.healthExecutor), 300)
  })
})
