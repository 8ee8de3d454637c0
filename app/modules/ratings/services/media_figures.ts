import { DateTime } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import { MEDIA_TONES, type MediaTone } from '#modules/ratings/models/media_item'

export interface MediaFilters {
  topic?: string
  department?: number
  months?: number
}

type ToneCounts = Record<MediaTone, number>


function tones(row: any): ToneCounts {
  return { positive: Number(row.positive), neutral: Number(row.neutral), negative: Number(row.negative) }
}

const TONE_COLUMNS = MEDIA_TONES.map((tone) => `count(*) filter (where m.tone = '${tone}')::int as ${tone}`).join(', ')

/**
 * Volume and tone of publications over time (by month), by topic and by
 * mentioned department, for a window of months and optional filters.
 */
export async function mediaTrends(filters: MediaFilters, locale: string) {
  const db = tenantDb()
  const months = filters.months ?? 12
  const since = DateTime.now().setZone(REGION_ZONE).startOf('month').minus({ months: months - 1 })
  const where: string[] = ['m.published_at >= ?']
  const bindings: (string | number | Date)[] = [since.toJSDate()]
  if (filters.topic) {
    where.push('m.topic = ?')
    bindings.push(filters.topic)
  }
  if (filters.department) {
    where.push('exists (select 1 from media_item_departments x where x.media_item_id = m.id and x.department_id = ?)')
    bindings.push(filters.department)
  }
  const condition = where.join(' and ')
  const labels = Array.from({ length: months }, (_, index) => since.plus({ months: index }))
  // Month buckets by binary search over the month starts: far cheaper per row than a time-zone conversion.
  const boundaries = `{${labels.map((month) => month.toISO()).join(',')}}`
  const [monthly, topics, departments, latest, topicChoices, names] = await Promise.all([
    db.rawQuery(
      `select width_bucket(m.published_at, ?::timestamptz[]) as bucket, ${TONE_COLUMNS}
        from media_items m where ${condition} group by 1`,
      [boundaries, ...bindings]
    ),
    db.rawQuery(
      `select coalesce(m.topic, '') as topic, count(*)::int as total, ${TONE_COLUMNS}
        from media_items m where ${condition} group by 1 order by total desc, 1 limit 12`,
      bindings
    ),
    db.rawQuery(
      `select md.department_id as id, count(*)::int as total, ${TONE_COLUMNS}
        from media_item_departments md join media_items m on m.id = md.media_item_id
        where ${condition} group by md.department_id order by total desc limit 20`,
      bindings
    ),
    db.rawQuery(
      `select m.id, m.outlet, m.published_at, m.title, m.url, m.topic, m.tone
        from media_items m where ${condition} order by m.published_at desc, m.id desc limit 20`,
      bindings
    ),
    db.rawQuery(`select topic from media_items where topic is not null group by topic order by topic limit 200`),
    db.from('departments').select('id', 'name_ru', 'name_en'),
  ])
  const byBucket = new Map(monthly.rows.map((row: any) => [Number(row.bucket), tones(row)]))
  const nameOf = new Map(names.map((row: any) => [row.id, (locale === 'en' ? row.name_en : row.name_ru) as string]))
  return {
    since,
    months: labels.map((month, index) => ({ month: month.toFormat('yyyy-MM'), ...(byBucket.get(index + 1) ?? { positive: 0, neutral: 0, negative: 0 }) })),
    topics: topics.rows.map((row: any) => ({ topic: row.topic as string, total: row.total as number, ...tones(row) })),
    departments: departments.rows.map((row: any) => ({ id: row.id as number, name: nameOf.get(row.id) ?? String(row.id), total: row.total as number, ...tones(row) })),
    latest: latest.rows,
    topicChoices: topicChoices.rows.map((row: any) => row.topic as string),
  }
}
