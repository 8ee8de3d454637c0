/*
| The errors of CKAN's Action API v3 (ckan/views/api.py): each action
| throws one of these and the controller turns it into CKAN's envelope
| `{ help, success: false, error: { __type, message | field: [messages] } }`
| with CKAN's status. A bad request (unknown action, unreadable body) is
| not an envelope in CKAN but a bare JSON string "Bad request - …" (400).
*/

export class CkanError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>
  ) {
    super(String(body.message ?? body.__type))
  }
}

/** 404 `Not Found Error`, the message as CKAN words it ("Not found" or "Not found: <why>"). */
export function notFound(why?: string) {
  return new CkanError(404, { __type: 'Not Found Error', message: why ? `Not found: ${why}` : 'Not found' })
}

/** 409 `Validation Error` with CKAN's field → messages. */
export function validation(fields: Record<string, string[]>) {
  return new CkanError(409, { __type: 'Validation Error', ...fields })
}

/** 400 `Search Query Error` (an fq or sort package_search does not understand). */
export function searchQuery(what: string) {
  return new CkanError(400, { __type: 'Search Query Error', message: `Search Query is invalid: ${what}` })
}

/** CKAN's bare 400: the body is a JSON string, not an envelope. */
export class BadRequest extends Error {
  constructor(detail: string) {
    super(`Bad request - ${detail}`)
  }
}

// ---- parameter readers (CKAN's validators and their messages) ----

export type Params = Record<string, unknown>

export function required(params: Params, name: string) {
  const value = params[name]
  if (value === undefined || value === null || value === '') throw validation({ [name]: ['Missing value'] })
  if (typeof value !== 'string' && typeof value !== 'number') throw validation({ [name]: ['Must be a string'] })
  return String(value)
}

/** An integer parameter (int_validator: "Invalid integer"), 0 or more, clamped to `max` like CKAN's configured maxima. */
export function integer(params: Params, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  const value = params[name]
  if (value === undefined || value === null || value === '') return fallback
  const number = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(String(value)) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number)) throw validation({ [name]: ['Invalid integer'] })
  if (number < 0) throw validation({ [name]: ['Must be a natural number'] })
  return Math.min(number, max)
}

/** A boolean parameter as CKAN's boolean_validator reads it; undefined when absent. */
export function boolean(params: Params, name: string): boolean | undefined {
  const value = params[name]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'boolean') return value
  return ['true', 'yes', 't', 'y', '1', 'on'].includes(String(value).toLowerCase())
}

/** A JSON parameter: an object or list as given in a POST body, or JSON text in a query string ("Cannot parse JSON"). */
export function json(params: Params, name: string): unknown {
  const value = params[name]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'object') return value
  try {
    return JSON.parse(String(value))
  } catch {
    throw validation({ [name]: ['Cannot parse JSON'] })
  }
}

/** A list of strings given as a list, JSON text of a list, or comma-separated text. */
export function stringList(params: Params, name: string): string[] | undefined {
  const value = params[name]
  if (value === undefined || value === null || value === '') return undefined
  if (Array.isArray(value)) return value.map(String)
  const text = String(value).trim()
  if (text.startsWith('[')) {
    const parsed = json(params, name)
    if (!Array.isArray(parsed)) throw validation({ [name]: ['Not a list'] })
    return parsed.map(String)
  }
  return text.split(',').map((part) => part.trim()).filter(Boolean)
}
