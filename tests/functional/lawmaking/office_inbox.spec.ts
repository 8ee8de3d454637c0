import { test } from '@japa/runner'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import Draft from '#modules/lawmaking/models/draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { fillMunicipalities, problemsMunicipality, sessionOf, type ProblemsBlock, type ProblemsMunicipality } from '#tests/helpers/problems'
import { VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { DateTime, draftForm, printedDay } from '#tests/helpers/lawmaking_office'

let block: ProblemsBlock
let town: ProblemsMunicipality
let roadsDraft: number
let lightingDraft: number

/** A remark as the bus files it, on the first article of the draft's first version. */
async function remarkReceived(draftId: number) {
  return inTenant(block.tenant, async () => {
    const clause = await tenantDb()
      .from('lawmaking_clauses as c')
      .join('lawmaking_versions as v', 'v.id', 'c.version_id')
      .where('v.draft_id', draftId)
      .where('c.label', 'Статья 1')
      .select('c.clause_key')
      .firstOrFail()
    return ReceivedRemark.create({
      draftId,
      originTenant: 'lmb_portal',
      originRemarkId: draftId * 100,
      versionNumber: 1,
      clauseKey: clause.clause_key,
      text: 'Уточнить круг отношений',
      authorName: 'Мария П.',
      submittedAt: DateTime.now(),
      receivedAt: DateTime.now(),
      decision: null,
    })
  })
}

test.group('Lawmaking | office | the inbox', (group) => {
  group.setup(async () => {
    block = await lawmakingBlock('lmb_block')
    town = await problemsMunicipality('kanevskoy')
    await fillMunicipalities(town.tenant)
    // roads: discussed, one remark undecided, the day to decide by already past
    roadsDraft = await publishedDraft(block)
    await remarkReceived(roadsDraft)
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    await inTenant(block.tenant, async () => {
      const draft = await Draft.findOrFail(roadsDraft)
      draft.decideBy = regionToday().minus({ days: 1 })
      await draft.save()
    })
    // lighting: still in preparation
    lightingDraft = await inTenant(block.tenant, async () => {
      const draft = await new SaveDraft().handle(
        {
          title: 'О наружном освещении улиц',
          kind: 'resolution',
          level: 'regional',
          subjectArea: 'housing',
          departmentId: block.departments.lighting.id,
          responsibleId: block.lightingHead.id,
          explanatoryNote: 'Постановление устанавливает нормы освещённости.',
          text: VOLUNTEERS_LAW,
        },
        block.lightingHead,
        systemActor('test')
      )
      return draft.id
    })
  })

  test('a department sees its own drafts with the remarks awaiting a decision; an overdue reaction is highlighted', async ({ assert, client }) => {
    const session = await sessionOf(client, block.host, block.roadsHead.email)
    const inbox = await client.get('/lawmaking/office/drafts').header('host', block.host).withCookie(SESSION_COOKIE, session)
    inbox.assertStatus(200)
    const html = inbox.text()
    assert.include(html, 'О поддержке добровольчества')
    assert.notInclude(html, 'О наружном освещении улиц')
    assert.match(html, new RegExp(`<tr class="row--overdue" data-draft="${roadsDraft}">[\\s\\S]*?Рассмотрение замечаний[\\s\\S]*?>1</td>[\\s\\S]*?${printedDay(-1)}[\\s\\S]*?Просрочено`))
    assert.notInclude(html, 'name="department"', 'a department has no department filter')

    const page = await client.get(`/lawmaking/office/drafts/${roadsDraft}`).header('host', block.host).withCookie(SESSION_COOKIE, session)
    assert.include(page.text(), `data-decide-by>${printedDay(-1)}`)
    assert.include(page.text(), 'badge--overdue')
  })

  test("the body's head sees every department's drafts by stage and filters by department", async ({ assert, client }) => {
    const session = await sessionOf(client, block.host, block.head.email)
    const get = (path: string) => client.get(path).header('host', block.host).withCookie(SESSION_COOKIE, session)
    const everything = (await get('/lawmaking/office/drafts')).text()
    assert.include(everything, 'О поддержке добровольчества')
    assert.include(everything, 'О наружном освещении улиц')
    assert.include(everything, 'Подготовка (1)')
    assert.include(everything, 'Рассмотрение замечаний (1)')
    const lighting = (await get(`/lawmaking/office/drafts?department=${block.departments.lighting.id}`)).text()
    assert.include(lighting, 'О наружном освещении улиц')
    assert.notInclude(lighting, 'О поддержке добровольчества')
    const reacting = (await get('/lawmaking/office/drafts?stage=reaction')).text()
    assert.include(reacting, `data-draft="${roadsDraft}"`)
    assert.notInclude(reacting, `data-draft="${lightingDraft}"`)
  })

  test("a municipality's form starts as its own municipal act; a municipal act needs its municipality", async ({ assert, client }) => {
    const session = await sessionOf(client, town.host, town.housingHead.email)
    const form = (await client.get('/lawmaking/office/drafts/new').header('host', town.host).withCookie(SESSION_COOKIE, session)).text()
    assert.match(form, /<option value="municipal_act" selected/)
    assert.match(form, /<option value="municipal" selected/)
    assert.match(form, /<option value="kanevskoy" selected/)
    const refused = await postJson(
      client,
      town.host,
      session,
      '/lawmaking/office/drafts/new',
      '/lawmaking/office/drafts',
      draftForm(town.departments.housing.id, town.housingExecutor.id, { title: 'О благоустройстве дворов', kind: 'municipal_act', level: 'municipal' })
    )
    refused.assertStatus(422)
    assert.deepEqual(refused.body().errors.map((error: any) => [error.field, error.message]), [['municipalityCode', 'Заполните поле «Муниципальное образование»']])
  })

  test('the pages speak English to a person who chose it', async ({ assert, client }) => {
    const session = await sessionOf(client, block.host, block.roadsHead.email)
    const page = await client.get(`/lawmaking/office/drafts/${roadsDraft}`).header('host', block.host).header('x-locale', 'en').withCookie(SESSION_COOKIE, session)
    assert.include(page.text(), 'Deciding on remarks')
    assert.include(page.text(), 'Remarks and proposals')
    // a refusal in the person's language: Russian by default, English when chosen
    const russian = await postJson(client, block.host, session, `/lawmaking/office/drafts/${roadsDraft}`, `/lawmaking/office/drafts/${roadsDraft}/complete`, {})
    russian.assertStatus(409)
    assert.equal(russian.body().errors[0].message, 'Не по всем замечаниям приняты решения: осталось 1')
    const english = await client
      .post(`/lawmaking/office/drafts/${roadsDraft}/complete`)
      .header('host', block.host)
      .header('accept', 'application/json')
      .header('x-locale', 'en')
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: csrfTokenFrom(page.text()) })
    english.assertStatus(409)
    assert.equal(english.body().errors[0].message, 'Not every remark has a decision: 1 left')
  })
})
