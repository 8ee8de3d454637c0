import { tenantDb } from '#tenancy/tenant_model'
import PublisherProfile from '#modules/opendata/models/publisher_profile'
import { field, text, type Generator } from '#modules/opendata/services/generated/generator'

/**
 * The body's active departments with the body's contacts. Departments keep
 * no phone or address of their own yet, so each row carries the body's
 * (from its publisher profile: the public phone and e-mail it answers on).
 */
export const departmentsGenerator: Generator = {
  name: 'departments',
  kinds: ['block', 'municipality'],
  passport: {
    titleRu: 'Структурные подразделения и контакты органа',
    titleEn: 'Departments and contacts of the body',
    descriptionRu: 'Действующие структурные подразделения органа власти с кодом вышестоящего подразделения, наименования на русском и английском языках, ИНН, телефон и адрес электронной почты органа.',
    descriptionEn: "The body's active departments with their parent department's code, names in Russian and English, and the body's INN, phone and e-mail.",
    subject: 'government',
    keywords: 'структура, подразделения, контакты',
    licence: 'cc-by-4.0',
    frequency: 'irregular',
    provenance: 'Формируется автоматически из справочника подразделений Krai.',
  },
  fields: [
    field('department_code', 'string', 'Код подразделения', 'Department code'),
    field('parent_code', 'string', 'Код вышестоящего подразделения', 'Parent department code'),
    field('name_ru', 'string', 'Наименование', 'Name in Russian'),
    field('name_en', 'string', 'Наименование на английском языке', 'Name in English'),
    field('body_name', 'string', 'Наименование органа', 'Body name'),
    field('body_inn', 'string', 'ИНН органа', 'Body INN'),
    field('body_phone', 'string', 'Телефон органа', 'Body phone'),
    field('body_email', 'string', 'Электронная почта органа', 'Body e-mail'),
  ],
  async rows() {
    const profile = await PublisherProfile.query().firstOrFail()
    const departments = await tenantDb()
      .from('departments as d')
      .leftJoin('departments as p', 'p.id', 'd.parent_id')
      .where('d.is_active', true)
      .orderBy('d.code')
      .select('d.code', 'p.code as parent_code', 'd.name_ru', 'd.name_en')
    return departments.map((row) => [row.code, text(row.parent_code), row.name_ru, row.name_en, profile.nameRu, profile.inn, profile.phone, profile.email])
  },
}
