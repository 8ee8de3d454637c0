import { isBodyKind } from '#tenancy/naming'
import type Tenant from '#tenancy/tenant'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { rollupBuilder } from '#tenancy/rollup'
import { deliverNow } from '#bus/deliver_now'
import { recordAudit, systemActor } from '#core/audit'
import AuditEntry from '#modules/identity/models/audit_entry'
import { loadCatalog } from '#tenants/catalog'
import { officeCast, type OfficeCast } from '#tenants/demo_content/cast'
import { seedCrossTenantOrder, seedOrders, startOrdersFromControl } from '#tenants/demo_content/orders'
import { seedLawsuits, seedPlanner, seedProgramme, seedRatings, seedStaffing } from '#tenants/demo_content/office'
import { answerProblems, confirmResolvedProblem, seedProblems } from '#tenants/demo_content/problems'
import { remarkOnDrafts, seedLawmaking } from '#tenants/demo_content/lawmaking'
import { seedOpendataProfile } from '#tenants/demo_content/opendata'
import { seedServiceCatalogue } from '#tenants/demo_content/service_ratings'
import { seedPriorities } from '#tenants/demo_content/priorities'
import { publishDemoOfficialAccount, seedSocial } from '#tenants/demo_content/social'
import { answerDemoSuggestions, seedSuggestions } from '#tenants/demo_content/suggestions'

/** The audit entry that marks a tenant as seeded: a second run leaves it alone. */
export const DEMO_SEED_ACTION = 'demo.seeded'
/** The audit entry of the portal's demo network and suggestions, with their counts. */
export const DEMO_SOCIAL_ACTION = 'demo.social_seeded'

export interface SeededTenant {
  slug: string
  kind: string
  outcome: 'seeded' | 'already seeded' | 'nothing to seed'
  counts: Record<string, number>
}

/** One line per tenant: what was written, or why nothing was. */
export function describeSeeded(result: SeededTenant) {
  const counts = Object.entries(result.counts).map(([name, count]) => `${count} ${name}`).join(', ')
  return `${result.slug}: ${result.outcome}${counts ? ` (${counts})` : ''}`
}

async function officeContent(tenant: Tenant, cast: OfficeCast, regionBodies: string[][]) {
  const counts: Record<string, number> = { orders: await seedOrders(cast) }
  // programmes and federal ratings are the region's own business, not a municipality's
  if (tenant.kind !== 'municipality') {
    await seedProgramme(cast)
    counts.orders++ // the programme event that spawned an order
  }
  counts.plannerItems = await seedPlanner(cast)
  counts.positions = await seedStaffing(cast)
  if (tenant.kind !== 'municipality') counts.ratings = await seedRatings(cast)
  counts.lawsuits = await seedLawsuits(cast)
  if (tenant.kind !== 'control') counts.draftActs = await seedLawmaking(cast)
  // the publisher profile open data needs before a body publishes (not counted: no content of its own)
  if (tenant.kind !== 'control') await seedOpendataProfile(tenant)
  if (tenant.kind !== 'control') counts.services = await seedServiceCatalogue()
  // a block's and Krasnodar's official accounts on the portal (sent over the bus)
  if (tenant.kind !== 'control' && (await publishDemoOfficialAccount(cast, regionBodies[0]))) counts.officialAccounts = 1
  if (tenant.kind === 'control') {
    // one order to a block's department and one to a municipal department
    counts.crossTenantOrders = 0
    for (const bodies of regionBodies) counts.crossTenantOrders += await seedCrossTenantOrder(cast, bodies)
  }
  return counts
}

/**
 * Seeds one tenant with its demo content, inside its own scope, so it writes
 * only into that tenant (messages to other tenants wait in its outbox, as
 * after any business change). A tenant already seeded is left alone. The
 * control tenant's cross-tenant orders go to the catalog's `regionBodies`
 * (one block, one municipality). With `prioritiesLater` a portal's
 * priorities wait for the follow-ups.
 */
export function seedDemoTenant(tenant: Tenant, regionBodies: string[][], options: { prioritiesLater?: boolean } = {}): Promise<SeededTenant> {
  return tenantScope.run(tenant, async () => {
    const result = { slug: tenant.slug, kind: tenant.kind, counts: {} as Record<string, number> }
    if (await AuditEntry.query().where('action', DEMO_SEED_ACTION).first()) return { ...result, outcome: 'already seeded' as const }
    let counts: Record<string, number> | null = null
    if (tenant.kind === 'portal') {
      counts = { problems: await seedProblems() }
      // priorities open this quarter, the past quarters voted on and sealed; with the whole catalog this waits for
      // the follow-ups, when the bodies' directory has arrived (responsible bodies, ranks sent to the bodies)
      if (!options.prioritiesLater) {
        const priorities = await seedPriorities()
        Object.assign(counts, { priorities: priorities.priorities, priorityBallots: priorities.ballots, sealedQuarters: priorities.sealedQuarters })
      }
      // the portal's operator publishes the citizens' problems statistics it generates (not counted, as in bodies)
      await seedOpendataProfile(tenant)
    } else {
      const cast = await officeCast()
      if (cast) counts = await officeContent(tenant, cast, regionBodies)
    }
    if (!counts) return { ...result, outcome: 'nothing to seed' as const }
    await recordAudit(systemActor('demo:seed'), DEMO_SEED_ACTION, null, counts)
    return { ...result, outcome: 'seeded' as const, counts }
  })
}

/**
 * Follow-ups that need what other tenants sent (delivered by the bus): a
 * block takes the Department of Control's order into work and answers some
 * of the citizens' problems; the portal's citizen then confirms an answer
 * and remarks on the draft acts open for discussion, and the portal seeds
 * its priorities (the directory of bodies names their responsible bodies).
 * Each runs in its own tenant's scope, only for tenants seeded in this run.
 */
async function followUps(seeded: Tenant[], everyone: Tenant[]) {
  await deliverNow(everyone)
  for (const tenant of seeded.filter((candidate) => isBodyKind(candidate.kind))) {
    await tenantScope.run(tenant, async () => {
      const cast = await officeCast()
      if (!cast) return
      await startOrdersFromControl(cast)
      await answerProblems(cast)
    })
  }
  await deliverNow(everyone)
  for (const tenant of seeded.filter((candidate) => candidate.kind === 'portal')) {
    await tenantScope.run(tenant, async () => {
      await confirmResolvedProblem()
      await remarkOnDrafts()
      // now that the bodies' directory has arrived: responsible bodies, and the sealed ranks sent to them
      await seedPriorities()
      // the network (with the official accounts the bodies sent), then suggestions, two of them sent to bodies
      const social = await seedSocial()
      const suggestions = await seedSuggestions()
      await recordAudit(systemActor('demo:seed'), DEMO_SOCIAL_ACTION, null, { ...social, ...suggestions })
    })
  }
  // the bodies receive the portal's remarks, the ranks of the sealed quarters and the suggestions sent to them
  await deliverNow(everyone)
  for (const tenant of seeded.filter((candidate) => isBodyKind(candidate.kind))) {
    await tenantScope.run(tenant, async () => {
      const cast = await officeCast()
      if (cast) await answerDemoSuggestions(cast)
    })
  }
  // the portal publishes the bodies' answers to the suggestions
  await deliverNow(everyone)
}

/**
 * Seeds every tenant of a catalog that exists (or only the named ones).
 * Seeding the whole catalog also delivers the messages among its tenants
 * and runs the follow-ups, so problems and the control order show their
 * answers at once; with `only`, nothing but those tenants is written and the
 * queue delivers later. Ends with a rollup refresh, so the control
 * dashboard shows the figures at once.
 */
export async function seedDemoContent(options: { catalog?: string; only?: string[]; onProgress?: (result: SeededTenant) => void } = {}) {
  const catalog = await loadCatalog(options.catalog)
  const slugs = options.only?.length ? options.only : catalog.tenants.map((entry) => entry.slug)
  // the catalog's bodies (never another block that happens to share the database), blocks apart from municipalities
  const regionBodies = (['block', 'municipality'] as const).map((kind) =>
    catalog.tenants.filter((entry) => entry.kind === kind && entry.demo).map((entry) => entry.slug)
  )
  const tenants: Tenant[] = []
  for (const slug of slugs) {
    const tenant = options.only?.length ? await tenantRegistry.findBySlugOrFail(slug) : await tenantRegistry.findBySlug(slug)
    if (tenant && tenant.status === 'active') tenants.push(tenant)
  }
  const results: SeededTenant[] = []
  for (const tenant of tenants) {
    const result = await seedDemoTenant(tenant, regionBodies, { prioritiesLater: !options.only?.length })
    options.onProgress?.(result)
    results.push(result)
  }
  const seeded = tenants.filter((tenant) => results.find((result) => result.slug === tenant.slug)?.outcome === 'seeded')
  if (!seeded.length) return results
  if (!options.only?.length) await followUps(seeded, tenants)
  await rollupBuilder.refresh()
  return results
}
