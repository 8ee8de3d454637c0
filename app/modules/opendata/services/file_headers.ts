import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Open-data files (methodology files, DCAT-AP documents) are anyone's:
 * CORS for GET, a validator (ETag and Last-Modified) and a conditional
 * answer. Sets the headers; true when the client already has this
 * representation (answer 304).
 */
export function fileHeaders(ctx: HttpContext, contentType: string, etag: string, lastModified: Date | null, fileName: string) {
  const { request, response } = ctx
  response.header('access-control-allow-origin', '*')
  response.header('access-control-expose-headers', 'ETag, Last-Modified')
  response.header('content-type', contentType)
  response.header('content-disposition', `inline; filename="${fileName}"`)
  response.header('etag', etag)
  response.header('cache-control', 'public, max-age=300')
  if (lastModified) response.header('last-modified', new Date(Math.floor(lastModified.getTime() / 1000) * 1000).toUTCString())
  const match = request.header('if-none-match')
  if (match) return match.split(',').map((tag) => tag.trim()).includes(etag)
  const since = request.header('if-modified-since')
  return !!(since && lastModified && Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(since) / 1000))
}

/** The ETag of a document built in memory: a hash of its bytes (it changes exactly when they do). */
export function contentTag(body: string) {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 40)}"`
}
