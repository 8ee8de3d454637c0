import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { addTableSheet } from '#core/table_export'
import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'
import { canonicalRatingsFile, METHOD } from '#modules/service_ratings/services/monthly_ranks'
import { trendSvg } from '#modules/service_ratings/services/trend_chart'
import { slugFromCode } from '#tenancy/naming'
import Municipality from '#modules/identity/models/municipality'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import { residenceIn } from '#modules/priorities/services/residence'
import { currentQuarter } from '#modules/priorities/services/quarters'

/** Rows of the ranking page (bodies fit; services beyond this are in the exports). */
const RANKS_ON_PAGE = 100
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const EXPORT_COLUMNS = [
  'month', 'version', 'scope', 'subject', 'body', 'name_ru', 'channel', 'ratings', 'score_time', 'score_waiting', 'score_staff',
  'score_premises', 'score_information', 'score_overall', 'mean_overall', 'interval_low', 'interval_high', 'rank', 'ranked_of', 'delta_rank', 'alert',
] as const

/** The ranks of a sealed month (its latest version), with the names the portal shows. */
function ranksOf(snapshotId: number, filters: { scope: string; channel?: string; kind?: string; body?: string; residence?: string }) {
  const db = tenantDb()
  const query = db
    .from('service_ranks as k')
    .join('service_rank_snapshots as p', 'p.id', 'k.snapshot_id')
    // one pass over the catalogue: hash joins, not a lookup per row
    .joinRaw(`left join service_ratings_services s on k.scope = 'service' and s.body_slug || '/' || s.code = k.subject`)
    .joinRaw(
      `left join (select distinct on (body_slug) body_slug, body_name_ru, body_name_en, body_kind from service_ratings_services order by body_slug, published_at desc) b on b.body_slug = k.body_slug`
    )
    .where('k.snapshot_id', snapshotId)
    .where('k.scope', filters.scope)
    .select('k.*', db.raw(`to_char(p.month, 'YYYY-MM') as month`), 'p.version', 's.id as service_id')
    .select(db.raw('coalesce(s.name_ru, b.body_name_ru) as name_ru, coalesce(s.name_en, b.body_name_en) as name_en'))
    // a block is a regional body: its services serve every municipality
    .select(db.raw(`coalesce(s.body_kind, b.body_kind) = 'block' as regional`))
    .orderByRaw('k.rank nulls last, k.subject collate "C"')
  if (filters.channel) query.where('k.channel', filters.channel)
  if (filters.body) query.where('k.body_slug', filters.body)
  // municipalities only (or blocks only): the kind the providing body published with
  if (filters.kind) query.whereIn('k.body_slug', db.from('service_ratings_services').where('body_kind', filters.kind).select('body_slug'))
  // provided in a municipality: by its own administration, or by a regional body (a block serves the whole region)
  if (filters.residence) {
    const slug = slugFromCode(filters.residence)
    query.where((scope) => scope.where('k.body_slug', slug).orWhereIn('k.body_slug', db.from('service_ratings_services').where('body_kind', 'block').select('body_slug')))
  }
  return query
}

/**
 * The municipality of residence to filter by: the one asked for (empty: the
 * whole region), else the signed-in citizen's own (their current residence).
 */
async function residenceFilter(asked: unknown, user: { id: number; role: string } | undefined, municipalities: Municipality[]) {
  const known = (code: unknown) => (typeof code === 'string' && municipalities.some((municipality) => municipality.code === code) ? code : undefined)
  if (asked !== undefined) return known(asked)
  if (!user || user.role !== 'citizen') return undefined
  return known(residenceIn(await CitizenProfile.find(user.id), currentQuarter()))
}

async function snapshotFor(month: string | undefined) {
  const query = tenantDb()
    .from('service_rank_snapshots')
    .select('*', tenantDb().raw(`to_char(month, 'YYYY-MM') as month_key`))
    .orderBy('month', 'desc')
    .orderBy('version', 'desc')
  if (month) query.where('month', `${month}-01`)
  return query.first()
}

/** CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: unknown) {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function xmlText(value: unknown) {
  return value === null || value === undefined ? '' : String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * The public monthly ranks: bodies or services (filter by channel), with
 * the 95 % interval and Δrank; their exports (CSV, JSON, XML — the open
 * dataset of the monthly ranks) and the canonical ratings file each
 * snapshot's SHA-256 is of, from which anyone can recompute the ranks.
 */
export default class RanksController {
  async index({ auth, request, view, i18n }: HttpContext) {
    const month = MONTH.test(request.input('month') ?? '') ? request.input('month') : undefined
    const scope = request.input('scope') === 'service' ? 'service' : 'body'
    const channel = ['mfc', 'online', 'office'].includes(request.input('channel')) ? request.input('channel') : undefined
    const kind = ['block', 'municipality'].includes(request.input('kind')) ? request.input('kind') : undefined
    const body = typeof request.input('body') === 'string' && request.input('body').length <= 64 ? request.input('body') || undefined : undefined
    const municipalities = await Municipality.query().orderBy('name_ru')
    const residence = await residenceFilter(request.input('residence'), auth.user, municipalities)
    const snapshot = await snapshotFor(month)
    const months = await tenantDb().from('service_rank_snapshots').select(tenantDb().raw(`distinct to_char(month, 'YYYY-MM') as month`)).orderBy('month', 'desc')
    // the page shows the first RANKS_ON_PAGE; the exports carry every row
    const ranks = snapshot ? await ranksOf(snapshot.id, { scope, kind, body, residence, channel: scope === 'service' ? channel : undefined }).limit(RANKS_ON_PAGE) : []
    const history = snapshot && scope === 'body' ? await bodyHistory() : []
    // the five best ranked bodies of the month, over every sealed month
    const leaders = ranks.filter((row: any) => row.rank !== null).slice(0, 5)
    const chart = trendSvg(
      i18n.t('service_ratings.ranks.trend_title'),
      [...new Set(history.map((row: any) => row.month as string))],
      leaders.map((row: any) => ({
        label: (i18n.locale === 'en' ? row.name_en : row.name_ru) ?? row.body_slug,
        points: new Map(history.filter((point: any) => point.body_slug === row.body_slug).map((point: any) => [point.month, Number(point.score_overall)])),
      }))
    )
    const bodies = await tenantDb().from('service_ratings_services').distinct('body_slug', 'body_name_ru', 'body_name_en', 'body_kind').orderBy('body_name_ru')
    // orders Control issued from this month's alerts (told over the bus), shown next to the body
    const orders = new Map<string, { order_number: string; issued_at: Date }[]>()
    if (snapshot && scope === 'body') {
      for (const order of await tenantDb().from('service_rank_orders').where('month', snapshot.month).orderBy('issued_at')) {
        orders.set(order.body_slug, [...(orders.get(order.body_slug) ?? []), order])
      }
    }
    // with a municipality of residence: its own administration's rows apart from the regional bodies' (which serve every municipality)
    const residenceName = residence ? municipalities.find((municipality) => municipality.code === residence)?.name(i18n.locale) : undefined
    const groups = residence
      ? [
          { key: 'local', title: i18n.t('service_ratings.ranks.groups.local', { municipality: residenceName }), rows: ranks.filter((row: any) => !row.regional) },
          { key: 'regional', title: i18n.t('service_ratings.ranks.groups.regional'), rows: ranks.filter((row: any) => row.regional) },
        ].filter((group) => group.rows.length || (group.key === 'local' ? kind !== 'block' : kind !== 'municipality'))
      : [{ key: 'all', title: null, rows: ranks }]
    return view.render('pages/service_ratings/ranks', {
      snapshot, ranks, groups, scope, channel, kind, body, bodies, residence, municipalities, months, method: METHOD, chart, limited: ranks.length === RANKS_ON_PAGE,
      ordersOf: (slug: string) => orders.get(slug) ?? [],
    })
  }

  async export({ params, request, response }: HttpContext) {
    if (!MONTH.test(params.month)) return response.notFound()
    const snapshot = await snapshotFor(params.month)
    if (!snapshot) return response.notFound()
    const rows = [...(await ranksOf(snapshot.id, { scope: 'body' })), ...(await ranksOf(snapshot.id, { scope: 'service' }))].map((row: any) =>
      Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, column === 'body' ? row.body_slug : row[column] ?? null]))
    )
    const format = request.input('format', 'csv')
    const name = `service-ranks-${params.month}-v${snapshot.version}`
    if (format === 'json') {
      return { month: params.month, version: snapshot.version, methodVersion: snapshot.method_version, ratingsSha256: snapshot.ratings_sha256, ranks: rows }
    }
    if (format === 'xlsx') {
      const workbook = new ExcelJS.Workbook()
      const sheet = addTableSheet(workbook, `ranks ${params.month}`, EXPORT_COLUMNS.map((header) => ({ header, width: header === 'name_ru' ? 45 : 14 })))
      // numbers stay numbers (Postgres numerics arrive as strings)
      const NUMERIC = /^(score_|mean_|interval_|ratings$|rank$|ranked_of$|delta_rank$|version$)/
      for (const row of rows) sheet.addRow(EXPORT_COLUMNS.map((column) => (row[column] === null ? null : NUMERIC.test(column) ? Number(row[column]) : row[column])))
      response.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      response.header('content-disposition', `attachment; filename="${name}.xlsx"`)
      return Buffer.from(await workbook.xlsx.writeBuffer())
    }
    if (format === 'xml') {
      response.header('content-type', 'application/xml; charset=utf-8')
      const items = rows.map((row) => `  <rank>${EXPORT_COLUMNS.map((column) => `<${column}>${xmlText(row[column])}</${column}>`).join('')}</rank>`).join('\n')
      return `<?xml version="1.0" encoding="UTF-8"?>\n<ranks month="${params.month}" version="${snapshot.version}" sha256="${snapshot.ratings_sha256}">\n${items}\n</ranks>\n`
    }
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${name}.csv"`)
    return [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((column) => csvField(row[column])).join(','))].join('\n') + '\n'
  }

  /** The canonical ratings file of a sealed month, streamed (anonymous: body, service, marks). */
  async ratingsFile({ params, response }: HttpContext) {
    if (!MONTH.test(params.month) || !(await snapshotFor(params.month))) return response.notFound()
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="service-ratings-${params.month}.csv"`)
    return response.stream(Readable.from(canonicalRatingsFile(`${params.month}-01`)))
  }
}

/** The overall score of every body in each sealed month (latest versions), for the trend chart. */
async function bodyHistory() {
  return tenantDb()
    .from('service_ranks as k')
    .join('service_rank_snapshots as p', 'p.id', 'k.snapshot_id')
    .whereRaw('p.version = (select max(q.version) from service_rank_snapshots q where q.month = p.month)')
    .where('k.scope', 'body')
    .select('k.body_slug', 'k.score_overall', tenantDb().raw(`to_char(p.month, 'YYYY-MM') as month`))
    .orderBy('p.month')
}
