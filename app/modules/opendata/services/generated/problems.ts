import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { decimal, field, text, type Generator } from '#modules/opendata/services/generated/generator'

/*
| Citizens' problems live on the portal (the bodies hold only the cases
| routed to them), so the portal publishes these itself: from its own
| public problems, never hidden ones, never a citizen's name, text or place.
*/

const provenance = 'Формируется автоматически из раздела «Сообщить о проблеме» портала (без персональных данных).'

/** Problems per municipality and theme: received, answered, answered in time, overdue now. */
export const problemsGenerator: Generator = {
  name: 'problems_statistics',
  kinds: ['portal'],
  passport: {
    titleRu: 'Статистика обращений граждан о проблемах по муниципальным образованиям и темам',
    titleEn: "Citizens' problem reports by municipality and theme",
    descriptionRu: 'Число сообщений граждан о проблемах по муниципальным образованиям и темам: поступило, получен ответ, ответ в срок, просрочено на дату публикации.',
    descriptionEn: 'Problems reported by citizens per municipality and theme: received, answered, answered in time, overdue on the day of publication.',
    subject: 'social',
    keywords: 'обращения граждан, проблемы, статистика',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
    provenance,
  },
  fields: [
    field('municipality_code', 'string', 'Код муниципального образования', 'Municipality code'),
    field('municipality_ru', 'string', 'Муниципальное образование', 'Municipality (Russian)'),
    field('municipality_en', 'string', 'Муниципальное образование на английском языке', 'Municipality (English)'),
    field('theme_code', 'string', 'Код темы', 'Theme code'),
    field('theme_ru', 'string', 'Тема', 'Theme (Russian)'),
    field('theme_en', 'string', 'Тема на английском языке', 'Theme (English)'),
    field('received', 'integer', 'Поступило', 'Received'),
    field('answered', 'integer', 'Получен ответ', 'Answered'),
    field('answered_in_time', 'integer', 'Ответ в срок', 'Answered in time'),
    field('overdue_now', 'integer', 'Просрочено', 'Overdue now'),
  ],
  async rows() {
    const result = await tenantDb().rawQuery(
      `select m.code as municipality_code, m.name_ru as municipality_ru, m.name_en as municipality_en,
              t.code as theme_code, t.name_ru as theme_ru, t.name_en as theme_en,
              count(*)::int as received, count(p.first_answered_at)::int as answered,
              count(*) filter (where p.answered_in_time)::int as in_time,
              count(*) filter (where p.status = 'routed' and p.deadline < ?)::int as overdue_now
         from problems p
         join problem_themes t on t.id = p.theme_id
         left join municipalities m on m.id = p.municipality_id
        where p.hidden_at is null
        group by m.code, m.name_ru, m.name_en, t.code, t.name_ru, t.name_en
        order by m.code nulls last, t.code`,
      [clockDate()]
    )
    return result.rows.map((row: any) => [
      text(row.municipality_code), text(row.municipality_ru), text(row.municipality_en), row.theme_code, row.theme_ru, row.theme_en,
      text(row.received), text(row.answered), text(row.in_time), text(row.overdue_now),
    ])
  },
}

/** Themes ranked by the problems citizens report (and endorse): the region's priorities as its people see them. */
export const priorityRanksGenerator: Generator = {
  name: 'priority_ranks',
  kinds: ['portal'],
  passport: {
    titleRu: 'Рейтинг приоритетов граждан по темам обращений',
    titleEn: "Citizens' priorities: themes ranked by problem reports",
    descriptionRu: 'Темы сообщений о проблемах, упорядоченные по числу сообщений; число поддержавших граждан и доля решённых.',
    descriptionEn: 'Problem themes ranked by the number of reports, with endorsements and the share resolved.',
    subject: 'social',
    keywords: 'приоритеты, рейтинг, обращения граждан',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
    provenance,
  },
  fields: [
    field('rank', 'integer', 'Место', 'Rank'),
    field('theme_code', 'string', 'Код темы', 'Theme code'),
    field('theme_ru', 'string', 'Тема', 'Theme (Russian)'),
    field('theme_en', 'string', 'Тема на английском языке', 'Theme (English)'),
    field('reports', 'integer', 'Сообщений', 'Reports'),
    field('endorsements', 'integer', 'Поддержали', 'Endorsements'),
    field('resolved_percent', 'decimal', 'Решено, %', 'Resolved, %'),
  ],
  async rows() {
    const result = await tenantDb().rawQuery(
      `select rank() over (order by count(*) desc, coalesce(sum(p.endorsements_count), 0) desc)::int as rank,
              t.code, t.name_ru, t.name_en, count(*)::int as reports, coalesce(sum(p.endorsements_count), 0)::int as endorsements,
              round(100.0 * count(*) filter (where p.answer_kind = 'resolved' or p.plan_done_at is not null) / count(*), 1) as resolved
         from problems p
         join problem_themes t on t.id = p.theme_id
        where p.hidden_at is null
        group by t.code, t.name_ru, t.name_en
        order by rank, t.code`
    )
    return result.rows.map((row: any) => [text(row.rank), row.code, row.name_ru, row.name_en, text(row.reports), text(row.endorsements), decimal(row.resolved)])
  },
}

/** Answering bodies ranked by the share of problems answered in time (then by their median reaction). */
export const serviceRanksGenerator: Generator = {
  name: 'service_ranks',
  kinds: ['portal'],
  passport: {
    titleRu: 'Рейтинг органов власти по своевременности ответов на сообщения граждан',
    titleEn: "Bodies ranked by timely answers to citizens' problem reports",
    descriptionRu: 'Органы власти, отвечающие на сообщения о проблемах, упорядоченные по доле ответов в срок; число поступивших и отвеченных сообщений, медианное время реакции.',
    descriptionEn: 'Bodies answering problem reports ranked by the share answered in time, with received and answered counts and the median reaction time.',
    subject: 'government',
    keywords: 'рейтинг, качество обслуживания, сроки ответа',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
    provenance,
  },
  fields: [
    field('rank', 'integer', 'Место', 'Rank'),
    field('body_ru', 'string', 'Орган власти', 'Body (Russian)'),
    field('body_en', 'string', 'Орган власти на английском языке', 'Body (English)'),
    field('received', 'integer', 'Поступило', 'Received'),
    field('answered', 'integer', 'Получен ответ', 'Answered'),
    field('in_time_percent', 'decimal', 'Ответ в срок, %', 'Answered in time, %'),
    field('median_hours', 'decimal', 'Медианное время реакции, ч', 'Median reaction, hours'),
  ],
  async rows() {
    const result = await tenantDb().rawQuery(
      `with figures as (
         select p.routed_tenant, coalesce(max(b.name_ru), p.routed_tenant) as body_ru, coalesce(max(b.name_en), p.routed_tenant) as body_en,
                count(*)::int as received, count(p.first_answered_at)::int as answered,
                round(100.0 * count(*) filter (where p.answered_in_time) / nullif(count(p.first_answered_at), 0), 1) as in_time,
                round((percentile_cont(0.5) within group (order by extract(epoch from p.first_answered_at - p.first_routed_at) / 3600)
                  filter (where p.first_answered_at is not null))::numeric, 1) as median_hours
           from problems p
           left join known_bodies b on b.slug = p.routed_tenant
          where p.hidden_at is null and p.routed_tenant is not null
          group by p.routed_tenant
       )
       select rank() over (order by in_time desc nulls last, median_hours asc nulls last)::int as rank, *
         from figures order by rank, routed_tenant`
    )
    return result.rows.map((row: any) => [text(row.rank), row.body_ru, row.body_en, text(row.received), text(row.answered), decimal(row.in_time), decimal(row.median_hours)])
  },
}
