import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import Draft from '#modules/lawmaking/models/draft'
import { remindReactions } from '#modules/lawmaking/jobs/remind_reactions_job'
import { inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { publishedPortalDraft } from '#tests/helpers/lawmaking_portal'

let portal: ProblemsPortal
let block: ProblemsBlock

function notices(kind: string) {
  return inTenant(block.tenant, async () =>
    (await tenantDb().from('notifications').where('kind', kind).select('user_id').orderBy('user_id')).map((row: any) => row.user_id as number)
  )
}

test.group('Lawmaking | reminders of the reaction to remarks', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmr_portal')
    block = await lawmakingBlock('lmr_block')
  })

  test('the department is reminded before the day to decide by, the heads are told once it has passed; each once', async ({ assert }) => {
    const draft = await publishedPortalDraft(portal, block)
    await inTenant(portal.tenant, () => new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text: 'Нужна поправка' }, portal.citizen))
    await pump([portal.tenant, block.tenant])
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    const decideBy = (await inTenant(block.tenant, () => Draft.findOrFail(draft.originId))).decideBy!

    // four days ahead: nothing yet; three days ahead: the department, once
    assert.deepEqual(await inTenant(block.tenant, () => remindReactions(decideBy.minus({ days: 4 }))), { reminded: 0, escalated: 0 })
    await inTenant(block.tenant, () => remindReactions(decideBy.minus({ days: 3 })))
    await inTenant(block.tenant, () => remindReactions(decideBy.minus({ days: 1 })))
    const department = [block.roadsHead.id, block.roadsExecutor.id].sort((a, b) => a - b)
    assert.deepEqual(await notices('lawmaking.reaction_due'), department)
    assert.deepEqual(await notices('lawmaking.reaction_overdue'), [])

    // the day after: the body's head and the department's head, once
    await inTenant(block.tenant, () => remindReactions(decideBy.plus({ days: 1 })))
    await inTenant(block.tenant, () => remindReactions(decideBy.plus({ days: 2 })))
    assert.deepEqual(await notices('lawmaking.reaction_overdue'), [block.head.id, block.roadsHead.id].sort((a, b) => a - b))
    assert.deepEqual(await notices('lawmaking.reaction_due'), department)
  })
})
