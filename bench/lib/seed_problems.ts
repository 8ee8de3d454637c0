import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { analyzeTables } from './analyze.js'

/**
 * Fills the portal tenant (its municipalities and themes in place) with
 * `count` problems in SQL, all by `authorId`: around each municipality's
 * centre (Krasnodar Krai, lat 43.4–46.9, lng 36.6–41.7), created over two
 * years, every status in realistic shares, 1 % hidden, a tenth with a photo.
 */
export async function seedProblems(db: QueryClientContract, count: number, authorId: number) {
  // Each problem: a municipality and a theme by its number, a point within ~15 km of the municipality's
  // centre, created over the last two years; statuses in realistic shares; 1 % hidden.
  await db.rawQuery(
    `with m as (select row_number() over (order by id) - 1 as n, id, lat, lon, admin_center_ru from municipalities),
          mc as (select count(*) as c from municipalities),
          t as (select row_number() over (order by id) - 1 as n, id, reaction_days from problem_themes),
          tc as (select count(*) as c from problem_themes),
          g as (select g, now() - (random() * interval '730 days') as created,
                       (array['awaiting_routing','routed','routed','planned','resolved','resolved','confirmed','confirmed','confirmed','confirmed'])[1 + (g % 10)] as status
                  from generate_series(1, ?) g)
     insert into problems (theme_id, municipality_id, author_id, lat, lng, address, description, status, round,
                           routed_tenant, routed_department_code, routed_department_name, routed_at, deadline, first_routed_at,
                           answer_kind, answer_text, answered_at, first_answered_at, answered_in_time,
                           endorsements_count, hidden_at, hidden_reason, closed_at, created_at, updated_at)
     select t.id, m.id, ?,
            least(46.9, greatest(43.4, m.lat + (random() - 0.5) * 0.27)),
            least(41.7, greatest(36.6, m.lon + (random() - 0.5) * 0.38)),
            m.admin_center_ru || ', ул. Тестовая, ' || (g.g % 300 + 1),
            'Проблема № ' || g.g || ': описание того, что случилось и где именно, для проверки скорости.',
            g.status, case when g.status = 'awaiting_routing' then 0 else 1 end,
            case when g.status = 'awaiting_routing' then null else 'block' || (g.g % 7) end,
            case when g.status = 'awaiting_routing' then null else 'dep' || (g.g % 10) end,
            case when g.status = 'awaiting_routing' then null else 'Департамент ' || (g.g % 10) end,
            case when g.status = 'awaiting_routing' then null else g.created + interval '1 hour' end,
            case when g.status = 'awaiting_routing' then null else g.created + make_interval(days => t.reaction_days) end,
            case when g.status = 'awaiting_routing' then null else g.created + interval '1 hour' end,
            case when g.status in ('planned', 'resolved', 'confirmed') then (case when g.status = 'planned' then 'planned' else 'resolved' end) end,
            case when g.status in ('planned', 'resolved', 'confirmed') then 'Ответ органа власти по проблеме № ' || g.g end,
            case when g.status in ('planned', 'resolved', 'confirmed') then g.created + interval '3 days' end,
            case when g.status in ('planned', 'resolved', 'confirmed') then g.created + interval '3 days' end,
            case when g.status in ('planned', 'resolved', 'confirmed') then true end,
            g.g % 17,
            case when g.g % 100 = 0 then g.created + interval '1 day' end,
            case when g.g % 100 = 0 then 'спам' end,
            case when g.status = 'confirmed' then g.created + interval '5 days' end,
            g.created, least(now(), g.created + interval '5 days')
       from g
       join m on m.n = g.g % (select c from mc)
       join t on t.n = (g.g / 44) % (select c from tc)`,
    [count, authorId]
  )
  await db.rawQuery(
    `insert into problem_photos (problem_id, source, round, storage_key, mime_type, width, height, size, created_at)
     select id, 'report', 0, 'bench/' || id || '.jpg', 'image/jpeg', 1600, 1200, 200000, created_at from problems where id % 10 = 0`
  )
  await analyzeTables(db, ['problems', 'problem_photos'])
}
