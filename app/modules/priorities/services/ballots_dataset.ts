import { field, type Generator } from '#modules/opendata/services/generated/generator'
import { tenantDb } from '#tenancy/tenant_model'
import { REGION_ZONE } from '#core/region_time'

/**
 * The ballots of every sealed quarter as an open dataset of the portal,
 * published by the opendata module's nightly job: one row per priority,
 * voter's municipality, quarter and day with the number of counted ballots
 * — the canonical ballot file of a quarter (on its results page, with the
 * SHA-256 sealed in the snapshot) is these rows, each repeated `ballots`
 * times. Nothing in it names a person. Only sealed quarters: running
 * counts are published to nobody.
 */
export const priorityBallotsGenerator: Generator = {
  name: 'priority_ballots',
  kinds: ['portal'],
  passport: {
    titleRu: 'Бюллетени голосования за приоритеты развития по кварталам',
    titleEn: 'Ballots of the votes for development priorities, by quarter',
    descriptionRu:
      'Учтённые бюллетени закрытых кварталов: приоритет, муниципальное образование проживания голосовавшего, квартал, день голосования и число бюллетеней. По ним пересчитывается рейтинг приоритетов (методика на портале: /priorities/method).',
    descriptionEn:
      "Counted ballots of closed quarters: priority, the voter's municipality of residence, quarter, day and number of ballots. The priority ranks are recomputed from them (method on the portal: /priorities/method).",
    subject: 'government',
    keywords: 'рейтинг приоритетов, голосование, бюллетени',
    licence: 'cc-by-4.0',
    frequency: 'quarterly',
    provenance: 'Формируется автоматически из голосования за приоритеты на портале после закрытия квартала (без персональных данных).',
  },
  fields: [
    field('priority_id', 'integer', 'Номер приоритета', 'Priority number'),
    field('municipality_code', 'string', 'Код муниципального образования проживания голосовавшего', "Code of the voter's municipality of residence"),
    field('quarter', 'string', 'Квартал (ГГГГ-Qn)', 'Quarter (YYYY-Qn)'),
    field('vote_day', 'date', 'День голосования', 'Day of the vote'),
    field('ballots', 'integer', 'Число бюллетеней', 'Number of ballots'),
  ],
  async rows() {
    const rows = await tenantDb()
      .from('priority_ballots')
      .whereIn('quarter', tenantDb().from('priority_snapshots').select('quarter'))
      .whereNull('withdrawn_at')
      .whereNull('moderated_out_at')
      .select('priority_id', 'municipality_code', 'quarter')
      .select(tenantDb().raw(`to_char(cast_at at time zone ?, 'YYYY-MM-DD') as day`, [REGION_ZONE]))
      .count('* as ballots')
      .groupByRaw('priority_id, municipality_code, quarter, day')
      .orderByRaw('quarter, priority_id, municipality_code collate "C", day')
    return rows.map((row) => [String(row.priority_id), row.municipality_code, row.quarter, row.day, String(row.ballots)])
  },
}
