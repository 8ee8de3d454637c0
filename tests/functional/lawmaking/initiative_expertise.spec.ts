import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import { systemActor } from '#core/audit'
import { REGION_ZONE, regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import type Tenant from '#tenancy/tenant'
import { bus } from '#bus/bus'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import Initiative from '#modules/lawmaking/models/initiative'
import InitiativeCase from '#modules/lawmaking/models/initiative_case'
import Conclusion from '#modules/lawmaking/models/conclusion'
import CaseConclusion from '#modules/lawmaking/models/case_conclusion'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import type ExpertProfile from '#modules/lawmaking/models/expert_profile'
import RemindExpertsJob from '#modules/lawmaking/jobs/remind_experts_job'
import { SubmitInitiative } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'
import { AnswerInitiative } from '#modules/lawmaking/actions/initiatives/answer_initiative'
import { inviteExpertsFromPortal } from '#modules/lawmaking/actions/expertise/invite_experts'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { postFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsMunicipality, problemsPortal, publishDirectoryOf, pump, sessionOf, type ProblemsMunicipality, type ProblemsPortal } from '#tests/helpers/problems'
import { municipalInitiative } from '#tests/helpers/lawmaking_initiatives'
import { postConclusion, signedPdf, verifiedExpert } from '#tests/helpers/expertise'

let portal: ProblemsPortal
let town: ProblemsMunicipality
let stranger: ProblemsMunicipality
let expert: { profile: ExpertProfile; session: string }
const all = () => [portal.tenant, town.tenant, stranger.tenant]

const SUMMARY = 'Инициатива обоснована; срок освещения следует связать с календарём учебного года.'
const LATE_SUMMARY = 'Предлагаемое регулирование не требует дополнительных расходов бюджета района.'

/** A transport initiative of the town, written by the portal's citizen and published by a moderator (not forwarded). */
function publishedInitiative(title: string, publish = true) {
  return inTenant(portal.tenant, async () => {
    const written = await new SubmitInitiative().handle(municipalInitiative('kurganinsky', title), portal.citizen)
    if (publish) await new ModerateInitiative().handle(written.id, 'publish', null, systemActor('test'))
    return Initiative.findOrFail(written.id)
  })
}

function notificationsOf(tenant: Tenant, kind: string) {
  return inTenant(tenant, () => tenantDb().from('notifications').where('kind', kind).select('user_id', 'link'))
}

/** GET on a tenant's host, signed in when a session is given. */
function reader(client: ApiClient) {
  return (host: string, path: string, session?: string) => {
    const request = client.get(path).header('host', host)
    return session ? request.withCookie(SESSION_COOKIE, session) : request
  }
}

test.group('Lawmaking | expertise of citizens’ initiatives | invite → conclude → public after forwarding → the body', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lxi_portal')
    town = await problemsMunicipality('kurganinsky')
    stranger = await problemsMunicipality('timashyovsky')
    await publishDirectoryOf(town)
    await publishDirectoryOf(stranger)
    await pump(all())
  })

  test('a moderator invites by field; the conclusion is hidden during support, public and sent to the body once forwarded; a forged one changes nothing', async ({ assert, client }) => {
    const get = reader(client)
    await ensureUser(portal.tenant, 'citizen', 'expert@lxi-portal.test')
    await ensureUser(portal.tenant, 'citizen', 'social@lxi-portal.test')
    await ensureUser(portal.tenant, 'citizen', 'late@lxi-portal.test')
    expert = await verifiedExpert(client, portal, 'expert@lxi-portal.test', ['transport', 'housing'], 'Ольга Транспортова')
    await verifiedExpert(client, portal, 'social@lxi-portal.test', ['social'], 'Семён Социальный')
    const late = await verifiedExpert(client, portal, 'late@lxi-portal.test', ['transport'], 'Пётр Поздний')
    await pump(all())

    const initiative = await publishedInitiative('Освещение переходов у школ Курганинского района')
    const page = `/lawmaking/initiatives/${initiative.id}/expertise`

    // only moderators invite; the field is the initiative's subject area unless they choose another
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const form = await get(portal.host, page, moderator)
    form.assertStatus(200)
    assert.include(form.text(), 'Ольга Транспортова')
    assert.include(form.text(), 'Пётр Поздний')
    assert.notInclude(form.text(), 'Семён Социальный', 'an expert of another field is not offered')
    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    const plain = await get(portal.host, page, citizen)
    plain.assertStatus(200)
    assert.notInclude(plain.text(), 'experts[]')
    const byCitizen = await postFrom(client, portal.host, citizen, page, `${page}/invite`, { field: 'transport', 'experts[0]': String(expert.profile.id) })
    byCitizen.response.assertStatus(403)
    const social = await inTenant(portal.tenant, () => tenantDb().from('lawmaking_expert_profiles').where('public_name', 'Семён Социальный').first())
    const wrongField = await postJson(client, portal.host, moderator, page, `${page}/invite`, { field: 'transport', 'experts[0]': String(social.id) })
    wrongField.assertStatus(404)

    // an initiative still in moderation is not open to experts (409)
    const unpublished = await publishedInitiative('Ещё не опубликованная инициатива', false)
    const early = await postJson(client, portal.host, moderator, `/lawmaking/initiatives/${unpublished.id}/expertise`, `/lawmaking/initiatives/${unpublished.id}/expertise/invite`, {
      field: 'transport',
      'experts[0]': String(expert.profile.id),
    })
    early.assertStatus(409)
    ;(await get(portal.host, `/lawmaking/initiatives/${unpublished.id}/expertise`)).assertStatus(404)

    const invited = await postFrom(client, portal.host, moderator, page, `${page}/invite`, { field: 'transport', 'experts[0]': String(expert.profile.id) })
    invited.response.assertStatus(302)
    const invitation = await inTenant(portal.tenant, () => PublicExpertInvitation.query().where('initiative_id', initiative.id).where('expert_id', expert.profile.id).firstOrFail())
    assert.isNull(invitation.draftId)
    assert.equal(invitation.invitedBy, portal.moderator.id)
    // 10 working days on the portal's production calendar
    const dueOn = await inTenant(portal.tenant, async () => (await tenantCalendar()).addWorkingDays(regionToday(), 10))
    assert.equal(invitation.dueOn.toISODate(), dueOn.toISODate())
    const told = await notificationsOf(portal.tenant, 'lawmaking.initiative_expert_invited')
    assert.deepEqual(told.map((row: any) => [row.user_id, row.link]), [[expert.profile.userId, `/lawmaking/expertise/${invitation.id}`]])
    const audited = await inTenant(portal.tenant, () =>
      tenantDb().from('audit_entries').where('action', 'lawmaking.expert_invited').where('subject_type', 'lawmaking_initiative').where('subject_id', String(initiative.id)).first()
    )
    assert.exists(audited)

    // the expert's queue lists it; the invitation page has no clauses to remark on
    const queue = await get(portal.host, '/lawmaking/expertise', expert.session)
    assert.include(queue.text(), initiative.title)
    ;(await postFrom(client, portal.host, expert.session, `/lawmaking/expertise/${invitation.id}`, `/lawmaking/expertise/${invitation.id}/accept`, {})).response.assertStatus(302)
    const invitationPage = await get(portal.host, `/lawmaking/expertise/${invitation.id}`, expert.session)
    invitationPage.assertStatus(200)
    assert.include(invitationPage.text(), 'name="file"')
    assert.notInclude(invitationPage.text(), 'clauseKey[]')
    ;(await get(portal.host, `/lawmaking/expertise/${invitation.id}`, late.session)).assertStatus(404)

    // a file that is not a signed document is 422 on `file`; remarks on clauses are 422 on `remarks`; nothing is filed
    const notPdf = await postConclusion(client, portal.host, expert.session, invitation.id, { verdict: 'supported', summary: SUMMARY, file: { buffer: Buffer.from('GIF89a not a document'), filename: 'scan.pdf' } }, true)
    notPdf.assertStatus(422)
    assert.equal(notPdf.body().errors[0].field, 'file')
    const withRemarks = await postConclusion(
      client,
      portal.host,
      expert.session,
      invitation.id,
      { verdict: 'supported', summary: SUMMARY, remarks: [{ clauseKey: 'x', text: 'Замечание к пункту' }], file: { buffer: signedPdf(), filename: 'z.pdf' } },
      true
    )
    withRemarks.assertStatus(422)
    assert.equal(withRemarks.body().errors[0].field, 'remarks')
    assert.lengthOf(await inTenant(portal.tenant, () => Conclusion.query().where('initiative_id', initiative.id)), 0)

    const filed = await postConclusion(client, portal.host, expert.session, invitation.id, { verdict: 'supported_with_remarks', summary: SUMMARY, file: { buffer: signedPdf(), filename: 'zaklyuchenie.pdf' } })
    filed.assertStatus(302)
    const conclusion = await inTenant(portal.tenant, () => Conclusion.query().where('invitation_id', invitation.id).firstOrFail())
    assert.equal(conclusion.initiativeId, initiative.id)
    assert.isNull(conclusion.draftId)
    assert.isNull(conclusion.versionNumber)
    assert.equal((await inTenant(portal.tenant, () => PublicExpertInvitation.findOrFail(invitation.id))).status, 'concluded')

    // during the discussion: the public sees that the expert concluded, not what; the expert and moderators read it
    const anonymous = await get(portal.host, page)
    anonymous.assertStatus(200)
    assert.include(anonymous.text(), 'Ольга Транспортова')
    assert.include(anonymous.text(), 'data-conclusion-hidden')
    assert.notInclude(anonymous.text(), SUMMARY)
    ;(await get(portal.host, `/lawmaking/conclusions/${conclusion.id}/file`)).assertStatus(404)
    ;(await get(portal.host, `/lawmaking/conclusions/${conclusion.id}/file`, citizen)).assertStatus(404)
    assert.include((await get(portal.host, page, expert.session)).text(), SUMMARY)
    assert.include((await get(portal.host, page, moderator)).text(), SUMMARY)
    ;(await get(portal.host, `/lawmaking/conclusions/${conclusion.id}/file`, moderator)).assertStatus(200)
    const publicPage = await get(portal.host, `/lawmaking/initiatives/${initiative.id}`)
    assert.include(publicPage.text(), `href="${page}"`)
    assert.include(publicPage.text(), 'data-conclusions="1"')
    assert.include(publicPage.text(), 'data-event="expert_invited"')
    assert.include(publicPage.text(), 'data-event="conclusion_filed"')
    assert.notInclude(publicPage.text(), SUMMARY)

    // forwarded: the conclusion goes with the initiative to the town, and only there
    await pump(all())
    ;(await postFrom(client, portal.host, moderator, `/lawmaking/initiatives/${initiative.id}`, `/lawmaking/initiatives/${initiative.id}/forward`, { target: 'kurganinsky/housing' })).response.assertStatus(302)
    await pump(all())
    const found = await inTenant(town.tenant, () => InitiativeCase.query().where('origin_tenant', portal.tenant.slug).where('origin_initiative_id', initiative.id).firstOrFail())
    const received = await inTenant(town.tenant, () => CaseConclusion.query().where('case_id', found.id))
    assert.lengthOf(received, 1)
    assert.equal(received[0].verdict, 'supported_with_remarks')
    assert.equal(received[0].summary, SUMMARY)
    assert.equal(received[0].expertName, 'Ольга Транспортова')
    assert.equal(received[0].originConclusionId, conclusion.id)
    assert.isTrue(received[0].fileKey.startsWith(`tenants/${town.tenant.slug}/lawmaking/conclusions/`))
    assert.deepEqual(Buffer.from(await drive.use().getBytes(received[0].fileKey)), signedPdf())
    assert.lengthOf(await inTenant(stranger.tenant, () => CaseConclusion.all()), 0, 'another municipality receives nothing')
    assert.include((await notificationsOf(town.tenant, 'lawmaking.initiative_conclusion_received')).map((row: any) => row.user_id), town.housingHead.id)

    // the department reads and downloads it; another department and another municipality get 404
    const housing = await sessionOf(client, town.host, town.housingHead.email)
    const casePage = await get(town.host, `/lawmaking/initiatives/inbox/${found.id}`, housing)
    casePage.assertStatus(200)
    assert.include(casePage.text(), SUMMARY)
    assert.include(casePage.text(), 'Ольга Транспортова')
    const fileLink = `/lawmaking/initiatives/inbox/${found.id}/conclusions/${received[0].id}/file`
    assert.include(casePage.text(), fileLink)
    const download = await get(town.host, fileLink, housing)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    const roads = await sessionOf(client, town.host, town.roadsHead.email)
    ;(await get(town.host, `/lawmaking/initiatives/inbox/${found.id}`, roads)).assertStatus(404)
    ;(await get(town.host, fileLink, roads)).assertStatus(404)
    const outsider = await sessionOf(client, stranger.host, stranger.head.email)
    ;(await get(stranger.host, fileLink, outsider)).assertStatus(404)

    // support is over: the public reads the conclusion and its file
    const afterwards = await get(portal.host, page)
    assert.include(afterwards.text(), SUMMARY)
    assert.notInclude(afterwards.text(), 'data-conclusion-hidden')
    ;(await get(portal.host, `/lawmaking/conclusions/${conclusion.id}/file`)).assertStatus(200)

    // an expert invited after forwarding: the conclusion reaches the town at once
    ;(await postFrom(client, portal.host, moderator, page, `${page}/invite`, { field: 'transport', 'experts[0]': String(late.profile.id) })).response.assertStatus(302)
    const second = await inTenant(portal.tenant, () => PublicExpertInvitation.query().where('initiative_id', initiative.id).where('expert_id', late.profile.id).firstOrFail())
    ;(await postFrom(client, portal.host, late.session, `/lawmaking/expertise/${second.id}`, `/lawmaking/expertise/${second.id}/accept`, {})).response.assertStatus(302)
    ;(await postConclusion(client, portal.host, late.session, second.id, { verdict: 'supported', summary: LATE_SUMMARY, file: { buffer: signedPdf(64), filename: 'pozdnee.pdf' } })).assertStatus(302)
    await pump(all())
    const both = await inTenant(town.tenant, () => CaseConclusion.query().where('case_id', found.id).orderBy('id'))
    assert.deepEqual(both.map((row) => row.summary), [SUMMARY, LATE_SUMMARY])
    assert.deepEqual(Buffer.from(await drive.use().getBytes(both[1].fileKey)), signedPdf(64))
    assert.include((await get(portal.host, page)).text(), LATE_SUMMARY)

    // forged: from a body (not a portal), and from the portal for a case the other municipality does not hold
    const forged = {
      initiativeId: initiative.id,
      conclusionId: conclusion.id + 1000,
      key: invitation.key,
      verdict: 'not_supported' as const,
      summary: 'Подделка',
      file: { key: conclusion.fileKey, mimeType: 'application/pdf', name: 'fake.pdf', size: 10 },
      expertName: 'Самозванец',
      expertOrganisation: 'Нигде',
      filedAt: new Date().toISOString(),
    }
    await inTenant(stranger.tenant, () => tenantDb().transaction((trx) => bus.send(trx, { to: town.tenant.slug, type: 'lawmaking.initiative_conclusion_filed', payload: forged })))
    await inTenant(portal.tenant, () => tenantDb().transaction((trx) => bus.send(trx, { to: stranger.tenant.slug, type: 'lawmaking.initiative_conclusion_filed', payload: forged })))
    await pump(all())
    assert.lengthOf(await inTenant(town.tenant, () => CaseConclusion.query().where('case_id', found.id)), 2, 'a body cannot forge a conclusion')
    assert.lengthOf(await inTenant(stranger.tenant, () => CaseConclusion.all()), 0, 'nor is one kept for a case the body does not hold')

    // the timeline of the initiative, in order
    const kinds = await inTenant(portal.tenant, async () => (await tenantDb().from('lawmaking_initiative_events').where('initiative_id', initiative.id).orderBy('id')).map((row) => row.kind))
    assert.deepEqual(kinds, ['submitted', 'published', 'expert_invited', 'conclusion_filed', 'forwarded', 'received', 'expert_invited', 'conclusion_filed'])

    // answered: no more invitations (409)
    await inTenant(town.tenant, () => new AnswerInitiative().handle(found.id, { answer: 'rejected', reason: 'Освещение переходов уже предусмотрено программой.' }, town.housingHead, systemActor('test')))
    await pump(all())
    assert.equal((await inTenant(portal.tenant, () => Initiative.findOrFail(initiative.id))).status, 'answered')
    const closed = await postJson(client, portal.host, moderator, page, `${page}/invite`, { field: 'housing', 'experts[0]': String(expert.profile.id) })
    closed.assertStatus(409)
  })

  test('the expert is reminded 3 days before and on the due day, the moderators are told once it is overdue; each once', async ({ assert, client }) => {
    const get = reader(client)
    const initiative = await publishedInitiative('Скамейки на остановках')
    const [invitation] = await inTenant(portal.tenant, () => inviteExpertsFromPortal({ kind: 'initiative', id: initiative.id }, 'transport', [expert.profile.id], portal.moderator, systemActor('test')))
    const due = invitation.dueOn
    // noon (region time) of a day counted from the due day: never the real date
    const at = (days: number) => DateTime.fromISO(due.toISODate()!, { zone: REGION_ZONE }).plus({ days }).set({ hour: 12 }).toISO()!
    const run = (days: number) => inTenant(portal.tenant, () => new RemindExpertsJob().handle({ now: at(days) }))

    assert.deepEqual(await run(-4), { soon: 0, onDay: 0, flagged: 0 })
    assert.deepEqual(await run(-3), { soon: 1, onDay: 0, flagged: 0 })
    assert.deepEqual(await run(-2), { soon: 0, onDay: 0, flagged: 0 }, 'reminded once')
    assert.deepEqual(await run(0), { soon: 0, onDay: 1, flagged: 0 })
    assert.deepEqual(await run(1), { soon: 0, onDay: 0, flagged: 1 })
    assert.deepEqual(await run(2), { soon: 0, onDay: 0, flagged: 0 })
    const soon = await notificationsOf(portal.tenant, 'lawmaking.initiative_expertise_due_soon')
    const today = await notificationsOf(portal.tenant, 'lawmaking.initiative_expertise_due_today')
    assert.deepEqual(soon.map((row: any) => [row.user_id, row.link]), [[expert.profile.userId, `/lawmaking/expertise/${invitation.id}`]])
    assert.deepEqual(today.map((row: any) => row.user_id), [expert.profile.userId])
    const overdue = await notificationsOf(portal.tenant, 'lawmaking.initiative_expertise_overdue')
    assert.sameMembers(overdue.map((row: any) => row.user_id), [portal.moderator.id, portal.admin.id])
    assert.isTrue(overdue.every((row: any) => row.link === `/lawmaking/initiatives/${initiative.id}/expertise`))

    // the expertise page marks it once the due day has passed (by the app's clock)
    await inTenant(portal.tenant, () => PublicExpertInvitation.query().where('id', invitation.id).update({ due_on: regionToday().minus({ days: 1 }).toISODate() }))
    const page = await get(portal.host, `/lawmaking/initiatives/${initiative.id}/expertise`)
    assert.include(page.text(), 'data-overdue')
  })
})
