import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '#core/errors'
import { tenantUrl } from '#tenancy/tenant_urls'
import { contentTag, fileHeaders } from '#modules/opendata/services/file_headers'
import { cataloguePage, datasetGraph } from '#modules/opendata/services/dcat/graph'
import { RDF_CONTENT_TYPES, serialize, type RdfFormat } from '#modules/opendata/services/dcat/serialize'

function baseOf(ctx: HttpContext) {
  return new URL(tenantUrl(ctx.tenant)).origin
}

/** The serialization a route serves: its path's extension. */
function formatOf(ctx: HttpContext) {
  return ctx.request.url().split('.').pop() as RdfFormat
}

/** A document built in memory, sent as the methodology files are (CORS, ETag of its bytes, Last-Modified, 304). */
function send(ctx: HttpContext, format: RdfFormat, body: string, lastModified: Date | null, fileName: string) {
  if (fileHeaders(ctx, RDF_CONTENT_TYPES[format], contentTag(body), lastModified, fileName)) return ctx.response.notModified()
  return body
}

/**
 * The portal's open-data catalogue as DCAT-AP 2.1 (Turtle, JSON-LD,
 * RDF/XML): the whole catalogue in pages of 100 and each dataset alone.
 */
export default class DcatController {
  async catalogue(ctx: HttpContext) {
    const format = formatOf(ctx)
    const raw = ctx.request.qs().page
    // a page is a positive integer; anything else names no page
    if (raw !== undefined && !/^[1-9]\d{0,6}$/.test(String(raw))) throw new errors.E_NOT_FOUND(`No catalogue page ${raw}`)
    const page = raw === undefined ? 1 : Number(raw)
    const base = baseOf(ctx)
    const result = await cataloguePage(page, base, { ru: ctx.tenant.nameRu, en: ctx.tenant.nameEn }, (number) => `${base}/opendata/catalog.${format}?page=${number}`)
    if (!result) throw new errors.E_NOT_FOUND(`No catalogue page ${page}`)
    return send(ctx, format, await serialize(result.quads, format), result.modified, `catalog.${format}`)
  }

  async dataset(ctx: HttpContext) {
    const format = formatOf(ctx)
    const result = await datasetGraph(ctx.params.identifier, baseOf(ctx))
    if (!result) throw new errors.E_NOT_FOUND(`No open dataset ${ctx.params.identifier}`)
    return send(ctx, format, await serialize(result.quads, format), result.modified, `${ctx.params.identifier}.${format}`)
  }
}
