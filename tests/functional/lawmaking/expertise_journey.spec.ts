import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import { tenantCalendar } from '#modules/orders/services/tenant_calendar'
import { tenantDb } from '#tenancy/tenant_model'
import Draft from '#modules/lawmaking/models/draft'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import ExpertEntry from '#modules/lawmaking/models/expert_entry'
import ExpertInvitation from '#modules/lawmaking/models/expert_invitation'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import Conclusion from '#modules/lawmaking/models/conclusion'
import ConclusionRemark from '#modules/lawmaking/models/conclusion_remark'
import ReceivedConclusion from '#modules/lawmaking/models/conclusion_received'
import { currentClauses } from '#modules/lawmaking/actions/expertise/file_conclusion'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { postFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { postConclusion, signedPdf, verifiedExpert } from '#tests/helpers/expertise'
import i18nManager from '@adonisjs/i18n/services/main'
import { summaryOfProposals, summaryRemarks, writeSummaryXlsx } from '#modules/lawmaking/exports/summary_of_proposals'
import { summaryStamp } from '#modules/lawmaking/services/published_summaries'
import { collectStream, openpyxlRows } from '#tests/helpers/documents'

let portal: ProblemsPortal
let block: ProblemsBlock
let stranger: ProblemsBlock
const all = () => [portal.tenant, block.tenant, stranger.tenant]

function publicCopy(draftId: number) {
  return inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', block.tenant.slug).where('origin_draft_id', draftId).firstOrFail())
}

/** The key of a clause of the draft's current version, as the portal keeps it. */
function clauseKey(copy: PublicDraft, label: string) {
  return inTenant(portal.tenant, async () => (await currentClauses(tenantDb(), copy)).find((clause) => clause.label === label)!.clause_key)
}

test.group('Lawmaking | expertise | apply → verify → invite → conclude → decide', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lx_portal')
    block = await lawmakingBlock('lx_block')
    stranger = await lawmakingBlock('lx_stranger')
  })

  test('an expert concludes on a block’s draft over the bus; the remark waits for a decision; the conclusion is public after the discussion', async ({ assert, client }) => {
    await ensureUser(portal.tenant, 'citizen', 'expert@lx-portal.test')
    await ensureUser(portal.tenant, 'citizen', 'other-expert@lx-portal.test')
    const { profile, session: expert } = await verifiedExpert(client, portal, 'expert@lx-portal.test', ['transport', 'social'])
    assert.equal(profile.status, 'verified')
    assert.deepEqual(profile.fields, ['transport', 'social'])
    const { session: otherExpert } = await verifiedExpert(client, portal, 'other-expert@lx-portal.test', ['transport'], 'Пётр Другой')
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'lawmaking.expert_verified').where('subject_id', String(profile.id)).first())
    assert.exists(audit, 'the verification is audited')

    // the registry reaches the block (public name, organisation, fields; no e-mail)
    await pump(all())
    const entries = await inTenant(block.tenant, () => ExpertEntry.query().where('portal_slug', portal.tenant.slug).orderBy('expert_id'))
    assert.deepEqual(entries.map((entry) => entry.expertId).sort(), [profile.id, profile.id + 1].sort())
    const entry = entries.find((candidate) => candidate.expertId === profile.id)!
    assert.equal(entry.publicName, 'Иван Экспертов')
    assert.notInclude(JSON.stringify(entries), '@lx-portal.test')

    const draftId = await publishedDraft(block)
    await pump(all())
    const copy = await publicCopy(draftId)

    // the developer chooses a field, sees its experts, invites one
    const developer = await sessionOf(client, block.host, block.roadsHead.email)
    const page = await client.get(`/lawmaking/office/drafts/${draftId}/experts`).qs({ field: 'social' }).header('host', block.host).withCookie(SESSION_COOKIE, developer)
    page.assertStatus(200)
    assert.include(page.text(), 'Иван Экспертов')
    assert.notInclude(page.text(), 'Пётр Другой', 'only experts of the chosen field')
    const invited = await postFrom(client, block.host, developer, `/lawmaking/office/drafts/${draftId}/experts?field=social`, `/lawmaking/office/drafts/${draftId}/experts`, {
      field: 'social',
      'experts[0]': String(entry.id),
    })
    invited.response.assertStatus(302)
    const sent = await inTenant(block.tenant, () => ExpertInvitation.query().where('draft_id', draftId).firstOrFail())
    assert.equal(sent.status, 'invited')
    // 10 working days on the block's production calendar
    const dueOn = await inTenant(block.tenant, async () => (await tenantCalendar()).addWorkingDays(regionToday(), 10))
    assert.equal(sent.dueOn.toISODate(), dueOn.toISODate())

    // another department's head does not see the page
    const lighting = await sessionOf(client, block.host, block.lightingHead.email)
    ;(await client.get(`/lawmaking/office/drafts/${draftId}/experts`).header('host', block.host).withCookie(SESSION_COOKIE, lighting)).assertStatus(404)

    await pump(all())
    const invitation = await inTenant(portal.tenant, () => PublicExpertInvitation.query().where('key', sent.key).firstOrFail())
    assert.equal(invitation.expertId, profile.id)
    assert.equal(invitation.dueOn.toISODate(), sent.dueOn.toISODate())
    const queue = await client.get('/lawmaking/expertise').header('host', portal.host).withCookie(SESSION_COOKIE, expert)
    assert.include(queue.text(), copy.title)

    // a non-invited expert cannot see or act on the invitation
    ;(await client.get(`/lawmaking/expertise/${invitation.id}`).header('host', portal.host).withCookie(SESSION_COOKIE, otherExpert)).assertStatus(404)

    const accepted = await postFrom(client, portal.host, expert, `/lawmaking/expertise/${invitation.id}`, `/lawmaking/expertise/${invitation.id}/accept`, {})
    accepted.response.assertStatus(302)
    await pump(all())
    assert.equal((await inTenant(block.tenant, () => ExpertInvitation.findOrFail(sent.id))).status, 'accepted')

    const article2 = await clauseKey(copy, 'Статья 2')
    const stray = await postConclusion(client, portal.host, otherExpert, invitation.id, { verdict: 'supported', summary: 'Проект поддерживается полностью.', file: { buffer: signedPdf(), filename: 'z.pdf' } })
    stray.assertStatus(404)

    const filed = await postConclusion(client, portal.host, expert, invitation.id, {
      verdict: 'supported_with_remarks',
      summary: 'Проект поддерживается при условии уточнения мер поддержки.',
      remarks: [{ clauseKey: article2, text: 'Добавить финансовую поддержку', proposedWording: '3) финансовую;' }],
      file: { buffer: signedPdf(), filename: 'zaklyuchenie.pdf' },
    })
    filed.assertStatus(302)
    assert.match(String(filed.header('location')), new RegExp(`/lawmaking/expertise/${invitation.id}$`))
    const conclusion = await inTenant(portal.tenant, () => Conclusion.query().where('invitation_id', invitation.id).preload('remarks').firstOrFail())
    assert.lengthOf(conclusion.remarks, 1)

    // during the discussion: the public does not see the conclusion; the expert and moderators do
    const anonymous = await client.get(`/lawmaking/drafts/${copy.id}/expertise`).header('host', portal.host)
    anonymous.assertStatus(200)
    assert.include(anonymous.text(), 'Иван Экспертов')
    assert.notInclude(anonymous.text(), 'при условии уточнения')
    assert.include(anonymous.text(), 'data-conclusion-hidden')
    ;(await client.get(`/lawmaking/conclusions/${conclusion.id}/file`).header('host', portal.host)).assertStatus(404)
    const own = await client.get(`/lawmaking/drafts/${copy.id}/expertise`).header('host', portal.host).withCookie(SESSION_COOKIE, expert)
    assert.include(own.text(), 'при условии уточнения')
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    assert.include((await client.get(`/lawmaking/drafts/${copy.id}/expertise`).header('host', portal.host).withCookie(SESSION_COOKIE, moderator)).text(), 'при условии уточнения')

    // the block gets the conclusion, its file and a remark needing a decision; the other block nothing
    await pump(all())
    const received = await inTenant(block.tenant, () => ReceivedConclusion.query().where('draft_id', draftId).firstOrFail())
    assert.equal(received.verdict, 'supported_with_remarks')
    assert.isTrue(received.fileKey.startsWith(`tenants/${block.tenant.slug}/lawmaking/conclusions/`))
    assert.deepEqual(Buffer.from(await drive.use().getBytes(received.fileKey)), signedPdf())
    const download = await client.get(`/lawmaking/office/drafts/${draftId}/conclusions/${received.id}/file`).header('host', block.host).withCookie(SESSION_COOKIE, developer)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    const expertRemarks = await inTenant(block.tenant, () => ReceivedRemark.query().where('draft_id', draftId).where('source', 'expert'))
    assert.lengthOf(expertRemarks, 1)
    assert.isNull(expertRemarks[0].decision)
    assert.equal(expertRemarks[0].proposedWording, '3) финансовую;')
    assert.equal(expertRemarks[0].conclusionId, received.id)
    assert.equal((await inTenant(block.tenant, () => ExpertInvitation.findOrFail(sent.id))).status, 'concluded')
    for (const table of ['lawmaking_expert_invitations', 'lawmaking_received_conclusions', 'lawmaking_received_remarks']) {
      const row = await inTenant(stranger.tenant, () => tenantDb().from(table).count('* as total').first())
      assert.equal(Number(row.total), 0, `another block receives nothing (${table})`)
    }
    const officePage = await client.get(`/lawmaking/office/drafts/${draftId}/experts`).header('host', block.host).withCookie(SESSION_COOKIE, developer)
    assert.include(officePage.text(), 'Добавить финансовую поддержку')

    // a summary of proposals made during the discussion leaves the experts' remarks out, as the public pages do
    const during = (await inTenant(portal.tenant, () => summaryOfProposals(copy.id, 1)))!
    assert.isFalse(during.withExperts)
    assert.equal(during.counts.total, 0)
    const stampDuring = await inTenant(portal.tenant, () => summaryStamp(copy.id, 1))

    // the period ends: a new version waits until the expert's remark is decided
    assert.equal(await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod()))), 1)
    const reacting = await inTenant(block.tenant, () => Draft.findOrFail(draftId))
    await inTenant(block.tenant, () =>
      new SaveDraft().handle(
        {
          title: reacting.title,
          kind: reacting.kind,
          level: reacting.level,
          subjectArea: reacting.subjectArea,
          departmentId: reacting.departmentId,
          responsibleId: reacting.responsibleId,
          explanatoryNote: reacting.explanatoryNote,
          text: VOLUNTEERS_LAW.replace('2) консультационную.', '2) консультационную;\n3) финансовую.'),
        },
        block.roadsHead,
        systemActor('test'),
        draftId
      )
    )
    await assert.rejects(() => inTenant(block.tenant, () => new PublishVersion().handle(draftId, {}, block.roadsHead, systemActor('test'))), /undecided/)
    await inTenant(block.tenant, () => new DecideRemark().handle(expertRemarks[0].id, { decision: 'accepted' }, block.roadsHead, systemActor('test')))
    await pump(all())

    // after the discussion: public, with the decision
    const decided = await inTenant(portal.tenant, () => ConclusionRemark.findOrFail(conclusion.remarks[0].id))
    assert.equal(decided.decision, 'accepted')
    const publicPage = await client.get(`/lawmaking/drafts/${copy.id}/expertise`).header('host', portal.host)
    assert.include(publicPage.text(), 'при условии уточнения')
    assert.include(publicPage.text(), 'data-decision="accepted"')
    ;(await client.get(`/lawmaking/conclusions/${conclusion.id}/file`).header('host', portal.host)).assertStatus(200)

    // …and in the summary of proposals, under its clause, named as an expert, with the decision; the old file is out of date
    const after = (await inTenant(portal.tenant, () => summaryOfProposals(copy.id, 1)))!
    assert.isTrue(after.withExperts)
    assert.deepInclude(after.counts, { total: 1, accepted: 1, undecided: 0 })
    const listed = await inTenant(portal.tenant, async () => {
      const remarks = []
      for await (const batch of summaryRemarks(after)) remarks.push(...batch)
      return remarks
    })
    assert.deepEqual(
      listed.map((remark) => [remark.source, remark.clauseLabel, remark.text, remark.proposedWording, remark.decision, remark.authorName]),
      [['expert', 'Статья 2', 'Добавить финансовую поддержку', '3) финансовую;', 'accepted', 'Иван Экспертов (Кубанский государственный университет)']]
    )
    assert.notEqual((await inTenant(portal.tenant, () => summaryStamp(copy.id, 1))).value, stampDuring.value)
    const xlsx = await inTenant(portal.tenant, () => collectStream((output) => writeSummaryXlsx(after, output, i18nManager.locale('ru'))))
    const authorCells = (await openpyxlRows(xlsx)).flat().map((cell) => String(cell.value ?? ''))
    assert.include(authorCells, 'Иван Экспертов (Кубанский государственный университет), эксперт')

    const { version } = await inTenant(block.tenant, () => new PublishVersion().handle(draftId, { changeSummary: 'Учтено заключение эксперта' }, block.roadsHead, systemActor('test')))
    assert.equal(version.number, 2)
  })
})
