import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { bus } from '#bus/bus'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import type { BusPayloads } from '#bus/message_types'
import ExpertProfile, { type ExpertField } from '#modules/lawmaking/models/expert_profile'
import ExpertEntry from '#modules/lawmaking/models/expert_entry'

/*
| The registry of verified experts: the portal publishes it to every body
| (block or municipality) whenever a verification changes it, the way a body
| publishes its departments to the portal; each body keeps a copy to invite
| from and never reads the portal's schema.
*/

/**
 * Sends the portal's verified experts to every active body (or to the
 * bodies named by `only`), inside the transaction of the change.
 */
export async function publishExpertRegistry(trx: TransactionClientContract, only?: string[]) {
  const bodies = (await tenantRegistry.active()).filter((tenant) => isBodyKind(tenant.kind) && (!only || only.includes(tenant.slug)))
  if (!bodies.length) return 0
  const verified = await ExpertProfile.query({ client: trx }).where('status', 'verified').orderBy('id')
  const payload: BusPayloads['lawmaking.experts_published'] = {
    publishedAt: DateTime.now().toISO()!,
    experts: verified.map((expert) => ({ id: expert.id, publicName: expert.publicName, organisation: expert.organisation, fields: expert.fields })),
  }
  await bus.sendMany(trx, bodies.map((body) => ({ to: body.slug, type: 'lawmaking.experts_published' as const, payload })))
  return bodies.length
}

/** A body replaces its copy of a portal's registry, unless it holds a newer publication already. */
export async function storeExpertRegistry(trx: TransactionClientContract, portal: string, facts: BusPayloads['lawmaking.experts_published']) {
  const publishedAt = DateTime.fromISO(facts.publishedAt)
  const known = await trx.from('lawmaking_expert_registries').where('portal_slug', portal).forUpdate().first()
  if (known && DateTime.fromJSDate(known.published_at) >= publishedAt) return false
  await trx
    .insertQuery()
    .table('lawmaking_expert_registries')
    .insert({ portal_slug: portal, published_at: publishedAt.toJSDate() })
    .onConflict('portal_slug')
    .merge()
  await ExpertEntry.query({ client: trx }).where('portal_slug', portal).delete()
  if (facts.experts.length) {
    await ExpertEntry.createMany(
      facts.experts.map((expert) => ({ portalSlug: portal, expertId: expert.id, publicName: expert.publicName, organisation: expert.organisation, fields: expert.fields as ExpertField[] })),
      { client: trx }
    )
  }
  return true
}

/**
 * A body created after the registry was last published has no copy: it asks
 * every active portal for one (hourly, until a copy arrives; the portal
 * answers with the registry as it is, empty or not). Returns the portals asked.
 */
export async function requestMissingExpertRegistry() {
  const db = tenantDb()
  const held = new Set((await db.from('lawmaking_expert_registries').select('portal_slug')).map((row: any) => row.portal_slug as string))
  const portals = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'portal' && !held.has(tenant.slug))
  if (!portals.length) return 0
  await db.transaction((trx) => bus.sendMany(trx, portals.map((portal) => ({ to: portal.slug, type: 'lawmaking.experts_requested' as const, payload: {} }))))
  return portals.length
}
