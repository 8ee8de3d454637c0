import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { systemActor } from '#core/audit'
import { REGION_ZONE, regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import ExpertEntry from '#modules/lawmaking/models/expert_entry'
import ExpertInvitation from '#modules/lawmaking/models/expert_invitation'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import RemindExpertsJob from '#modules/lawmaking/jobs/remind_experts_job'
import { inviteExperts } from '#modules/lawmaking/actions/expertise/invite_experts'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { postFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { verifiedExpert } from '#tests/helpers/expertise'
import type Tenant from '#tenancy/tenant'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

/** Noon (region time) of a day `days` away from `day`, as the job's explicit time. */
const noonOf = (day: DateTime, days: number) => DateTime.fromISO(day.toISODate()!, { zone: REGION_ZONE }).plus({ days }).set({ hour: 12 }).toISO()!

function run(tenant: Tenant, now: string) {
  return inTenant(tenant, () => new RemindExpertsJob().handle({ now }))
}

function notificationsOf(tenant: Tenant, kind: string) {
  return inTenant(tenant, () => tenantDb().from('notifications').where('kind', kind).select('user_id', 'link'))
}

test.group('Lawmaking | expertise | reminders, overdue, a moderator’s invitation', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lxr_portal')
    block = await lawmakingBlock('lxr_block')
  })

  test('the expert is reminded 3 days before and on the due day; the developer is told once it is overdue; each once', async ({ assert, client }) => {
    await ensureUser(portal.tenant, 'citizen', 'expert@lxr-portal.test')
    const { profile } = await verifiedExpert(client, portal, 'expert@lxr-portal.test', ['social'])
    await pump(all())
    const draftId = await publishedDraft(block)
    await pump(all())
    const entry = await inTenant(block.tenant, () => ExpertEntry.query().where('expert_id', profile.id).firstOrFail())
    const [sent] = await inTenant(block.tenant, () => inviteExperts(draftId, 'social', [entry.id], block.roadsHead, systemActor('test')))
    await pump(all())
    const due = sent.dueOn

    assert.deepEqual(await run(portal.tenant, noonOf(due, -4)), { soon: 0, onDay: 0, flagged: 0 })
    assert.deepEqual(await run(portal.tenant, noonOf(due, -3)), { soon: 1, onDay: 0, flagged: 0 })
    assert.deepEqual(await run(portal.tenant, noonOf(due, -2)), { soon: 0, onDay: 0, flagged: 0 }, 'reminded once')
    assert.deepEqual(await run(portal.tenant, noonOf(due, 0)), { soon: 0, onDay: 1, flagged: 0 })
    assert.deepEqual(await run(portal.tenant, noonOf(due, 1)), { soon: 0, onDay: 0, flagged: 0 })
    const soon = await notificationsOf(portal.tenant, 'lawmaking.expertise_due_soon')
    const today = await notificationsOf(portal.tenant, 'lawmaking.expertise_due_today')
    assert.deepEqual(soon.map((row: any) => row.user_id), [profile.userId])
    assert.deepEqual(today.map((row: any) => row.user_id), [profile.userId])

    const flagged = async (now: string) => ((await run(block.tenant, now)) as { flagged: number }).flagged
    assert.equal(await flagged(noonOf(due, 0)), 0, 'the due day itself is not overdue')
    assert.equal(await flagged(noonOf(due, 1)), 1)
    assert.equal(await flagged(noonOf(due, 2)), 0)
    const overdue = await notificationsOf(block.tenant, 'lawmaking.expertise_overdue')
    assert.sameMembers(overdue.map((row: any) => row.user_id), [block.roadsHead.id, block.roadsExecutor.id])
    assert.isTrue(overdue.every((row: any) => row.link === `/lawmaking/office/drafts/${draftId}/experts`))

    // the page marks it once the due day has passed (by the app's clock)
    await inTenant(block.tenant, () => ExpertInvitation.query().where('id', sent.id).update({ due_on: regionToday().minus({ days: 1 }).toISODate() }))
    const developer = await sessionOf(client, block.host, block.roadsHead.email)
    const page = await client.get(`/lawmaking/office/drafts/${draftId}/experts`).header('host', block.host).withCookie(SESSION_COOKIE, developer)
    assert.include(page.text(), 'data-overdue')
  })

  test('a portal moderator invites an expert: the expert is told, the body learns of it and keeps it with its own', async ({ assert, client }) => {
    await ensureUser(portal.tenant, 'citizen', 'second@lxr-portal.test')
    const { profile } = await verifiedExpert(client, portal, 'second@lxr-portal.test', ['transport'], 'Анна Вторая')
    const draftId = await publishedDraft(block)
    await pump(all())
    const copy = await inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', block.tenant.slug).where('origin_draft_id', draftId).firstOrFail())

    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const form = await client.get(`/lawmaking/drafts/${copy.id}/expertise`).qs({ field: 'transport' }).header('host', portal.host).withCookie(SESSION_COOKIE, moderator)
    assert.include(form.text(), 'Анна Вторая')
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const plain = await client.get(`/lawmaking/drafts/${copy.id}/expertise`).qs({ field: 'transport' }).header('host', portal.host).withCookie(SESSION_COOKIE, citizen)
    assert.notInclude(plain.text(), 'experts[]', 'only moderators invite')

    const sent = await postFrom(client, portal.host, moderator, `/lawmaking/drafts/${copy.id}/expertise?field=transport`, `/lawmaking/drafts/${copy.id}/expertise/invite`, {
      field: 'transport',
      'experts[0]': String(profile.id),
    })
    sent.response.assertStatus(302)
    const invitation = await inTenant(portal.tenant, () => PublicExpertInvitation.query().where('draft_id', copy.id).where('expert_id', profile.id).firstOrFail())
    assert.equal(invitation.invitedBy, portal.moderator.id)
    const told = await notificationsOf(portal.tenant, 'lawmaking.expert_invited')
    assert.include(told.map((row: any) => row.user_id), profile.userId)
    const audited = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'lawmaking.expert_invited').where('subject_id', String(copy.id)).first())
    assert.exists(audited)

    await pump(all())
    const kept = await inTenant(block.tenant, () => ExpertInvitation.query().where('key', invitation.key).firstOrFail())
    assert.isNull(kept.invitedBy)
    assert.equal(kept.expertName, 'Анна Вторая')
    assert.equal(kept.dueOn.toISODate(), invitation.dueOn.toISODate())
    const learnt = await notificationsOf(block.tenant, 'lawmaking.expert_invited_by_portal')
    assert.isAbove(learnt.length, 0)

    // the expert declines with a reason: the body learns it
    const expert = await sessionOf(client, portal.host, 'second@lxr-portal.test')
    const declined = await postFrom(client, portal.host, expert, `/lawmaking/expertise/${invitation.id}`, `/lawmaking/expertise/${invitation.id}/decline`, { reason: 'Конфликт интересов' })
    declined.response.assertStatus(302)
    assert.equal((await inTenant(portal.tenant, () => PublicExpertInvitation.findOrFail(invitation.id))).status, 'declined')
    await pump(all())
    const answered = await inTenant(block.tenant, () => ExpertInvitation.findOrFail(kept.id))
    assert.equal(answered.status, 'declined')
    assert.equal(answered.declineReason, 'Конфликт интересов')
  })

  test('a body without a copy of the registry (created after it was published) asks the portal and gets it', async ({ assert, client }) => {
    await ensureUser(portal.tenant, 'citizen', 'third@lxr-portal.test')
    const { profile } = await verifiedExpert(client, portal, 'third@lxr-portal.test', ['housing'], 'Олег Третий')
    await pump(all())
    // as a body created later stands: no copy of this portal's registry
    await inTenant(block.tenant, async () => {
      await tenantDb().from('lawmaking_known_experts').where('portal_slug', portal.tenant.slug).delete()
      await tenantDb().from('lawmaking_expert_registries').where('portal_slug', portal.tenant.slug).delete()
    })
    const asked = (await run(block.tenant, noonOf(regionToday(), 0))) as { registryRequested: number }
    assert.isAtLeast(asked.registryRequested, 1)
    const requestsToPortal = () => inTenant(block.tenant, () => tenantDb().from('bus_outbox').where('type', 'lawmaking.experts_requested').where('target_tenant', portal.tenant.slug))
    assert.lengthOf(await requestsToPortal(), 1)
    await pump(all())
    const entries = await inTenant(block.tenant, () => ExpertEntry.query().where('portal_slug', portal.tenant.slug))
    assert.include(entries.map((entry) => entry.expertId), profile.id)
    // held now: the next run does not ask this portal again
    const sent = (await requestsToPortal()).length
    await run(block.tenant, noonOf(regionToday(), 0))
    assert.lengthOf(await requestsToPortal(), sent)
  })
})
