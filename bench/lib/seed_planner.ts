import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Fills the current tenant with `count` planner items in SQL, owned by
 * `ownerSql` (an expression over `g`, the item's number, and `u.ids`, the
 * tenant's user ids in order): starts spread over a year back and a year
 * ahead in whole quarter-hours of the working day (`seed` scatters the
 * days), a fifth are tasks, every tenth has a reminder, every fiftieth
 * repeats weekly 10 times.
 */
export function seedPlannerItems(db: QueryClientContract, ownerSql: string, count: number, seed: number) {
  return db.rawQuery(
    `insert into planner_items (user_id, kind, title, all_day, starts_at, ends_at, series_ends_at, rrule, reminders, next_reminder_at, created_at, updated_at)
     select owner, kind, title, false, starts_at,
            case when kind = 'event' then starts_at + interval '1 hour' end,
            case when rrule is null then coalesce(case when kind = 'event' then starts_at + interval '1 hour' end, starts_at)
                 else starts_at + interval '9 weeks 1 hour' end,
            rrule, reminders,
            -- what the model computes on save: the next 15-minutes-before moment still ahead
            case when reminders = '{}' then null
                 else (select occurrence - interval '15 minutes'
                         from generate_series(0, case when rrule is null then 0 else 9 end) k,
                              lateral (select starts_at + k * interval '1 week' as occurrence) o
                        where occurrence - interval '15 minutes' > now() - interval '15 minutes'
                        order by occurrence limit 1) end,
            now(), now()
       from (
         select ${ownerSql} as owner,
                case when g % 5 = 0 then 'task' else 'event' end as kind,
                (array['Совещание', 'Выезд на объект', 'Приём граждан', 'Подготовить справку', 'Доклад'])[1 + g % 5] || ' № ' || g as title,
                date_trunc('day', now()) - interval '365 days' + ((g::bigint * ${seed}) % 730) * interval '1 day'
                  + interval '8 hours' + ((g * 7) % 40) * interval '15 minutes' as starts_at,
                case when g % 50 = 0 then 'FREQ=WEEKLY;COUNT=10' end as rrule,
                case when g % 10 = 0 then '{15}'::int[] else '{}'::int[] end as reminders
           from generate_series(1, ?) g, (select array_agg(id order by id) as ids from users) u
       ) seeded`,
    [count]
  )
}
