import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import Draft from '#modules/lawmaking/models/draft'
import Remark from '#modules/lawmaking/models/remark'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { inTenant } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { postMultipart, problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { DateTime, dayFromToday, draftForm, idFromLocation, printedDay, publicCopy, receivedRemarks, remarkOn } from '#tests/helpers/lawmaking_office'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

test.group('Lawmaking | office | a draft from the form to its second version', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmo_portal')
    block = await lawmakingBlock('lmo_block')
  })

  test('create → publish (period checked) → remarks arrive → period ends → decide on the page → version 2 → redline', async ({ assert, client }) => {
    const session = await sessionOf(client, block.host, block.roadsHead.email)
    const get = (path: string) => client.get(path).header('host', block.host).withCookie(SESSION_COOKIE, session)

    // the form: the department's own people, the hint on clause markers
    const form = await get('/lawmaking/office/drafts/new')
    form.assertStatus(200)
    assert.include(form.text(), '«Статья 1.»')
    assert.include(form.text(), block.roadsExecutor.fullName)
    assert.notInclude(form.text(), 'Департамент ЖКХ', 'only the own department is offered to its head')

    const fields = draftForm(block.departments.roads.id, block.roadsExecutor.id)
    const unparsable = await postMultipart(client, block.host, session, '/lawmaking/office/drafts/new', '/lawmaking/office/drafts', { ...fields, text: 'Статья 1. Первая\nСтатья 1. Опять первая' })
    unparsable.assertStatus(302)
    assert.include((await get('/lawmaking/office/drafts/new')).text(), 'Текст не разбивается на пункты')

    const created = await postMultipart(client, block.host, session, '/lawmaking/office/drafts/new', '/lawmaking/office/drafts', fields)
    created.assertStatus(302)
    const draftId = idFromLocation(created.header('location'))
    const draftPath = `/lawmaking/office/drafts/${draftId}`
    const prepared = await get(draftPath)
    prepared.assertStatus(200)
    assert.include(prepared.text(), 'Подготовленный текст редакции 1')
    assert.include(prepared.text(), 'Статья 2')
    assert.include(prepared.text(), `action="${draftPath}/publish"`)
    assert.notInclude(prepared.text(), `action="${draftPath}/complete"`)

    // a period shorter than 15 days: 422 on the end date, in Russian, naming the earliest end
    const short = await postJson(client, block.host, session, draftPath, `${draftPath}/publish`, { consultationStartsOn: dayFromToday(0), consultationEndsOn: dayFromToday(13) })
    short.assertStatus(422)
    assert.equal(short.body().errors[0].field, 'consultationEndsOn')
    assert.include(short.body().errors[0].message, `окончание не раньше ${printedDay(14)}`)
    const shortPage = await submitForm(client, block.host, session, draftPath, `${draftPath}/publish`, { consultationStartsOn: dayFromToday(0), consultationEndsOn: dayFromToday(13) })
    assert.include(shortPage.text(), `не менее 15 календарных дней: окончание не раньше ${printedDay(14)}`)
    assert.equal((await inTenant(block.tenant, () => Draft.findOrFail(draftId))).currentVersion, 0)

    const published = await submitForm(client, block.host, session, draftPath, `${draftPath}/publish`, { consultationStartsOn: dayFromToday(0), consultationEndsOn: dayFromToday(14) })
    published.assertStatus(200)
    assert.include(published.text(), 'Редакция 1 опубликована')
    assert.include(published.text(), 'Общественное обсуждение')
    assert.notInclude(published.text(), `action="${draftPath}/publish"`, 'nothing to publish while the discussion is open')

    // the text does not change during the discussion: 409 as JSON, a flash error on the page
    const editJson = await client.get(`${draftPath}/edit`).header('host', block.host).header('accept', 'application/json').withCookie(SESSION_COOKIE, session)
    editJson.assertStatus(409)
    assert.include(editJson.body().errors[0].message, `Идёт общественное обсуждение (до ${printedDay(14)})`)
    const editPage = await client.get(`${draftPath}/edit`).header('host', block.host).withCookie(SESSION_COOKIE, session).redirects(0)
    editPage.assertStatus(302)
    assert.include((await get(draftPath)).text(), `Идёт общественное обсуждение (до ${printedDay(14)})`)

    // the portal receives it; two citizens remark (one proposes a wording)
    await pump(all())
    const copy = await publicCopy(portal, block, draftId)
    assert.equal(copy.stage, 'discussion')
    const proposed = await remarkOn(portal, block, draftId, portal.citizen, 'Статья 1', {
      text: 'Уточнить круг отношений',
      proposedWording: 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.',
      reason: 'Точнее',
    })
    const plain = await remarkOn(portal, block, draftId, portal.neighbour, 'Статья 3', { text: 'Десяти дней мало для подготовки' })
    await pump(all())
    const [first, second] = await receivedRemarks(block, draftId)
    assert.equal(first.originRemarkId, proposed.id)
    assert.equal(second.originRemarkId, plain.id)

    const discussed = (await get(draftPath)).text()
    assert.include(discussed, 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.')
    assert.include(discussed, first.authorName)
    assert.include(discussed, 'data-clause-remarks="1"')
    assert.notInclude(discussed, `/remarks/${first.id}/decision`, 'no decisions before the period ends')
    const inbox = (await get('/lawmaking/office/drafts')).text()
    assert.match(inbox, new RegExp(`data-draft="${draftId}"[\\s\\S]*?${printedDay(0)} — ${printedDay(14)}`))

    // the period ends (the hourly job, run for the day after it)
    assert.equal(await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod()))), 1)
    const reacting = await inTenant(block.tenant, () => Draft.findOrFail(draftId))
    assert.equal(reacting.stage, 'reaction')
    // the department is told, with links to this page
    const links = await inTenant(block.tenant, () => tenantDb().from('notifications').where('user_id', block.roadsExecutor.id).orderBy('id').select('kind', 'link'))
    assert.deepEqual(links, [
      { kind: 'lawmaking.remark_received', link: `${draftPath}#remarks` },
      { kind: 'lawmaking.reaction_started', link: draftPath },
    ])
    const page = (await get(draftPath)).text()
    assert.include(page, 'Рассмотрение замечаний')
    assert.include(page, `data-decide-by>${reacting.decideBy!.toFormat('dd.MM.yyyy')}`)
    assert.include(page, `/remarks/${first.id}/decision`)
    assert.notInclude(page, `action="${draftPath}/complete"`, 'not before every remark has a decision')

    // a rejection without a reason: 422 on the reason, in Russian, on the remark's own form
    const unexplained = await postJson(client, block.host, session, draftPath, `${draftPath}/remarks/${second.id}/decision`, { decision: 'rejected' })
    unexplained.assertStatus(422)
    assert.deepEqual(unexplained.body().errors.map((error: any) => [error.field, error.message]), [['reason', 'Укажите обоснование решения']])
    const unexplainedPage = await submitForm(client, block.host, session, draftPath, `${draftPath}/remarks/${second.id}/decision`, { remark: String(second.id), decision: 'rejected' })
    assert.match(unexplainedPage.text(), new RegExp(`id="reason-${second.id}-error">Укажите обоснование решения`))
    assert.notMatch(unexplainedPage.text(), new RegExp(`id="reason-${first.id}-error"`))

    // an order goes only with an accepted remark, to an active department, by a day not past
    const roads = String(block.departments.roads.id)
    const orderWithRejection = await postJson(client, block.host, session, draftPath, `${draftPath}/remarks/${second.id}/decision`, {
      decision: 'rejected',
      reason: 'Нет оснований',
      orderDepartmentId: roads,
      orderDueOn: dayFromToday(20),
    })
    orderWithRejection.assertStatus(422)
    assert.deepEqual(orderWithRejection.body().errors.map((error: any) => error.field), ['orderDepartmentId'])
    const pastOrder = await postJson(client, block.host, session, draftPath, `${draftPath}/remarks/${first.id}/decision`, { decision: 'accepted', orderDepartmentId: roads, orderDueOn: dayFromToday(-1) })
    pastOrder.assertStatus(422)
    assert.deepEqual(pastOrder.body().errors.map((error: any) => [error.field, error.message]), [['orderDueOn', 'Срок поручения не может быть раньше сегодняшнего дня']])
    const dateless = await postJson(client, block.host, session, draftPath, `${draftPath}/remarks/${first.id}/decision`, { decision: 'accepted', orderDepartmentId: roads })
    dateless.assertStatus(422)
    assert.deepEqual(dateless.body().errors.map((error: any) => error.field), ['orderDueOn'])
    assert.lengthOf(await inTenant(block.tenant, () => tenantDb().from('orders').where('category', 'lawmaking_remark')), 0, 'nothing written by a refused decision')

    // accepted with an order to the roads department: issued, linked from the remark, named by the draft
    const withOrder = await submitForm(client, block.host, session, draftPath, `${draftPath}/remarks/${first.id}/decision`, {
      remark: String(first.id),
      decision: 'accepted',
      orderDepartmentId: roads,
      orderDueOn: dayFromToday(20),
      orderText: 'Согласовать уточнённую редакцию с юридическим отделом',
    })
    withOrder.assertStatus(200)
    const remarkOrder = await inTenant(block.tenant, async () => {
      const decidedFirst = await tenantDb().from('lawmaking_received_remarks').where('id', first.id).first()
      return tenantDb().from('orders').where('id', decidedFirst.order_id).first()
    })
    assert.equal(remarkOrder.status, 'issued')
    assert.equal(remarkOrder.category, 'lawmaking_remark')
    assert.equal(remarkOrder.text, 'Согласовать уточнённую редакцию с юридическим отделом')
    assert.include(remarkOrder.basis, 'О поддержке добровольчества')
    assert.include(withOrder.text(), `href="/orders/${remarkOrder.id}"`)
    // revising the decision keeps the order and gives no second one
    const secondOrder = await postJson(client, block.host, session, draftPath, `${draftPath}/remarks/${first.id}/decision`, { decision: 'accepted', orderDepartmentId: roads, orderDueOn: dayFromToday(20) })
    secondOrder.assertStatus(409)
    ;(await submitForm(client, block.host, session, draftPath, `${draftPath}/remarks/${first.id}/decision`, { remark: String(first.id), decision: 'accepted' })).assertStatus(200)
    assert.lengthOf(await inTenant(block.tenant, () => tenantDb().from('orders').where('category', 'lawmaking_remark')), 1)
    const decided = await submitForm(client, block.host, session, draftPath, `${draftPath}/remarks/${second.id}/decision`, {
      remark: String(second.id),
      decision: 'rejected',
      reason: 'Срок установлен законом о нормативных актах края',
    })
    assert.include(decided.text(), 'Решение по замечанию сохранено')
    assert.include(decided.text(), `action="${draftPath}/complete"`)
    await pump(all())
    assert.equal((await inTenant(portal.tenant, () => Remark.findOrFail(proposed.id))).decision, 'accepted')
    assert.equal((await inTenant(portal.tenant, () => Remark.findOrFail(plain.id))).decisionReason, 'Срок установлен законом о нормативных актах края')

    // version 2: the accepted wording, published as the final text
    const edit = await get(`${draftPath}/edit`)
    edit.assertStatus(200)
    assert.include(edit.text(), 'Настоящий Закон регулирует отношения в сфере добровольчества.')
    const saved = await postMultipart(client, block.host, session, `${draftPath}/edit`, draftPath, {
      ...fields,
      text: VOLUNTEERS_LAW.replace('регулирует отношения', 'регулирует общественные отношения'),
    })
    saved.assertStatus(302)
    const final = await submitForm(client, block.host, session, draftPath, `${draftPath}/publish`, { changeSummary: 'Учтено замечание к статье 1' })
    assert.include(final.text(), 'Редакция 2 опубликована')
    assert.include(final.text(), 'Завершён')
    assert.equal((await inTenant(block.tenant, () => Draft.findOrFail(draftId))).currentVersion, 2)
    await pump(all())
    assert.equal((await publicCopy(portal, block, draftId)).currentVersion, 2)

    // the redline shows the change, inline and side by side
    const inline = await get(`${draftPath}/redline?from=1&to=2`)
    inline.assertStatus(200)
    assert.match(inline.text(), /<ins>общественные\s*<\/ins>/)
    assert.include(inline.text(), 'Изменено: 1, добавлено: 0, исключено: 0')
    assert.include(inline.text(), 'Учтено замечание к статье 1')
    const side = await get(`${draftPath}/redline?from=1&to=2&view=side`)
    assert.match(side.text(), /<ins>общественные\s*<\/ins>/)
    assert.include(side.text(), '<table class="lmo-side">')
    ;(await get(`${draftPath}/redline?from=2&to=3`)).assertStatus(404)
    assert.include((await get(draftPath)).text(), `${draftPath}/redline?from=1&to=2`)
  })
})
