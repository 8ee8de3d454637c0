import logger from '@adonisjs/core/services/logger'
import { tenantDb } from '#tenancy/tenant_model'
import { publicNames, type PublicName } from '#modules/social/profiles/public_names'

/**
 * Names of conversation members and authors, through the profiles area's
 * publicNames (display name, profile link, badges such as 'official').
 * Should it fail (the first version read the central connection), members
 * still appear under their account names rather than breaking the page.
 */
let publicNamesFailed = false

export async function memberNames(userIds: number[], locale = 'ru'): Promise<Map<number, PublicName>> {
  const ids = [...new Set(userIds)]
  if (!ids.length) return new Map()
  try {
    // once it failed in this process it is not asked again (a failing query on every page costs)
    if (publicNamesFailed) throw new Error('publicNames failed before')
    return await (publicNames as (ids: number[], locale?: string) => Promise<Map<number, PublicName>>)(ids, locale)
  } catch (error) {
    if (!publicNamesFailed) logger.warn({ error: (error as Error).message }, 'publicNames failed; using account names')
    publicNamesFailed = true
    const rows = await tenantDb().from('users').whereIn('id', ids).select('id', 'full_name')
    return new Map(rows.map((row) => [Number(row.id), { name: row.full_name as string, url: null, badges: [] }]))
  }
}
