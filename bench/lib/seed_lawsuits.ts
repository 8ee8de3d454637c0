import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { analyzeTables } from './analyze.js'

/**
 * Fills the current tenant with `count` court cases in SQL: instances,
 * categories and our roles spread over the vocabularies, 60 % decided over
 * the last 18 months, amounts up to 10 M ₽, two parties each, two past
 * hearings with a result each and, for open cases, a pending hearing in
 * the next 120 days (kept as the case's next hearing).
 */
export async function seedLawsuits(client: QueryClientContract, count: number, prefix: string) {
  await client.rawQuery(
    `with ids as (select array_agg(id order by id) as departments from departments),
          people as (select array_agg(id order by id) as users from users)
     insert into lawsuit_cases (number, court, instance, judge, category, our_role, subject, claimed_amount, awarded_amount,
                                collected_amount, outcome, decided_on, lawyer_id, department_id, created_at, updated_at)
     select ? || g || '/2026',
            (array['Арбитражный суд Краснодарского края', 'Ленинский районный суд г. Краснодара', 'Краснодарский краевой суд',
                   'Пятнадцатый арбитражный апелляционный суд'])[1 + g % 4],
            (array['first', 'first', 'first', 'appeal', 'appeal', 'cassation', 'supervisory'])[1 + g % 7],
            'Судья ' || (g % 50),
            (array['contract', 'property', 'land', 'budget', 'tax', 'labour', 'administrative', 'procurement', 'other'])[1 + g % 9],
            (array['defendant', 'defendant', 'plaintiff', 'third_party', 'applicant'])[1 + g % 5],
            'Взыскание задолженности по контракту № ' || g,
            ((g * 7919) % 10000000)::numeric + (g % 100) / 100.0,
            case when g % 10 < 6 then ((g * 7919) % 10000000)::numeric / 2 end,
            case when g % 10 < 3 then ((g * 7919) % 10000000)::numeric / 4 end,
            case when g % 10 < 6 then (array['satisfied', 'partially_satisfied', 'denied', 'terminated', 'left_without_review',
                                              'settlement_approved', 'remanded'])[1 + g % 7] end,
            case when g % 10 < 6 then current_date - (g % 540) end,
            people.users[1 + g % array_length(people.users, 1)],
            ids.departments[1 + g % array_length(ids.departments, 1)],
            now(), now()
       from generate_series(1, ?) g, ids, people`,
    [prefix, count]
  )
  await client.rawQuery(
    `insert into lawsuit_parties (case_id, role, name, created_at)
     select id, 'plaintiff', 'ООО «Истец ' || id || '»', now() from lawsuit_cases where number like ? || '%'
     union all
     select id, 'defendant', 'Министерство № ' || (id % 30), now() from lawsuit_cases where number like ? || '%'`,
    [prefix, prefix]
  )
  await client.rawQuery(
    `insert into lawsuit_events (case_id, kind, scheduled_on, starts_at, courtroom, result, created_at, updated_at)
     select c.id, 'hearing', current_date - 30 * k - (c.id % 30), '10:00', (100 + c.id % 300)::text, 'Отложено', now(), now()
       from lawsuit_cases c cross join generate_series(1, 2) k where c.number like ? || '%'
     union all
     select c.id, 'hearing', current_date + (c.id % 120), lpad((9 + c.id % 8)::text, 2, '0') || ':30', (100 + c.id % 300)::text, null, now(), now()
       from lawsuit_cases c where c.number like ? || '%' and c.outcome is null`,
    [prefix, prefix]
  )
  await client.rawQuery(
    `update lawsuit_cases c set next_hearing_on = e.next
       from (select case_id, min(scheduled_on) as next from lawsuit_events where kind = 'hearing' and result is null group by case_id) e
      where e.case_id = c.id and c.number like ? || '%'`,
    [prefix]
  )
  await analyzeTables(client, ['lawsuit_cases', 'lawsuit_events', 'lawsuit_parties'], { vacuum: true })
}
