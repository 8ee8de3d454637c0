import type { HttpContext } from '@adonisjs/core/http'
import { tenantUrl } from '#tenancy/tenant_urls'
import { groupList, groupShow, organizationList, organizationShow, packageList, packageSearch, packageShow, resourceShow, tagList, type CatalogueContext } from '#modules/opendata/services/ckan/catalogue'
import { datastoreSearch } from '#modules/opendata/services/ckan/datastore'
import { BadRequest, CkanError, boolean, integer, json, required, validation, type Params } from '#modules/opendata/services/ckan/errors'

interface ActionContext extends CatalogueContext {
  ctx: HttpContext
}

type Action = { help: string; run: (params: Params, context: ActionContext) => unknown }

function optionalLimit(params: Params) {
  return params.limit === undefined || params.limit === '' ? undefined : integer(params, 'limit', 0)
}

/**
 * The actions served, with the help text `help_show` gives. Read-only
 * (CKAN's side-effect-free actions): GET with query parameters or POST
 * with a JSON body, anonymously.
 */
const ACTIONS: Record<string, Action> = {
  status_show: {
    help: 'Return the site title, the API version and the extensions of this CKAN-compatible API.',
    run: (_params, { ctx, base }) => ({
      site_title: ctx.tenant.nameRu,
      site_description: 'Открытые данные региона (API, совместимый с CKAN Action API v3)',
      site_url: base,
      ckan_version: '2.10.0',
      api_version: 3,
      locale_default: 'ru',
      error_emails_to: null,
      extensions: ['datastore'],
    }),
  },
  help_show: {
    help: "Return the help string of an action (parameter `name`).",
    run: (params) => {
      const name = required(params, 'name')
      const action = ACTIONS[name]
      if (!action) throw new CkanError(404, { __type: 'Not Found Error', message: `Not found: Action function not found` })
      return action.help
    },
  },
  package_list: {
    help: 'Return the names (identifiers) of the datasets, by name; `limit` and `offset` page them.',
    run: (params) => packageList(optionalLimit(params), integer(params, 'offset', 0)),
  },
  package_show: {
    help: 'Return a dataset (`id`: its identifier, which is also its name) with its resources: one per version and format.',
    run: (params, context) => packageShow(required(params, 'id'), context),
  },
  package_search: {
    help: 'Search the datasets: `q` (words of the titles, descriptions and keywords), `fq` (organization:, tags:, groups:, res_format:, license_id:, name:), `rows` (10, at most 1000), `start`, `sort`, `facet.field`, `facet.limit`.',
    run: (params, context) => {
      const facetField = json(params, 'facet.field')
      if (facetField !== undefined && (!Array.isArray(facetField) || facetField.some((field) => typeof field !== 'string'))) throw validation({ 'facet.field': ['Not a list of strings'] })
      const facetLimit = params['facet.limit'] === '-1' || params['facet.limit'] === -1 ? -1 : integer(params, 'facet.limit', 50)
      return packageSearch(
        {
          q: params.q === undefined ? undefined : String(params.q),
          fq: params.fq === undefined ? undefined : String(params.fq),
          rows: integer(params, 'rows', 10, 1000),
          start: integer(params, 'start', 0),
          sort: params.sort === undefined || params.sort === '' ? undefined : String(params.sort),
          facetFields: (facetField as string[] | undefined) ?? [],
          facetLimit,
        },
        context
      )
    },
  },
  resource_show: {
    help: 'Return a resource (`id`: `<identifier>-v<version>-<csv|json|xml>`).',
    run: (params, context) => resourceShow(required(params, 'id'), context),
  },
  organization_list: {
    help: 'Return the publishers (organizations) by name, or their dicts with `all_fields`; `limit`, `offset`.',
    run: (params) => organizationList(!!boolean(params, 'all_fields'), optionalLimit(params), integer(params, 'offset', 0)),
  },
  organization_show: {
    help: 'Return a publisher (`id`: its name); `include_datasets` adds its datasets.',
    run: (params, context) => organizationShow(required(params, 'id'), !!boolean(params, 'include_datasets'), context),
  },
  group_list: {
    help: 'Return the subjects (groups) by name, or their dicts with `all_fields`; `limit`, `offset`.',
    run: (params, context) => groupList(!!boolean(params, 'all_fields'), optionalLimit(params), integer(params, 'offset', 0), context),
  },
  group_show: {
    help: 'Return a subject (`id`: its name).',
    run: (params, context) => groupShow(required(params, 'id'), context),
  },
  tag_list: {
    help: 'Return the tags (keywords) of the datasets by name; `query` keeps those containing it; `all_fields`.',
    run: (params) => tagList(params.query === undefined ? undefined : String(params.query), !!boolean(params, 'all_fields')),
  },
  datastore_search: {
    help: 'Search the rows of a resource in the datastore (the current version\'s CSV): `resource_id`, `filters`, `q`, `fields`, `sort`, `limit` (100, at most 32000), `offset`, `include_total`, `total_estimation_threshold`, `records_format` (objects, lists).',
    run: (params) => datastoreSearch(params, '/api/3/action/datastore_search'),
  },
}

/**
 * The request's parameters as CKAN reads them: a POST's body (JSON, a form,
 * or a form whose only key is JSON text), else the query string.
 */
function paramsOf(ctx: HttpContext): Params {
  const { request } = ctx
  let params: unknown = request.qs()
  if (request.method() === 'POST') {
    const body = request.body()
    const keys = Object.keys(body ?? {})
    if (keys.length === 1 && [null, '', '1'].includes(body[keys[0]] as string | null) && /^\s*[{[]/.test(keys[0])) {
      try {
        params = JSON.parse(keys[0])
      } catch (error) {
        throw new BadRequest(`JSON Error: Error decoding JSON data. Error: ${(error as Error).message}`)
      }
    } else if (keys.length) params = body
  }
  if (!params || typeof params !== 'object' || Array.isArray(params)) throw new BadRequest(`Bad request data: Request data JSON decoded to ${JSON.stringify(params)} but it needs to be a dictionary.`)
  const { callback, ...rest } = params as Params
  return rest
}

/**
 * CKAN's Action API v3 on the portal (`/api/3/action/<name>`): the open-data
 * catalogue as packages, organizations, groups, tags and resources, and the
 * rows of the current versions through datastore_search. Answers CKAN's
 * envelope `{ help, success, result }` or `{ help, success: false, error }`
 * with CKAN's statuses; an unknown action is CKAN's bare 400 string.
 */
export default class CkanController {
  async action(ctx: HttpContext) {
    const { response, params } = ctx
    response.header('access-control-allow-origin', '*')
    response.header('cache-control', 'no-cache')
    const name = String(params.action)
    const action = ACTIONS[name]
    const bare = (message: string) => response.status(400).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(message))
    if (!action) return bare(`Bad request - Action name not known: ${name.slice(0, 100)}`)
    const base = new URL(tenantUrl(ctx.tenant)).origin
    const help = `${base}/api/3/action/help_show?name=${name}`
    try {
      const result = await action.run(paramsOf(ctx), { ctx, base, subjectTitle: (subject) => ctx.i18n.t(`opendata.subjects.${subject}`) })
      return response.json({ help, success: true, result })
    } catch (error) {
      if (error instanceof BadRequest) return bare(error.message)
      if (error instanceof CkanError) return response.status(error.status).json({ help, success: false, error: error.body })
      ctx.logger.error({ err: error, action: name }, 'CKAN API action failed')
      return response.status(500).json({ help, success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } })
    }
  }

  /** `/api/3`: the API's version, as CKAN answers it. */
  async version({ response }: HttpContext) {
    response.header('access-control-allow-origin', '*')
    return { version: 3 }
  }
}
