import type { DateTime } from 'luxon'
import { publicStructure } from '#modules/staffing/services/public_structure'
import { decimal, field, type Generator } from '#modules/opendata/services/generated/generator'

/**
 * The staffing structure in force (the staffing module's published
 * structure): approved and vacant FTE per department and position title.
 * No people, no dates of anyone's appointment.
 */
export const staffingGenerator: Generator = {
  name: 'staffing_structure',
  kinds: ['block'],
  passport: {
    titleRu: 'Штатная структура',
    titleEn: 'Staffing structure',
    descriptionRu: 'Утверждённые штатные единицы и вакансии по подразделениям и должностям, действующие на дату публикации.',
    descriptionEn: 'Approved posts (FTE) and vacancies by department and position in force on the day of publication.',
    subject: 'government',
    keywords: 'штатное расписание, вакансии, должности',
    licence: 'cc-by-4.0',
    frequency: 'irregular',
    provenance: 'Формируется автоматически из штатного расписания (модуль «Кадровая укомплектованность»).',
  },
  fields: [
    field('department_code', 'string', 'Код подразделения', 'Department code'),
    field('department_ru', 'string', 'Подразделение', 'Department (Russian)'),
    field('department_en', 'string', 'Подразделение на английском языке', 'Department (English)'),
    field('position', 'string', 'Должность', 'Position'),
    field('approved_fte', 'decimal', 'Штатных единиц', 'Approved FTE'),
    field('vacancies', 'decimal', 'Вакантных единиц', 'Vacant FTE'),
  ],
  async rows(today) {
    const rows = await publicStructure(today as DateTime<true>)
    return rows.map((row) => [row.department_code, row.department_ru, row.department_en, row.position, decimal(row.approved_fte), decimal(row.vacancies)])
  },
}
