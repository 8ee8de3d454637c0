import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { analyzeTables } from './analyze.js'

/**
 * Fills the current tenant with `count` issued orders in SQL: a responsible
 * department for each, a co-executor person for every third, two history
 * rows each, deadlines spread from 180 days ago to 180 days ahead (most
 * accepted when past), Russian texts that full-text search can find; every
 * fifth order is delegated below the one before it, so that visibility has
 * sub-orders to follow.
 */
export async function seedOrders(client: QueryClientContract, count: number, prefix: string, openOnly = false) {
  await client.rawQuery(
    `with ids as (select array_agg(id) as departments from departments),
          people as (select array_agg(id) as users from users),
          texts as (select array['Обеспечить ремонт кровли школы', 'Подготовить доклад о ходе вакцинации',
                                 'Провести проверку готовности котельных', 'Организовать приём граждан',
                                 'Представить предложения по благоустройству дворов', 'Закупить оборудование для больницы'] as t)
     insert into orders (number, type, issuer_id, department_id, text, status, deadline_keyword, deadline, ancestor_ids,
                         special_control, privacy, issued_at, accepted_at, created_at, updated_at)
     select ? || lpad(g::text, 7, '0'), 'order',
            people.users[1 + (g % array_length(people.users, 1))],
            ids.departments[1 + (g % array_length(ids.departments, 1))],
            texts.t[1 + (g % 6)] || ' № ' || g,
            case when ? then (array['issued', 'in_progress', 'in_progress', 'report_submitted'])[1 + g % 4]
                 when g % 10 < 6 and (current_date + ((g % 361) - 180)) < current_date then 'accepted'
                 else (array['issued', 'in_progress', 'in_progress', 'report_submitted', 'returned'])[1 + g % 5] end,
            'date', current_date + ((g % 361) - 180), '{}', g % 25 = 0, 'normal', now(), null, now(), now()
       from generate_series(1, ?) g, ids, people, texts`,
    [prefix, openOnly, count]
  )
  await client.rawQuery(
    `update orders set parent_id = id - 1, ancestor_ids = array[id - 1]
      where number like ? || '%' and id % 5 = 0 and id > (select min(id) from orders where number like ? || '%')`,
    [prefix, prefix]
  )
  await client.rawQuery(
    `insert into order_executors (order_id, role, department_id, deadline, status, created_at, updated_at)
     select id, 'responsible', department_id, deadline, 'assigned', now(), now() from orders where number like ? || '%'`,
    [prefix]
  )
  await client.rawQuery(
    `insert into order_executors (order_id, role, user_id, deadline, status, created_at, updated_at)
     select o.id, 'co_executor', o.issuer_id, o.deadline, 'assigned', now(), now()
       from orders o where o.number like ? || '%' and o.id % 3 = 0`,
    [prefix]
  )
  await client.rawQuery(
    `insert into order_activities (order_id, actor_id, action, field, old_value, new_value, details, created_at)
     select id, issuer_id, 'created', null, null, null, '{}'::jsonb, now() from orders where number like ? || '%'
     union all
     select id, issuer_id, 'issued', 'status', 'draft', 'issued', '{}'::jsonb, now() from orders where number like ? || '%'`,
    [prefix, prefix]
  )
  // vacuum too: it merges the GIN indexes' pending lists, which every search would otherwise read through
  await analyzeTables(client, ['orders', 'order_executors', 'order_activities'], { vacuum: true })
}
