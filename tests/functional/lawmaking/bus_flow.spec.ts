import { test } from '@japa/runner'
import { systemActor } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import Remark from '#modules/lawmaking/models/remark'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import Draft from '#modules/lawmaking/models/draft'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { clauseKeyOf } from '#tests/helpers/lawmaking_portal'

let portal: ProblemsPortal
let block: ProblemsBlock
let stranger: ProblemsBlock
const all = () => [portal.tenant, block.tenant, stranger.tenant]

function publicCopy(draftId: number, from = block) {
  return inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', from.tenant.slug).where('origin_draft_id', draftId).firstOrFail())
}

const clauseKey = (publicDraftId: number, label: string) => clauseKeyOf(portal, publicDraftId, label)

test.group('Lawmaking | across a block and the portal', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lm_portal')
    block = await lawmakingBlock('lm_block')
    stranger = await lawmakingBlock('lm_stranger')
  })

  test('publish → remark → period ends → decide every remark → version 2 keeps the keys → timeline', async ({ assert }) => {
    const draftId = await publishedDraft(block)
    await pump(all())
    const copy = await publicCopy(draftId)
    assert.equal(copy.stage, 'discussion')
    assert.equal(copy.currentVersion, 1)
    assert.equal(copy.developerNameRu, 'Министерство транспорта и дорог')
    const article1 = await clauseKey(copy.id, 'Статья 1')

    const remark = await inTenant(portal.tenant, () =>
      new SubmitRemark().handle(copy.id, { clauseKey: article1, text: 'Уточнить круг отношений', proposedWording: 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.', reason: 'Точнее', fragment: 'регулирует отношения' }, portal.citizen)
    )
    const reply = await inTenant(portal.tenant, () => new SubmitRemark().handle(copy.id, { clauseKey: article1, text: 'Согласен', parentId: remark.id }, portal.neighbour))
    await pump(all())
    const received = await inTenant(block.tenant, () => ReceivedRemark.query().where('draft_id', draftId))
    assert.lengthOf(received, 1, 'the remark reaches the developer, the reply stays in the portal')
    assert.equal(received[0].originRemarkId, remark.id)
    assert.equal(received[0].proposedWording, 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.')
    assert.notEqual(received[0].authorName, portal.citizen.email)
    assert.lengthOf(await inTenant(stranger.tenant, () => ReceivedRemark.all()), 0, 'another block receives nothing')
    assert.equal(reply.parentId, remark.id)

    // deciding before the period ends is refused; publishing a new version too
    await assert.rejects(() => inTenant(block.tenant, () => new DecideRemark().handle(received[0].id, { decision: 'accepted' }, block.roadsHead, systemActor('test'))), /decide_after_period/)
    await assert.rejects(() => inTenant(block.tenant, () => new PublishVersion().handle(draftId, {}, block.roadsHead, systemActor('test'))), /discussion_open/)

    // the period ends: the hourly job moves the draft to the reaction stage, once
    assert.equal(await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod()))), 1)
    assert.equal(await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod()))), 0)
    const reacting = await inTenant(block.tenant, () => Draft.findOrFail(draftId))
    assert.equal(reacting.stage, 'reaction')
    assert.isNotNull(reacting.decideBy)
    await pump(all())
    assert.equal((await publicCopy(draftId)).stage, 'reaction')
    await assert.rejects(
      () => inTenant(portal.tenant, () => new SubmitRemark().handle(copy.id, { clauseKey: article1, text: 'Поздно' }, portal.neighbour)),
      /lawmaking.errors.closed/
    )

    // a new version waits for every decision; a rejection needs a reason
    await inTenant(block.tenant, () => new SaveDraft().handle({ ...(draftInput(reacting)), text: VOLUNTEERS_LAW.replace('регулирует отношения', 'регулирует общественные отношения') }, block.roadsHead, systemActor('test'), draftId))
    await assert.rejects(() => inTenant(block.tenant, () => new PublishVersion().handle(draftId, {}, block.roadsHead, systemActor('test'))), /undecided/)
    const unexplained = await inTenant(block.tenant, () => new DecideRemark().handle(received[0].id, { decision: 'rejected' }, block.roadsHead, systemActor('test'))).catch((error) => error)
    assert.equal(unexplained.messages?.[0]?.field, 'reason')
    await inTenant(block.tenant, () => new DecideRemark().handle(received[0].id, { decision: 'accepted' }, block.roadsHead, systemActor('test')))
    const { version } = await inTenant(block.tenant, () => new PublishVersion().handle(draftId, { changeSummary: 'Учтено замечание к статье 1' }, block.roadsHead, systemActor('test')))
    assert.equal(version.number, 2)
    await pump(all())

    const final = await publicCopy(draftId)
    assert.equal(final.currentVersion, 2)
    assert.equal(final.stage, 'completed')
    assert.equal(await clauseKey(copy.id, 'Статья 1'), article1, 'the edited clause keeps its key')
    const decided = await inTenant(portal.tenant, () => Remark.findOrFail(remark.id))
    assert.equal(decided.decision, 'accepted')
    const timeline = await inTenant(portal.tenant, () => tenantDb().from('lawmaking_events').where('draft_id', copy.id).orderBy('id').select('kind'))
    assert.deepEqual(timeline.map((row: any) => row.kind), ['version_published', 'discussion_opened', 'discussion_closed', 'remark_decided', 'version_published', 'completed'])
    await assert.rejects(() => inTenant(portal.tenant, () => tenantDb().from('lawmaking_events').where('draft_id', copy.id).delete()), /append-only/)
  })

  test('a period shorter than the minimum is refused per field', async ({ assert }) => {
    const error = await publishedDraft(block, block.roadsHead, 14).catch((caught) => caught)
    assert.equal(error.code, 'E_VALIDATION_ERROR')
    assert.equal(error.messages[0].field, 'consultationEndsOn')
  })
})

function draftInput(draft: Draft) {
  return {
    title: draft.title,
    kind: draft.kind,
    level: draft.level,
    subjectArea: draft.subjectArea,
    departmentId: draft.departmentId,
    responsibleId: draft.responsibleId,
    explanatoryNote: draft.explanatoryNote,
  }
}
