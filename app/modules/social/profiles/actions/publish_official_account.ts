import { DateTime } from 'luxon'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'

/** A body's own official account as its admin last saved it (null before the first save). */
export async function bodyAccount() {
  return (await tenantDb().from('social_body_account').where('id', 1).first()) ?? null
}

/**
 * A body's admin saves its official account and publishes it to every
 * portal, in the transaction of the change (the bus delivers it exactly
 * once). The name is always the body's own; only the about text is written.
 */
export async function publishOfficialAccount(admin: User, about: string, actor: Actor) {
  const body = tenantScope.currentOrFail()
  const portals = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'portal')
  const publishedAt = DateTime.now()
  await tenantDb().transaction(async (trx) => {
    await trx
      .insertQuery()
      .table('social_body_account')
      .insert({ id: 1, about, updated_by: admin.id, published_at: publishedAt.toJSDate(), updated_at: publishedAt.toJSDate() })
      .onConflict('id')
      .merge()
    const payload: BusPayloads['social.official_account_published'] = { body: { nameRu: body.nameRu, nameEn: body.nameEn }, about, publishedAt: publishedAt.toISO()! }
    await bus.sendMany(trx, portals.map((portal) => ({ to: portal.slug, type: 'social.official_account_published' as const, payload })))
    await recordAudit(actor, 'social.official_account_published', { type: 'social_body_account', id: 1 }, { portals: portals.map((portal) => portal.slug) }, trx)
  })
  return portals.length
}
