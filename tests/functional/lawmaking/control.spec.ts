import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { regionToday } from '#core/region_time'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import { ensureTenant, ensureUser, hostOf, inTenant, rollupReady } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import type Tenant from '#tenancy/tenant'

let portal: ProblemsPortal
let block: ProblemsBlock
let control: Tenant

test.group('Lawmaking | the Department of Control sees every body through the rollup', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmc_portal')
    block = await lawmakingBlock('lmc_block')
    control = await ensureTenant('lmc_control', 'control')
  })
  group.each.setup(() => rollupReady())

  test('drafts by stage, remarks decided, an overdue reaction; no remark text or author', async ({ assert, client }) => {
    const draftId = await publishedDraft(block)
    await pump([portal.tenant, block.tenant])
    const copy = await inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', block.tenant.slug).where('origin_draft_id', draftId).firstOrFail())
    const clause = await inTenant(portal.tenant, () => tenantDb().from('lawmaking_public_clauses').where('label', 'Статья 1').select('clause_key').first())
    await inTenant(portal.tenant, () => new SubmitRemark().handle(copy.id, { clauseKey: clause.clause_key, text: 'Секретный текст замечания' }, portal.citizen))
    await pump([portal.tenant, block.tenant])
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    // the day to decide by has passed with the remark undecided
    await inTenant(block.tenant, () => tenantDb().from('lawmaking_drafts').where('id', draftId).update({ decide_by: regionToday().minus({ days: 1 }).toISODate() }))

    const head = await ensureUser(control, 'head', 'head@lmc-control.test')
    const { session } = await signIn(client, hostOf(control), head.email)
    const page = await client.get('/control/lawmaking').header('host', hostOf(control)).withCookie(SESSION_COOKIE, session!)
    page.assertStatus(200)
    const html = page.text()
    assert.match(html, new RegExp(`data-body="${block.tenant.slug}"[^]*?<td class="num">0</td>\\s*<td class="num">0</td>\\s*<td class="num">1</td>`))
    assert.include(html, `data-overdue-draft="${block.tenant.slug}/${draftId}"`)
    assert.include(html, 'О поддержке добровольчества в Краснодарском крае')
    assert.notInclude(html, 'Секретный текст замечания')

    const columns = await inTenant(control, () =>
      tenantDb().from('information_schema.columns').where('table_schema', 'rollup').where('table_name', 'lawmaking_received_remarks').select('column_name')
    )
    assert.sameMembers(columns.map((row: any) => row.column_name), ['block', 'id', 'draft_id', 'version_number', 'received_at', 'decision', 'decided_at'])
  })

  test('people of a body or the portal cannot open the page', async ({ client }) => {
    const { session } = await signIn(client, block.host, block.head.email)
    const response = await client.get('/control/lawmaking').header('host', block.host).withCookie(SESSION_COOKIE, session!)
    response.assertStatus(404)
  })
})
