import { DateTime, Settings } from 'luxon'
import { REGION_ZONE } from '#core/region_time'
import { clockMillis } from '#core/clock'
import type Tenant from '#tenancy/tenant'
import User from '#modules/identity/models/user'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import Priority from '#modules/priorities/models/priority'
import { SavePriority, type PriorityInput } from '#modules/priorities/actions/save_priority'
import { chooseResidence } from '#modules/priorities/services/residence'
import { ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { fillMunicipalities } from '#tests/helpers/problems'

/**
 * Runs `callback` with the platform's clock at a fixed moment (ISO, region
 * time) — the app's and the in-process HTTP server's DateTime.now() — and
 * puts the clock back after. Tests of quarters never depend on today.
 */
export async function atMoment<T>(iso: string, callback: () => Promise<T>): Promise<T> {
  const fixed = DateTime.fromISO(iso, { zone: REGION_ZONE }).toMillis()
  const started = Date.now()
  Settings.now = () => fixed + (Date.now() - started)
  try {
    return await callback()
  } finally {
    Settings.now = clockMillis
  }
}

/** A portal with the region's municipalities, an admin, three citizens and one whose e-mail is unconfirmed. */
export async function prioritiesPortal(slug: string) {
  const tenant = await ensureTenant(slug, 'portal')
  await fillMunicipalities(tenant)
  const tag = slug.replace(/_/g, '-')
  const unconfirmed = await ensureUser(tenant, 'citizen', `unconfirmed@${tag}.test`)
  await inTenant(tenant, () =>
    CitizenProfile.updateOrCreate({ userId: unconfirmed.id }, { displayName: 'Unconfirmed', emailConfirmedAt: null, residenceMunicipalityCode: 'krasnodar' })
  )
  return {
    tenant,
    host: hostOf(tenant),
    admin: await ensureUser(tenant, 'admin', `admin@${tag}.test`),
    anna: await ensureUser(tenant, 'citizen', `anna@${tag}.test`),
    boris: await ensureUser(tenant, 'citizen', `boris@${tag}.test`),
    vera: await ensureUser(tenant, 'citizen', `vera@${tag}.test`),
    nomad: await ensureUser(tenant, 'citizen', `nomad@${tag}.test`),
    unconfirmed,
  }
}

export type PrioritiesPortal = Awaited<ReturnType<typeof prioritiesPortal>>

/** A published priority, open from `opensQuarter` on. */
export function publishedPriority(tenant: Tenant, input: Partial<PriorityInput> & { title: string; opensQuarter: string }) {
  return inTenant(tenant, async () => {
    const priority = await new SavePriority().handle({
      level: 'regional',
      description: `${input.title}: описание приоритета для голосования.`,
      category: 'Дороги',
      ...input,
    })
    return new SavePriority().setStatus(priority.id, 'published')
  })
}

/** Sets a citizen's municipality of residence (now, by the clock in force). */
export function livesIn(tenant: Tenant, user: User, code: string) {
  return inTenant(tenant, () => chooseResidence(user, code))
}

export function priorityById(tenant: Tenant, id: number) {
  return inTenant(tenant, () => Priority.findOrFail(id))
}
