import type { ApiClient } from '@japa/api-client'
import { tenantDb } from '#tenancy/tenant_model'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { postMultipart, problemsMunicipality, problemsPortal, type UploadField } from '#tests/helpers/problems'

/** A route in Krymsk (GeoJSON LineString of [lng, lat]). */
export const KRYMSK_ROUTE = { type: 'LineString', coordinates: [[38.05, 44.92], [38.07, 44.93], [38.09, 44.935]] }

/** A portal with citizens (an author and three supporters), a moderator and an admin. */
export async function suggestionsPortal(slug: string) {
  const portal = await problemsPortal(slug)
  const tag = slug.replace(/_/g, '-')
  return {
    ...portal,
    third: await ensureUser(portal.tenant, 'citizen', `third@${tag}.test`),
    fourth: await ensureUser(portal.tenant, 'citizen', `fourth@${tag}.test`),
  }
}

export type SuggestionsPortal = Awaited<ReturnType<typeof suggestionsPortal>>

/** A municipality's administration (head, housing staff) plus an admin and a controller. */
export async function suggestionsMunicipality(slug: string) {
  const town = await problemsMunicipality(slug)
  const tag = slug.replace(/_/g, '-')
  return { ...town, controller: await ensureUser(town.tenant, 'controller', `controller@${tag}.test`) }
}

/**
 * Posts a form (multipart, with files) from a page as a script would: the
 * page's CSRF token, JSON asked for (422 / 409 carry the errors), a locale.
 */
export function postForm(
  client: ApiClient,
  host: string,
  session: string,
  pagePath: string,
  action: string,
  fields: Record<string, string>,
  options: { files?: UploadField[]; json?: boolean; locale?: 'ru' | 'en' } = {}
) {
  return postMultipart(client, host, session, pagePath, action, fields, options.files, { json: options.json, locale: options.locale ?? 'ru' })
}

/** One row of a tenant's table. */
export function rowOf(tenant: { slug: string } & Parameters<typeof inTenant>[0], table: string, where: Record<string, unknown>) {
  return inTenant(tenant, () => tenantDb().from(table).where(where).first())
}
