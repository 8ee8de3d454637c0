import type Tenant from '#tenancy/tenant'
import { bodyOffice, ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import BodyService from '#modules/service_ratings/models/body_service'
import RatedService from '#modules/service_ratings/models/rated_service'
import { publishCatalogue } from '#modules/service_ratings/services/catalogue'

/** A portal with two citizens and an admin. */
export async function ratingsPortal(slug: string) {
  const tenant = await ensureTenant(slug, 'portal')
  const tag = slug.replace(/_/g, '-')
  return {
    tenant,
    host: hostOf(tenant),
    citizen: await ensureUser(tenant, 'citizen', `citizen@${tag}.test`),
    neighbour: await ensureUser(tenant, 'citizen', `neighbour@${tag}.test`),
    admin: await ensureUser(tenant, 'admin', `admin@${tag}.test`),
  }
}

/** A municipality with a housing and an architecture department, their heads, an admin and the head of the administration. */
export function ratingsMunicipality(slug: string) {
  return bodyOffice(
    'municipality',
    slug,
    {
      housing: { nameRu: 'Управление ЖКХ', nameEn: 'Housing and Utilities' },
      architecture: { nameRu: 'Управление архитектуры', nameEn: 'Architecture' },
    },
    {
      head: { role: 'head' },
      admin: { role: 'admin' },
      housingHead: { role: 'department_head', department: 'housing' },
      architectureHead: { role: 'department_head', department: 'architecture' },
    }
  )
}

/** Services of a body written directly and published to the portals (deliver with pump()). */
export async function publishServices(body: { tenant: Tenant }, services: { code: string; departmentCode: string; channel?: 'mfc' | 'online' | 'office'; isActive?: boolean }[]) {
  await inTenant(body.tenant, async () => {
    for (const service of services) {
      await BodyService.updateOrCreate(
        { code: service.code },
        {
          nameRu: `Услуга ${service.code}`,
          nameEn: `Service ${service.code}`,
          departmentCode: service.departmentCode,
          channel: service.channel ?? 'office',
          isActive: service.isActive ?? true,
        }
      )
    }
    await publishCatalogue()
  })
}

/** The portal's copy of a body's service. */
export function portalService(portal: { tenant: Tenant }, body: { tenant: Tenant }, code: string) {
  return inTenant(portal.tenant, () => RatedService.query().where('body_slug', body.tenant.slug).where('code', code).firstOrFail())
}
