import type { HttpContext } from '@adonisjs/core/http'

/**
 * Whether the client asked for JSON rather than a page (`Accept:
 * application/json` before text/html): forms answer with a redirect, the
 * same route answers a script or the API client with JSON.
 */
export function wantsJson(request: HttpContext['request']) {
  return request.accepts(['html', 'json']) === 'json'
}
