import { tenantDb } from '#tenancy/tenant_model'
import { REGION_ZONE } from '#core/region_time'
import { field, text, type Generator } from '#modules/opendata/services/generated/generator'

/**
 * The registry of the body's draft acts published for public discussion
 * (a draft with at least one published version; drafts still in
 * preparation stay in the office): kind, level, area, stage, the
 * department preparing it and the discussion's dates. No remarks, no
 * names of the people responsible.
 */
export const draftActsGenerator: Generator = {
  name: 'draft_acts',
  kinds: ['block', 'municipality'],
  passport: {
    titleRu: 'Реестр проектов нормативных правовых актов',
    titleEn: 'Registry of draft legal acts',
    descriptionRu: 'Проекты нормативных правовых актов, вынесенные на общественное обсуждение: вид, уровень, сфера, стадия, подразделение-разработчик, сроки обсуждения.',
    descriptionEn: 'Draft legal acts published for public discussion: kind, level, area, stage, the department preparing it and the discussion dates.',
    subject: 'government',
    keywords: 'нормотворчество, проекты актов, общественное обсуждение',
    licence: 'cc-by-4.0',
    frequency: 'irregular',
    provenance: 'Формируется автоматически из модуля «Нормотворчество» (только опубликованные проекты).',
  },
  fields: [
    field('draft_id', 'integer', 'Номер проекта в органе', 'Draft number in the body'),
    field('title', 'string', 'Наименование проекта', 'Title'),
    field('kind', 'string', 'Вид акта', 'Kind of act'),
    field('level', 'string', 'Уровень', 'Level'),
    field('municipality_code', 'string', 'Код муниципального образования', 'Municipality code'),
    field('subject_area', 'string', 'Сфера регулирования', 'Subject area'),
    field('stage', 'string', 'Стадия', 'Stage'),
    field('department_code', 'string', 'Код подразделения-разработчика', 'Department code'),
    field('first_published_on', 'date', 'Дата первой публикации', 'First published on'),
    field('current_version', 'integer', 'Номер действующей редакции', 'Current version'),
    field('consultation_starts_on', 'date', 'Начало обсуждения', 'Discussion starts on'),
    field('consultation_ends_on', 'date', 'Окончание обсуждения', 'Discussion ends on'),
  ],
  async rows() {
    const result = await tenantDb().rawQuery(
      `select d.id, d.title, d.kind, d.level, d.municipality_code, d.subject_area, d.stage, dep.code as department_code,
              to_char((select min(v.published_at) from lawmaking_versions v where v.draft_id = d.id) at time zone '${REGION_ZONE}', 'YYYY-MM-DD') as first_published_on,
              d.current_version, to_char(d.consultation_starts_on, 'YYYY-MM-DD') as starts_on, to_char(d.consultation_ends_on, 'YYYY-MM-DD') as ends_on
         from lawmaking_drafts d
         join departments dep on dep.id = d.department_id
        where d.current_version > 0
        order by d.id`
    )
    return result.rows.map((row: any) => [
      text(row.id), row.title, row.kind, row.level, text(row.municipality_code), row.subject_area, row.stage, row.department_code,
      text(row.first_published_on), text(row.current_version), text(row.starts_on), text(row.ends_on),
    ])
  },
}
