import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { tenantUrl } from '#tenancy/tenant_urls'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import ProblemTheme from '#modules/problems/models/problem_theme'
import ApiKey from '#modules/problems/models/api_key'
import ProblemPolicy from '#modules/problems/policies/problem_policy'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import {
  MAX_WINDOW_DAYS,
  Open311Error,
  parseW3c,
  serviceRequests,
  splitFormat,
  toXml,
  type Open311Format,
  type Open311Value,
  type RequestsQuery,
} from '#modules/problems/services/open311'
import { clockDate } from '#core/clock'
import { formatDate } from '#core/dates'

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
/** The region's extent: reports outside it cannot be routed to a municipality of the Krai. */
const REGION = { south: 43.2, north: 47.0, west: 36.4, east: 41.9 }
const postLimiter = () => limiter.use({ requests: env.get('OPEN311_POSTS_PER_HOUR') ?? 100, duration: '1 hour' })

/**
 * Open311 GeoReport v2 on the portal: themes are services, public problems
 * are service requests. Every answer (errors too) is in the format the path
 * names: JSON arrays or the specification's XML documents.
 */
export default class Open311Controller {
  /** `/open311/v2/{discovery|services|requests}.{format}` */
  async collection(ctx: HttpContext) {
    return this.#respond(ctx, ctx.params.resource, async (name) => {
      await ctx.bouncer.with(ProblemPolicy).authorize('view')
      const method = ctx.request.method()
      if (name === 'discovery' && method === 'GET') return ['discovery', this.#discovery(ctx)]
      if (name === 'services' && method === 'GET') return ['services', await this.#services(ctx)]
      if (name === 'requests' && method === 'GET') return ['service_requests', await this.#requests(ctx)]
      if (name === 'requests' && method === 'POST') return ['service_requests', await this.#create(ctx)]
      throw Open311Error.of(404, 'Not found')
    })
  }

  /** `/open311/v2/services/{service_code}.{format}`: themes have no extra attributes, so no definitions. */
  async service(ctx: HttpContext) {
    return this.#respond(ctx, ctx.params.file, async (code) => {
      await ctx.bouncer.with(ProblemPolicy).authorize('view')
      const theme = await ProblemTheme.query().where('code', code).where('is_active', true).first()
      throw Open311Error.of(404, theme ? `Service ${code} has no service definition` : `Service ${code} not found`)
    })
  }

  /** `/open311/v2/requests/{service_request_id}.{format}` */
  async request(ctx: HttpContext) {
    return this.#respond(ctx, ctx.params.file, async (id) => {
      await ctx.bouncer.with(ProblemPolicy).authorize('view')
      if (!/^\d{1,9}$/.test(id)) throw Open311Error.of(404, `Service request ${id} not found`)
      const rows = await serviceRequests({ ids: [Number(id)] }, ctx.i18n.locale, baseUrl(ctx))
      if (!rows.length) throw Open311Error.of(404, `Service request ${id} not found`)
      return ['service_requests', rows]
    })
  }

  /** `/open311/v2/tokens/{token}.{format}` */
  async token(ctx: HttpContext) {
    return this.#respond(ctx, ctx.params.file, async (token) => {
      await ctx.bouncer.with(ProblemPolicy).authorize('view')
      const row = await tenantDb()
        .from('problem_open311_submissions as s')
        .join('problems as p', 'p.id', 's.problem_id')
        .whereNull('p.hidden_at')
        .where('s.token', token)
        .select('s.problem_id', 's.token')
        .first()
      if (!row) throw Open311Error.of(404, `Token ${token} not found`)
      return ['service_requests', [{ service_request_id: String(row.problem_id), token: row.token }]]
    })
  }

  async #respond(ctx: HttpContext, resource: string, handler: (name: string, format: Open311Format) => Promise<[string, Open311Value]>) {
    const parsed = splitFormat(String(resource ?? ''))
    const format: Open311Format = parsed?.[1] ?? 'json'
    let status = 200
    let root: string
    let body: Open311Value
    try {
      if (!parsed) throw Open311Error.of(404, 'Not found: use a .json or .xml path')
      ;[root, body] = await handler(parsed[0], format)
    } catch (error) {
      if (error instanceof Open311Error) {
        status = error.status
      } else if ((error as { status?: number }).status === 403) {
        status = 403
        error = Open311Error.of(403, 'Forbidden')
      } else {
        throw error
      }
      root = 'errors'
      body = (error as Open311Error).errors
    }
    ctx.response.status(status)
    if (format === 'xml') {
      ctx.response.header('content-type', 'text/xml; charset=utf-8')
      return ctx.response.send(toXml(root, body))
    }
    ctx.response.header('content-type', 'application/json; charset=utf-8')
    return ctx.response.send(JSON.stringify(body))
  }

  #discovery(ctx: HttpContext) {
    const url = `${baseUrl(ctx)}/open311/v2`
    return {
      changeset: '2026-11-23T00:00:00Z',
      contact: `${baseUrl(ctx)}/`,
      key_service: `${baseUrl(ctx)}/problems/admin/open311`,
      endpoints: [
        { specification: SPECIFICATION, url, changeset: '2026-11-23T00:00:00Z', type: 'production', formats: ['text/xml', 'application/json'] },
      ],
    }
  }

  async #services(ctx: HttpContext) {
    const themes = await ProblemTheme.query().where('is_active', true).orderBy('position')
    const locale = ctx.i18n.locale
    return themes.map((theme) => ({
      service_code: theme.code,
      service_name: theme.name(locale),
      description: ctx.i18n.t('problems.open311.service_description', { name: theme.name(locale), days: theme.reactionDays }),
      metadata: false,
      type: 'realtime',
      keywords: [theme.code, theme.nameRu, theme.nameEn].join(', '),
      group: ctx.i18n.t('problems.open311.group'),
    }))
  }

  async #requests(ctx: HttpContext) {
    const qs = ctx.request.qs()
    const query: RequestsQuery = {}
    if (present(qs.service_request_id)) {
      const ids = String(qs.service_request_id).split(',').map((part) => part.trim())
      if (ids.some((id) => !/^\d{1,9}$/.test(id))) throw Open311Error.of(400, 'service_request_id must be a comma-delimited list of ids')
      query.ids = ids.map(Number)
    } else {
      if (present(qs.service_code)) {
        const codes = String(qs.service_code).split(',').map((part) => part.trim())
        const known = await ProblemTheme.query().whereIn('code', codes)
        const unknown = codes.filter((code) => !known.some((theme) => theme.code === code))
        if (unknown.length) throw Open311Error.of(400, `Unknown service_code: ${unknown.join(', ')}`)
        query.serviceCodes = codes
      }
      const start = parseW3c(qs.start_date)
      const end = parseW3c(qs.end_date)
      if (start === null) throw Open311Error.of(400, 'start_date must be a W3C datetime')
      if (end === null) throw Open311Error.of(400, 'end_date must be a W3C datetime')
      if (start && end && start > end) throw Open311Error.of(400, 'start_date is after end_date')
      if (start && end && end.diff(start, 'days').days > MAX_WINDOW_DAYS) throw Open311Error.of(400, `The date range may not span more than ${MAX_WINDOW_DAYS} days`)
      query.start = start
      query.end = end
      if (present(qs.status)) {
        const statuses = String(qs.status).split(',').map((part) => part.trim())
        if (statuses.some((value) => value !== 'open' && value !== 'closed')) throw Open311Error.of(400, 'status must be open or closed')
        query.statuses = statuses as ('open' | 'closed')[]
      }
    }
    return serviceRequests(query, ctx.i18n.locale, baseUrl(ctx))
  }

  async #create(ctx: HttpContext) {
    const input = ctx.request.all()
    const key = await ApiKey.active(typeof input.api_key === 'string' ? input.api_key : '')
    if (!key) throw Open311Error.of(403, 'api_key is missing, invalid or revoked')
    const report = await this.#validateReport(input, ctx.i18n.locale)
    const author = await User.findOrFail(key.userId)
    const problem = await postLimiter().attempt(`problems:open311:${ctx.tenant.slug}:${key.id}`, () => new ReportProblem().handle(report, author))
    if (!problem) throw Open311Error.of(429, 'Too many requests for this api_key, try again later')
    const token = randomBytes(12).toString('hex')
    await tenantDb().table('problem_open311_submissions').insert({
      problem_id: problem.id,
      api_key_id: key.id,
      token,
      email: text(input.email, 254),
      first_name: text(input.first_name, 120),
      last_name: text(input.last_name, 120),
      phone: text(input.phone, 40),
      device_id: text(input.device_id, 120),
      account_id: text(input.account_id, 120),
      media_url: text(input.media_url, 1000),
      created_at: clockDate(),
    })
    await tenantDb().from('problem_api_keys').where('id', key.id).update({ last_used_at: clockDate() })
    const notice = problem.deadline
      ? ctx.i18n.t('problems.open311.notice_routed', { department: problem.routedDepartmentName ?? '', date: formatDate(problem.deadline, ctx.i18n.locale) })
      : ctx.i18n.t('problems.open311.notice_queued')
    return [{ service_request_id: String(problem.id), token, service_notice: notice, account_id: null }]
  }

  /** The web form's rules in Open311's fields; the municipality is the one whose centre is nearest. */
  async #validateReport(input: Record<string, any>, locale: string) {
    const problems: string[] = []
    const code = typeof input.service_code === 'string' ? input.service_code.trim() : ''
    const theme = code ? await ProblemTheme.query().where('code', code).where('is_active', true).first() : null
    if (!code) problems.push('service_code is required')
    else if (!theme) problems.push(`service_code ${code} is not a known service`)

    const hasCoordinates = present(input.lat) || present(input.long)
    const addressString = typeof input.address_string === 'string' ? input.address_string.trim() : ''
    let lat: number | null = null
    let lng: number | null = null
    let municipality: { id: number; name: string } | null = null
    if (hasCoordinates) {
      lat = Number(input.lat)
      lng = Number(input.long)
      if (!present(input.lat) || !present(input.long) || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        problems.push('lat and long must both be decimal degrees')
      } else if (lat < REGION.south || lat > REGION.north || lng < REGION.west || lng > REGION.east) {
        problems.push('lat/long is outside the region served')
      } else {
        municipality = await nearestMunicipality(lat, lng, locale)
      }
    } else if (addressString) {
      const found = await municipalityNamedIn(addressString, locale)
      if (!found) problems.push('address_string names no municipality of the region: send lat and long')
      else ({ lat, lng, ...municipality } = found)
    } else {
      problems.push('lat and long, or address_string, are required')
    }

    const description = typeof input.description === 'string' ? input.description.trim() : ''
    if (description.length < 10) problems.push('description is required (at least 10 characters)')
    if (description.length > 4000) problems.push('description may have at most 4000 characters')
    if (present(input.email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(input.email))) problems.push('email is not an e-mail address')
    if (present(input.media_url) && !/^https?:\/\/\S+$/.test(String(input.media_url))) problems.push('media_url must be an http(s) URL')
    for (const field of ['first_name', 'last_name', 'phone', 'device_id', 'account_id']) {
      if (present(input[field]) && String(input[field]).length > (field === 'phone' ? 40 : 120)) problems.push(`${field} is too long`)
    }
    if (problems.length) throw new Open311Error(400, problems.map((description) => ({ code: 400, description })))

    const address = addressString.slice(0, 500) || `${municipality!.name}: ${lat!.toFixed(6)}, ${lng!.toFixed(6)}`
    return { themeId: theme!.id, municipalityId: municipality!.id, lat: lat!, lng: lng!, address, description }
  }
}

function present(value: unknown) {
  return value !== undefined && value !== null && String(value).trim() !== ''
}

function text(value: unknown, max: number) {
  return present(value) ? String(value).trim().slice(0, max) : null
}

/** The portal's registered address, never what the request's headers claim. */
function baseUrl(ctx: HttpContext) {
  return tenantUrl(ctx.tenant)
}

async function nearestMunicipality(lat: number, lng: number, locale: string) {
  const result = await tenantDb().rawQuery(
    `select id, ${locale === 'en' ? 'admin_center_en' : 'admin_center_ru'} as name from municipalities
      order by power(lat - ?, 2) + power((lon - ?) * cos(radians(?)), 2) limit 1`,
    [lat, lng, lat]
  )
  const row = result.rows[0]
  return row ? { id: row.id as number, name: row.name as string } : null
}

/** A municipality whose name or centre the address mentions (longest name first); its centre's coordinates. */
async function municipalityNamedIn(address: string, locale: string) {
  const result = await tenantDb().rawQuery(
    `select id, ${locale === 'en' ? 'admin_center_en' : 'admin_center_ru'} as name, lat, lon from municipalities
      where strpos(lower(?), lower(admin_center_ru)) > 0 or strpos(lower(?), lower(admin_center_en)) > 0
         or strpos(lower(?), lower(name_ru)) > 0 or strpos(lower(?), lower(name_en)) > 0
      order by length(admin_center_ru) desc limit 1`,
    [address, address, address, address]
  )
  const row = result.rows[0]
  return row ? { id: row.id as number, name: row.name as string, lat: Number(row.lat), lng: Number(row.lon) } : null
}
