import { test } from '@japa/runner'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { postFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { postMultipart, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { DateTime, draftForm, receivedRemarks, remarkOn } from '#tests/helpers/lawmaking_office'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'

let portal: ProblemsPortal
let block: ProblemsBlock
let stranger: ProblemsBlock
let draftId: number
let remark: ReceivedRemark
const all = () => [portal.tenant, block.tenant, stranger.tenant]

test.group('Lawmaking | office | who reaches a draft', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmi_portal')
    block = await lawmakingBlock('lmi_block')
    stranger = await lawmakingBlock('lmi_stranger')
    // a draft of the roads department with a remark, in the reaction stage
    draftId = await publishedDraft(block)
    await pump(all())
    await remarkOn(portal, block, draftId, portal.citizen, 'Статья 1', { text: 'Уточнить круг отношений' })
    await pump(all())
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    ;[remark] = await receivedRemarks(block, draftId)
  })

  test("another department's head gets 404 on the page, the edit form, the redline and a decision", async ({ assert, client }) => {
    const session = await sessionOf(client, block.host, block.lightingHead.email)
    for (const path of [`/lawmaking/office/drafts/${draftId}`, `/lawmaking/office/drafts/${draftId}/edit`, `/lawmaking/office/drafts/${draftId}/redline?from=1&to=1`]) {
      ;(await client.get(path).header('host', block.host).withCookie(SESSION_COOKIE, session)).assertStatus(404)
    }
    const inbox = await client.get('/lawmaking/office/drafts').header('host', block.host).withCookie(SESSION_COOKIE, session)
    inbox.assertStatus(200)
    assert.notInclude(inbox.text(), 'О поддержке добровольчества')
    const { response } = await postFrom(client, block.host, session, '/lawmaking/office/drafts', `/lawmaking/office/drafts/${draftId}/remarks/${remark.id}/decision`, { decision: 'accepted' })
    response.assertStatus(404)
    for (const action of ['publish', 'complete']) {
      ;(await postFrom(client, block.host, session, '/lawmaking/office/drafts', `/lawmaking/office/drafts/${draftId}/${action}`, {})).response.assertStatus(404)
    }
    assert.isNull((await inTenant(block.tenant, () => ReceivedRemark.findOrFail(remark.id))).decision)
  })

  test("a remark is decided only through its own draft; the department's executor and the body's head may", async ({ assert, client }) => {
    // the lighting department's own draft does not open the roads department's remark
    const lighting = await sessionOf(client, block.host, block.lightingHead.email)
    const own = await postMultipart(client, block.host, lighting, '/lawmaking/office/drafts/new', '/lawmaking/office/drafts', draftForm(block.departments.lighting.id, block.lightingHead.id, { title: 'О наружном освещении улиц' }))
    own.assertStatus(302)
    const ownId = Number(String(own.header('location')).split('/').pop())
    ;(await postFrom(client, block.host, lighting, `/lawmaking/office/drafts/${ownId}`, `/lawmaking/office/drafts/${ownId}/remarks/${remark.id}/decision`, { decision: 'accepted' })).response.assertStatus(404)

    const executor = await sessionOf(client, block.host, block.roadsExecutor.email)
    ;(await client.get(`/lawmaking/office/drafts/${draftId}`).header('host', block.host).withCookie(SESSION_COOKIE, executor)).assertStatus(200)
    const head = await sessionOf(client, block.host, block.head.email)
    const page = await client.get(`/lawmaking/office/drafts/${draftId}`).header('host', block.host).withCookie(SESSION_COOKIE, head)
    page.assertStatus(200)
    assert.include(page.text(), `/remarks/${remark.id}/decision`)
  })

  test("a department names only itself as the developer; the body's head names any", async ({ assert, client }) => {
    const lighting = await sessionOf(client, block.host, block.lightingHead.email)
    const forged = await postMultipart(client, block.host, lighting, '/lawmaking/office/drafts/new', '/lawmaking/office/drafts', draftForm(block.departments.roads.id, block.roadsHead.id, { title: 'Чужой проект' }))
    forged.assertStatus(403)
    // the responsible person works in the developer department
    const head = await sessionOf(client, block.host, block.head.email)
    const form = await client.get('/lawmaking/office/drafts/new').header('host', block.host).withCookie(SESSION_COOKIE, head)
    assert.include(form.text(), 'Департамент ЖКХ')
    assert.include(form.text(), 'Министерство транспорта и дорог')
    const mismatched = await postMultipart(client, block.host, head, '/lawmaking/office/drafts/new', '/lawmaking/office/drafts', draftForm(block.departments.roads.id, block.lightingHead.id, { title: 'Проект с чужим ответственным' }))
    mismatched.assertStatus(302)
    const again = await client.get('/lawmaking/office/drafts/new').header('host', block.host).withCookie(SESSION_COOKIE, head)
    assert.include(again.text(), 'Ответственный должен быть действующим сотрудником подразделения-разработчика')
  })

  test('a user of another block, a citizen of the portal and a controller do not reach the drafts', async ({ client }) => {
    const elsewhere = await sessionOf(client, stranger.host, stranger.roadsHead.email)
    ;(await client.get(`/lawmaking/office/drafts/${draftId}`).header('host', stranger.host).withCookie(SESSION_COOKIE, elsewhere)).assertStatus(404)
    // the block's cookie is host-only: the stranger's session is nobody in this block
    const foreignCookie = await client.get(`/lawmaking/office/drafts/${draftId}`).header('host', block.host).withCookie(SESSION_COOKIE, elsewhere).redirects(0)
    foreignCookie.assertStatus(302)

    const citizen = await sessionOf(client, portal.host, portal.citizen.email)
    ;(await client.get('/lawmaking/office/drafts/new').header('host', portal.host).withCookie(SESSION_COOKIE, citizen)).assertStatus(404)
    ;(await client.get(`/lawmaking/office/drafts/${draftId}/edit`).header('host', portal.host).withCookie(SESSION_COOKIE, citizen)).assertStatus(404)

    const controller = await ensureUser(block.tenant, 'controller', 'controller@lmi-block.test')
    const session = await sessionOf(client, block.host, controller.email)
    ;(await client.get('/lawmaking/office/drafts').header('host', block.host).withCookie(SESSION_COOKIE, session)).assertStatus(403)
    ;(await client.get(`/lawmaking/office/drafts/${draftId}`).header('host', block.host).withCookie(SESSION_COOKIE, session)).assertStatus(403)
  })
})
