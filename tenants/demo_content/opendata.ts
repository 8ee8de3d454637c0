import { createHash } from 'node:crypto'
import type Tenant from '#tenancy/tenant'
import PublisherProfile from '#modules/opendata/models/publisher_profile'

/**
 * A body's publisher profile for open data, so its staff can publish at
 * once: a made-up INN of the region (23…, the same for the same slug), the
 * body's names and a responsible person. Runs in the body's scope.
 */
export async function seedOpendataProfile(tenant: Tenant) {
  if (await PublisherProfile.query().first()) return 0
  const digits = BigInt(`0x${createHash('sha256').update(tenant.slug).digest('hex').slice(0, 12)}`).toString().padStart(8, '0').slice(-8)
  await PublisherProfile.create({
    inn: `23${digits}`,
    nameRu: tenant.nameRu,
    nameEn: tenant.nameEn,
    responsiblePerson: 'Иванова Мария Петровна',
    phone: '+78612000000',
    email: `opendata@${tenant.slug.replace(/_/g, '-')}.example`,
  })
  return 1
}
