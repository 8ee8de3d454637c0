import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import { errors } from '#core/errors'
import { wantsJson } from '#core/wants_json'
import { contentSecurityPolicy } from '#middleware/security_headers_middleware'
import { tenantUrl } from '#tenancy/tenant_urls'
import { dataName } from '#modules/opendata/services/methodology'
import { queryText, viewSource, type ViewProblem, type ViewSource } from '#modules/opendata/services/views/source'
import { parseTableQuery, tableCount, tableFields, tablePage } from '#modules/opendata/services/views/table'
import { isLocated, locatedBounds, mapFeatures, parseBbox } from '#modules/opendata/services/views/map'
import { AGGREGATES, barLabel, cachedChartBars, chartFields, chartGeometry, parseChartQuery, SVG } from '#modules/opendata/services/views/chart'

type View = 'table' | 'map' | 'chart'
export const VIEWS: View[] = ['table', 'map', 'chart']

function translator(ctx: HttpContext) {
  return (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data as any)
}

/** A link to a view with the query string changed (empty values dropped). */
function linkTo(path: string, query: Record<string, unknown>) {
  const search = new URLSearchParams()
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return
    if (typeof value === 'object') for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) add(`${key}[${inner}]`, innerValue)
    else search.append(key, String(value))
  }
  for (const [key, value] of Object.entries(query)) add(key, value)
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

/**
 * The portal's views of a dataset's version: the table (sort, filter,
 * keyset pages), the map (clustered markers over `map.json`) and a column
 * chart, each also as an embeddable page other sites may frame.
 */
export default class ViewsController {
  table(ctx: HttpContext) {
    return this.#render(ctx, 'table', false)
  }

  map(ctx: HttpContext) {
    return this.#render(ctx, 'map', false)
  }

  chart(ctx: HttpContext) {
    return this.#render(ctx, 'chart', false)
  }

  /** The view alone, in a minimal page that any site may put in an iframe (these answers only). */
  embed(ctx: HttpContext) {
    const raw = ctx.response.response
    raw.setHeader('Content-Security-Policy', contentSecurityPolicy(ctx.response.nonce!).replace(`frame-ancestors 'none'`, 'frame-ancestors *'))
    raw.removeHeader('X-Frame-Options')
    return this.#render(ctx, ctx.params.view as View, true)
  }

  /** `map.json?bbox=south,west,north,east[&version=N]`: the viewport's rows as GeoJSON (points, or grid cells with `count`). */
  async mapJson(ctx: HttpContext) {
    const t = translator(ctx)
    ctx.response.header('access-control-allow-origin', '*')
    const source = await this.#source(ctx)
    if (!(await isLocated(source.version.id))) throw new errors.E_NOT_FOUND(`${source.dataset.identifier} has no located rows`)
    const bbox = parseBbox(ctx.request.qs().bbox)
    if (!bbox) return ctx.response.status(422).json({ errors: [{ field: 'bbox', rule: 'bbox', message: t('opendata_views.errors.bbox') }] })
    ctx.response.header('cache-control', 'public, max-age=300')
    return mapFeatures(source.version.id, Number(source.version.row_count), source.fields, bbox, ctx.i18n.locale)
  }

  #source(ctx: HttpContext) {
    return viewSource(ctx.tenant.slug, ctx.params.identifier, ctx.request.qs().version, translator(ctx))
  }

  async #render(ctx: HttpContext, view: View, embed: boolean) {
    const source = await this.#source(ctx)
    const { dataset, version, versions, fields } = source
    const t = translator(ctx)
    const locale = ctx.i18n.locale
    const identifier = dataset.identifier as string
    const versionQuery = ctx.request.qs().version ? String(version.number) : undefined
    const path = (name: View, inEmbed = embed) => `/opendata/${identifier}/${inEmbed ? 'embed/' : ''}${name}`
    const located = await isLocated(version.id)
    const common = {
      view,
      embed,
      dataset,
      version,
      versions,
      fields,
      identifier,
      title: locale === 'en' ? dataset.title_en : dataset.title_ru,
      label: (field: { name: string; descriptionRu: string; descriptionEn: string }) => (locale === 'en' ? field.descriptionEn : field.descriptionRu) || field.name,
      located,
      dataName: dataName(version),
      views: VIEWS.filter((name) => name !== 'map' || located).map((name) => ({ name, href: linkTo(path(name), { version: versionQuery }) })),
      versionQuery,
    }
    let state: Record<string, unknown> & { problems: ViewProblem[]; query: Record<string, unknown> }
    if (view === 'table') state = await this.#tableState(ctx, source, (query) => linkTo(path('table'), { version: versionQuery, ...query }))
    else if (view === 'map') {
      const bounds = await locatedBounds(version.id, Number(version.row_count))
      if (!bounds) throw new errors.E_NOT_FOUND(`${identifier} has no located rows`)
      state = {
        problems: [],
        query: {},
        bounds,
        source: linkTo(`/opendata/${identifier}/map.json`, { version: versionQuery }),
        tableHref: linkTo(path('table', false), { version: versionQuery }),
        tiles: { url: env.get('PROBLEMS_TILE_URL') ?? '', attribution: env.get('PROBLEMS_TILE_ATTRIBUTION') ?? '' },
      }
    } else state = await this.#chartState(ctx, source)

    const embedSrc = `${new URL(tenantUrl(ctx.tenant)).origin}${linkTo(path(view, true), { version: versionQuery, ...state.query })}`
    const data = { ...common, ...state, embedSrc, action: path(view), t }
    if (state.problems.length) {
      if (wantsJson(ctx.request)) return ctx.response.status(422).json({ errors: state.problems })
      ctx.response.status(422)
    } else if (wantsJson(ctx.request) && view !== 'map') {
      return ctx.response.json(this.#json(view, state))
    }
    return ctx.view.render(embed ? 'pages/opendata/views/embed' : `pages/opendata/views/${view}`, data)
  }

  #json(view: View, state: Record<string, any>) {
    if (view === 'table') return { rows: state.rows.map((row: any) => ({ _id: row.number, ...row.data })), next: state.next, total: state.total.count, totalCapped: state.total.capped }
    return { x: state.chart.x, y: state.chart.y, agg: state.chart.agg, overTime: state.chart.overTime, categories: state.chart.categories, bars: state.chart.bars.map((bar: any) => ({ key: bar.key, value: bar.value })) }
  }

  async #tableState(ctx: HttpContext, source: ViewSource, link: (query: Record<string, unknown>) => string) {
    const { query, problems } = parseTableQuery(ctx.request.qs(), source.fields, translator(ctx), ctx.i18n.locale)
    const base = { sort: query.sort ?? undefined, dir: query.sort ? query.direction : undefined, filter: query.filters }
    const columns = tableFields(source.fields).map((field) => {
      const sorted = query.sort === field.name
      const nextDirection = sorted && query.direction === 'asc' ? 'desc' : 'asc'
      return { field, sorted: sorted ? query.direction : null, sortHref: link({ ...base, sort: field.name, dir: nextDirection, after: undefined }) }
    })
    if (problems.length) return { problems, query: {}, columns, filters: query.filters, rows: [], next: null, total: { count: 0, capped: false }, firstHref: link({}), nextHref: null, isFirst: true, sortState: query }
    const [page, total] = await Promise.all([tablePage(source.version.id, source.fields, query), tableCount(source.version.id, Number(source.version.row_count), source.fields, query)])
    return {
      problems,
      query: base,
      columns,
      filters: query.filters,
      rows: page.rows,
      next: page.next,
      total,
      isFirst: !query.after,
      firstHref: link(base),
      nextHref: page.next ? link({ ...base, after: page.next }) : null,
      sortState: query,
    }
  }

  async #chartState(ctx: HttpContext, source: ViewSource) {
    const t = translator(ctx)
    const { groups, measures } = chartFields(source.fields)
    const { query, problems } = parseChartQuery(ctx.request.qs(), source.fields, t)
    const qs = ctx.request.qs()
    const form = { x: queryText(qs.x) ?? groups[0]?.name ?? '', y: queryText(qs.y) ?? '', agg: queryText(qs.agg) ?? 'count' }
    const options = { groups, measures, aggregates: AGGREGATES, form, svg: SVG }
    if (!query) return { problems, query: {}, chart: null, ...options }
    const { bars, overTime, categories } = await cachedChartBars(ctx.tenant.slug, source.version.id, query)
    const label = (key: string) => (query.x.type === 'boolean' && (key === 'true' || key === 'false') ? t(`opendata_views.chart.${key}`) : barLabel(key, overTime, t('opendata_views.chart.empty')))
    const xLabel = (ctx.i18n.locale === 'en' ? query.x.descriptionEn : query.x.descriptionRu) || query.x.name
    const yLabel = query.y ? (ctx.i18n.locale === 'en' ? query.y.descriptionEn : query.y.descriptionRu) || query.y.name : ''
    const measure = query.agg === 'count' ? t('opendata_views.chart.rows') : `${t(`opendata_views.chart.aggregates.${query.agg}`)}: ${yLabel}`
    return {
      problems,
      query: { x: query.x.name, y: query.y?.name, agg: query.agg },
      chart: {
        x: query.x.name,
        y: query.y?.name ?? null,
        agg: query.agg,
        overTime,
        categories,
        truncated: !overTime && categories > bars.length,
        title: `${measure} — ${xLabel}`,
        xLabel,
        measure,
        bars: bars.map((bar) => ({ ...bar, label: label(bar.key), display: Number.isInteger(bar.value) ? bar.value : Number(bar.value.toFixed(2)) })),
        geometry: chartGeometry(bars),
      },
      ...options,
    }
  }
}
