import { test } from '@japa/runner'
import { systemActor } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { moderateRemark } from '#modules/lawmaking/actions/moderate_remark'
import { remarkCounts } from '#modules/lawmaking/services/public_drafts'
import { summaryVersions } from '#modules/lawmaking/services/published_summaries'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import { inTenant } from '#tests/helpers/tenants'
import { problemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock } from '#tests/helpers/lawmaking'
import { publishedPortalDraft } from '#tests/helpers/lawmaking_portal'

test.group('Lawmaking | kept counts of remarks', () => {
  test('remarks count per clause and version as made, hidden and shown again; replies do not count', async ({ assert }) => {
    const portal = await problemsPortal('lmk_portal')
    const block = await lawmakingBlock('lmk_block')
    const draft = await publishedPortalDraft(portal, block)
    const counts = () => inTenant(portal.tenant, async () => Object.fromEntries(await remarkCounts(draft.id, 1)))
    const submit = (text: string, who = portal.citizen, parentId?: number) =>
      inTenant(portal.tenant, () => new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text, parentId }, who))

    const first = await submit('Первое замечание')
    await submit('Второе замечание', portal.neighbour)
    await submit('Ответ на первое', portal.neighbour, first.id)
    assert.deepEqual(await counts(), { [draft.article1]: 2 })

    await inTenant(portal.tenant, () => moderateRemark(first.id, true, 'Оскорбление', systemActor('test')))
    assert.deepEqual(await counts(), { [draft.article1]: 1 })
    await inTenant(portal.tenant, () => moderateRemark(first.id, false, null, systemActor('test')))
    assert.deepEqual(await counts(), { [draft.article1]: 2 })

    // the summary's list of versions counts every top-level remark, hidden ones too
    await inTenant(portal.tenant, () => moderateRemark(first.id, true, 'Оскорбление', systemActor('test')))
    const copy = await inTenant(portal.tenant, () => PublicDraft.findOrFail(draft.id))
    assert.deepEqual(await inTenant(portal.tenant, () => summaryVersions(copy)), [{ number: 1, remarks: 2, ended: false }])
    // the kept counts agree with a count of the remarks themselves
    const counted = await inTenant(portal.tenant, () =>
      tenantDb().from('lawmaking_remarks').where('draft_id', draft.id).whereNull('parent_id').whereNull('hidden_at').count('* as total').first()
    )
    assert.equal(Number(counted?.total), 1)
    assert.deepEqual(await counts(), { [draft.article1]: 1 })
  })
})
