import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { analyzeTables } from './analyze.js'

/**
 * One block's orders over the last and the next 180 days: past deadlines
 * mostly accepted (about a third late), the rest open; responsible a
 * department, or for every third order a person; one report per reported
 * order, every seventh returned once before being accepted. First `staff`
 * executors spread over the departments ("staff<n>@bench.local", with
 * `passwordHash` when they are to sign in).
 */
export async function seedBlock(db: QueryClientContract, count: number, staff: number, passwordHash: string | null = null) {
  await db.rawQuery(
    `insert into users (email, full_name, password, role, department_id, status, created_at, updated_at)
     select 'staff' || g || '@bench.local', 'Сотрудник ' || g, ?::text, 'executor',
            (select array_agg(id order by id) from departments)[1 + g % (select count(*) from departments)::int], 'active', now(), now()
       from generate_series(1, ?) g`,
    // null (no password) binds as SQL null
    [passwordHash as string, staff]
  )
  await db.rawQuery(
    `with ids as (select array_agg(id order by id) as departments from departments),
          people as (select array_agg(id order by id) as users from users),
          base as (select g, current_date + ((g % 361) - 180) as deadline from generate_series(1, ?) g),
          shaped as (
            select g, deadline,
                   (g % 10 < 7 and deadline < current_date) as done,
                   least(deadline + ((g % 11) - 7), current_date) as completed
              from base)
     insert into orders (number, type, issuer_id, department_id, text, status, deadline_keyword, deadline, ancestor_ids,
                         special_control, privacy, issued_at, completed_on, accepted_at, created_at, updated_at)
     select 'RB-' || lpad(g::text, 7, '0'), 'order', people.users[1 + g % array_length(people.users, 1)],
            ids.departments[1 + g % array_length(ids.departments, 1)],
            'Поручение № ' || g,
            case when done then (case when g % 20 = 0 then 'removed' else 'accepted' end)
                 else (array['issued', 'in_progress', 'in_progress', 'report_submitted', 'returned'])[1 + g % 5] end,
            'date', deadline, '{}', g % 25 = 0, case when g % 50 = 0 then 'restricted' else 'normal' end,
            (deadline - 10 - g % 30) + time '10:00',
            case when done then completed end,
            case when done then least(completed + g % 3, current_date) + time '12:00' end,
            (deadline - 10 - g % 30) + time '09:00', now()
       from shaped, ids, people`,
    [count]
  )
  await db.rawQuery(
    `insert into order_executors (order_id, role, department_id, user_id, deadline, status, created_at, updated_at)
     select o.id, 'responsible',
            case when o.id % 3 = 0 then null else o.department_id end,
            case when o.id % 3 = 0 then people.users[1 + o.id % array_length(people.users, 1)] end,
            o.deadline, 'assigned', o.created_at, o.created_at
       from orders o, (select array_agg(id order by id) as users from users where email like 'staff%') people`
  )
  await db.rawQuery(
    `insert into order_reports (order_id, author_id, text, status, created_at)
     select o.id, o.issuer_id, 'Отчёт', 'returned', coalesce(o.completed_on, current_date) - 3 + time '11:00'
       from orders o where (o.status in ('accepted', 'removed') and o.id % 7 = 0) or o.status = 'returned'
     union all
     select o.id, o.issuer_id, 'Отчёт', case when o.status = 'report_submitted' then 'submitted' else 'accepted' end,
            coalesce(o.completed_on, current_date) - 1 + time '11:00'
       from orders o where o.status in ('accepted', 'removed', 'report_submitted')`
  )
  await analyzeTables(db, ['users', 'orders', 'order_executors', 'order_reports'])
}
