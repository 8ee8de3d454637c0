import { tenantDb } from '#tenancy/tenant_model'
import { decimal, field, text, type Generator } from '#modules/opendata/services/generated/generator'

/**
 * The open dataset of the monthly ranks of government services and of the
 * bodies providing them: every sealed month (its latest version), generated
 * by the open-data job like the other modules' datasets. No person: bodies,
 * services, counts and scores.
 */
export const governmentServiceRanksGenerator: Generator = {
  name: 'government_service_ranks',
  kinds: ['portal'],
  passport: {
    titleRu: 'Рейтинг качества государственных и муниципальных услуг по оценкам граждан (по месяцам)',
    titleEn: 'Monthly ranks of public services by citizens’ ratings',
    descriptionRu:
      'Опубликованные итоги месяцев: для каждой услуги и каждого органа — байесовские средние по пяти критериям (Постановление Правительства РФ № 1284) и общая, 95 % интервал, место и его изменение, SHA-256 файла оценок, из которого они вычислены.',
    descriptionEn:
      'Sealed months: for every service and body, Bayesian averages on the five criteria (Government Decree No. 1284) and overall, the 95 % interval, the rank and its change, and the SHA-256 of the ratings file they were computed from.',
    subject: 'government',
    keywords: 'рейтинг, госуслуги, качество, оценка граждан, Ваш контроль',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
    provenance: 'Оценки граждан на портале; итоги месяца фиксируются 1-го числа следующего месяца (docs/service_ratings.md)',
  },
  fields: [
    field('month', 'string', 'Месяц (ГГГГ-ММ)', 'Month (YYYY-MM)'),
    field('version', 'integer', 'Версия итогов', 'Version of the results'),
    field('scope', 'string', 'Уровень (body — орган, service — услуга)', 'Scope (body or service)'),
    field('subject', 'string', 'Орган или услуга (орган/код)', 'Body or service (body/code)'),
    field('channel', 'string', 'Канал (mfc, online, office)', 'Channel (mfc, online, office)'),
    field('ratings', 'integer', 'Число оценок', 'Ratings'),
    field('score_time', 'decimal', 'Время предоставления', 'Time to get the service'),
    field('score_waiting', 'decimal', 'Время ожидания', 'Waiting time'),
    field('score_staff', 'decimal', 'Вежливость и компетентность', 'Politeness and competence'),
    field('score_premises', 'decimal', 'Комфортность помещений', 'Comfort of premises'),
    field('score_information', 'decimal', 'Доступность информации', 'Availability of information'),
    field('score_overall', 'decimal', 'Общая оценка', 'Overall'),
    field('interval_low', 'decimal', 'Нижняя граница 95 % интервала', '95 % interval, low'),
    field('interval_high', 'decimal', 'Верхняя граница 95 % интервала', '95 % interval, high'),
    field('rank', 'integer', 'Место', 'Rank'),
    field('delta_rank', 'integer', 'Изменение места', 'Change of rank'),
    field('ratings_sha256', 'string', 'SHA-256 файла оценок', 'SHA-256 of the ratings file'),
  ],
  async rows() {
    const result = await tenantDb().rawQuery(
      `select to_char(p.month, 'YYYY-MM') as month, p.version, p.ratings_sha256, k.*
         from service_rank_snapshots p join service_ranks k on k.snapshot_id = p.id
        where p.version = (select max(q.version) from service_rank_snapshots q where q.month = p.month)
        order by p.month, k.scope, k.rank nulls last, k.subject collate "C"`
    )
    return result.rows.map((row: any) => [
      row.month, text(row.version), row.scope, row.subject, row.channel ?? '', text(row.ratings),
      decimal(row.score_time), decimal(row.score_waiting), decimal(row.score_staff), decimal(row.score_premises), decimal(row.score_information),
      decimal(row.score_overall), decimal(row.interval_low), decimal(row.interval_high), text(row.rank), text(row.delta_rank), row.ratings_sha256,
    ])
  },
}
