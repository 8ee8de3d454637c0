import { tenantDb } from '#tenancy/tenant_model'
import { decimal, field, text, type Generator } from '#modules/opendata/services/generated/generator'

/**
 * Court cases of the body counted by instance, category, the body's role
 * and outcome ('pending' while undecided), with the amounts claimed and
 * awarded. Counts only: no case numbers, courts, judges or parties.
 */
export const lawsuitsGenerator: Generator = {
  name: 'lawsuits_statistics',
  kinds: ['block', 'municipality'],
  passport: {
    titleRu: 'Статистика судебных дел',
    titleEn: 'Court cases statistics',
    descriptionRu: 'Число судебных дел органа по инстанциям, категориям, процессуальному положению органа и результатам рассмотрения, заявленные и присуждённые суммы. Без номеров дел и сведений о сторонах.',
    descriptionEn: "The body's court cases counted by instance, category, the body's role and outcome, with amounts claimed and awarded. No case numbers or parties.",
    subject: 'government',
    keywords: 'судебные дела, статистика, претензионно-исковая работа',
    licence: 'cc-by-4.0',
    frequency: 'monthly',
    provenance: 'Формируется автоматически из модуля «Судебные дела».',
  },
  fields: [
    field('instance', 'string', 'Инстанция', 'Instance'),
    field('category', 'string', 'Категория спора', 'Category'),
    field('our_role', 'string', 'Процессуальное положение органа', "The body's role"),
    field('outcome', 'string', 'Результат рассмотрения', 'Outcome'),
    field('cases', 'integer', 'Число дел', 'Cases'),
    field('claimed_amount', 'decimal', 'Заявлено, руб.', 'Claimed, RUB'),
    field('awarded_amount', 'decimal', 'Присуждено, руб.', 'Awarded, RUB'),
  ],
  async rows() {
    const result = await tenantDb().rawQuery(
      `select instance, category, our_role, coalesce(outcome, 'pending') as outcome, count(*)::int as cases,
              sum(claimed_amount) as claimed, coalesce(sum(awarded_amount), 0) as awarded
         from lawsuit_cases
        group by instance, category, our_role, coalesce(outcome, 'pending')
        order by instance, category, our_role, outcome`
    )
    return result.rows.map((row: any) => [row.instance, row.category, row.our_role, row.outcome, text(row.cases), decimal(row.claimed), decimal(row.awarded)])
  },
}
