import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the wire
 * formats (JSON arrays, XML documents as the specification shows them) and
 * the read model of service requests over the portal's public problems.
 */
export type Open311Format = 'json' | 'xml'
export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value }

/** Problem statuses reported as `closed`; every other status is `open`. */
export const CLOSED_STATUSES = ['resolved', 'confirmed']
export const MAX_RESULTS = 1000
export const MAX_WINDOW_DAYS = 90

/** An error the API answers with an `errors` body in the requested format. */
export class Open311Error extends Error {
  constructor(
    public status: number,
    public errors: { code: number; description: string }[]
  ) {
    super(errors.map((error) => error.description).join('; '))
  }

  static of(status: number, description: string) {
    return new Open311Error(status, [{ code: status, description }])
  }
}

/** `requests.json` → ['requests', 'json']; null for another extension. */
export function splitFormat(resource: string): [string, Open311Format] | null {
  const match = /^(.+)\.(json|xml)$/.exec(resource)
  return match ? [decodeURIComponent(match[1]), match[2] as Open311Format] : null
}

function escapeXml(value: string) {
  return value.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!)
}

/** Child element names of XML lists (the specification's singulars). */
const XML_ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
}

function xmlElement(name: string, value: Open311Value, indent: string): string {
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`
  if (Array.isArray(value)) {
    const item = XML_ITEMS[name] ?? 'item'
    if (!value.length) return `${indent}<${name}/>`
    return `${indent}<${name}>\n${value.map((entry) => xmlElement(item, entry, indent + '  ')).join('\n')}\n${indent}</${name}>`
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([key, child]) => xmlElement(key, child, indent + '  '))
    return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`
}

/** An XML document with the given root (a list root repeats its singular child). */
export function toXml(root: string, value: Open311Value) {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, value, '')}\n`
}

/** W3C datetime with offset, as the specification's examples (no milliseconds). */
export function w3c(value: Date | string | null | undefined) {
  if (!value) return null
  const date = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(String(value))
  return date.startOf('second').toISO({ suppressMilliseconds: true })
}

/** Parses a W3C datetime query value; undefined when absent, null when malformed. */
export function parseW3c(value: unknown): DateTime | null | undefined {
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') return null
  const parsed = DateTime.fromISO(value, { setZone: true })
  return parsed.isValid && /^\d{4}-\d{2}-\d{2}/.test(value) ? parsed : null
}

export interface RequestsQuery {
  ids?: number[]
  serviceCodes?: string[]
  start?: DateTime
  end?: DateTime
  statuses?: ('open' | 'closed')[]
}

/**
 * Public service requests: never hidden problems, never who reported them.
 * With ids the other filters are ignored (as the specification says);
 * otherwise a window of at most 90 days (the last 90 by default), newest
 * first, at most 1000.
 */
export async function serviceRequests(query: RequestsQuery, locale: string, baseUrl: string) {
  const bindings: any[] = []
  const where = ['p.hidden_at is null']
  if (query.ids) {
    where.push(`p.id = any(?::int[])`)
    bindings.push(query.ids)
  } else {
    const end = query.end ?? (query.start ? query.start.plus({ days: MAX_WINDOW_DAYS }) : DateTime.now())
    const start = query.start ?? end.minus({ days: MAX_WINDOW_DAYS })
    where.push('p.created_at >= ?', 'p.created_at <= ?')
    bindings.push(start.toJSDate(), end.toJSDate())
    if (query.serviceCodes) {
      where.push('t.code = any(?::text[])')
      bindings.push(query.serviceCodes)
    }
    if (query.statuses && query.statuses.length === 1) {
      where.push(`(p.status in ('resolved', 'confirmed')) = ?`)
      bindings.push(query.statuses[0] === 'closed')
    }
  }
  bindings.push(MAX_RESULTS)
  const name = locale === 'en' ? 't.name_en' : 't.name_ru'
  const result = await tenantDb().rawQuery(
    `select p.id, p.status, p.answer_text, ${name} as service_name, t.code as service_code, p.description,
            p.routed_department_name, p.created_at, p.updated_at, p.deadline, p.address, p.lat, p.lng,
            (select ph.id from problem_photos ph where ph.problem_id = p.id and ph.source = 'report' order by ph.id limit 1) as photo_id
       from problems p
       join problem_themes t on t.id = p.theme_id
      where ${where.join(' and ')}
      order by p.created_at desc, p.id desc
      limit ?`,
    bindings
  )
  return result.rows.map((row: any) => ({
    service_request_id: String(row.id),
    status: CLOSED_STATUSES.includes(row.status) ? 'closed' : 'open',
    status_notes: row.answer_text ?? null,
    service_name: row.service_name,
    service_code: row.service_code,
    description: row.description,
    agency_responsible: row.routed_department_name ?? null,
    service_notice: null,
    requested_datetime: w3c(row.created_at),
    updated_datetime: w3c(row.updated_at),
    expected_datetime: w3c(row.deadline),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: Number(row.lat),
    long: Number(row.lng),
    media_url: row.photo_id ? `${baseUrl}/problems/${row.id}/photos/${row.photo_id}` : null,
  }))
}
