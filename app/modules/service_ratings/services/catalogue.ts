import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import BodyService from '#modules/service_ratings/models/body_service'
import RatedService from '#modules/service_ratings/models/rated_service'

/**
 * The service catalogue: each body keeps the services it provides and
 * publishes the whole list to every portal whenever it changes; the portal
 * replaces its copy of that body's services and never reads the body's schema.
 */

/**
 * Sends the current body's services to every portal, inside `trx` or a
 * transaction of its own. Does nothing outside a body. Returns the number of portals addressed.
 */
export async function publishCatalogue(trx?: TransactionClientContract): Promise<number> {
  const tenant = tenantScope.currentOrFail()
  if (!isBodyKind(tenant.kind)) return 0
  if (!trx) return tenantDb().transaction((own) => publishCatalogue(own))
  const portals = (await tenantRegistry.active()).filter((candidate) => candidate.kind === 'portal')
  if (!portals.length) return 0
  const services = await BodyService.query({ client: trx }).orderBy('code')
  const payload: BusPayloads['service_ratings.catalogue_published'] = {
    publishedAt: DateTime.now().toISO()!,
    body: { nameRu: tenant.nameRu, nameEn: tenant.nameEn },
    services: services.map((service) => ({
      code: service.code,
      nameRu: service.nameRu,
      nameEn: service.nameEn,
      departmentCode: service.departmentCode,
      channel: service.channel,
      isActive: service.isActive,
    })),
  }
  await bus.sendMany(trx, portals.map((portal) => ({ to: portal.slug, type: 'service_ratings.catalogue_published' as const, payload })))
  return portals.length
}

/**
 * The portal takes a body's publication: services it names are added or
 * updated (the admins' hiding stays), services it no longer names become
 * inactive (their ratings stay). An older publication than the one held changes nothing.
 */
export async function storeCatalogue(
  trx: TransactionClientContract,
  sender: { slug: string; kind: 'block' | 'municipality' },
  facts: BusPayloads['service_ratings.catalogue_published']
) {
  const publishedAt = DateTime.fromISO(facts.publishedAt)
  const held = await RatedService.query({ client: trx }).where('body_slug', sender.slug).forUpdate()
  if (held.some((service) => service.publishedAt > publishedAt)) return false
  const byCode = new Map(held.map((service) => [service.code, service]))
  const body = { bodyKind: sender.kind, bodyNameRu: facts.body.nameRu, bodyNameEn: facts.body.nameEn, publishedAt }
  for (const service of facts.services) {
    const fields = { ...body, departmentCode: service.departmentCode, publishedActive: service.isActive }
    const known = byCode.get(service.code)
    byCode.delete(service.code)
    // the portal admins' correction of names or channel stays over the body's publication
    const row = known ?? new RatedService().merge({ bodySlug: sender.slug, code: service.code, adminHidden: false })
    row.merge(fields)
    row.applyPublished({ nameRu: service.nameRu, nameEn: service.nameEn, channel: service.channel })
    await row.useTransaction(trx).save()
  }
  for (const gone of byCode.values()) {
    gone.merge({ ...body, publishedActive: false })
    await gone.useTransaction(trx).save()
  }
  return true
}
