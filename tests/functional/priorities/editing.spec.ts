import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import { inTenant } from '#tests/helpers/tenants'
import { postFrom, postJson, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsBlock, publishDirectoryOf, pump, sessionOf, type ProblemsBlock } from '#tests/helpers/problems'
import { atMoment, livesIn, prioritiesPortal, priorityById, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

// Every test runs in 2031 Q2 (clock fixed), whatever day the suite runs.
const IN_Q2 = '2031-05-15T12:00'
let portal: PrioritiesPortal
let roads: ProblemsBlock
let priorityId: number

const fields = (over: Record<string, string> = {}) => ({
  level: 'regional',
  title: 'Дороги между районами',
  description: 'Ремонт дорог между районными центрами края.',
  category: 'Дороги',
  responsibleBody: '',
  opensQuarter: '2031-Q2',
  closesQuarter: '',
  ...over,
})

test.group('Priorities | editing a priority on the admin page', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('pre_portal')
    roads = await problemsBlock('pre_roads')
    await publishDirectoryOf(roads)
    await pump([portal.tenant, roads.tenant])
    await atMoment(IN_Q2, async () => {
      priorityId = (await publishedPriority(portal.tenant, { title: 'Дороги между районами', opensQuarter: '2031-Q2' })).id
      await livesIn(portal.tenant, portal.anna, 'krasnodar')
    })
  })

  test('the admin opens the edit form filled with the priority; a citizen may not', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const anna = await sessionOf(client, portal.host, portal.anna.email)
      ;(await client.get(`/priorities/admin/${priorityId}/edit`).header('host', portal.host).withCookie(SESSION_COOKIE, anna)).assertStatus(403)
      ;(await postJson(client, portal.host, anna, '/priorities', `/priorities/admin/${priorityId}`, fields({ title: 'Чужая правка' }))).assertStatus(403)
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const list = await client.get('/priorities/admin').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      assert.include(list.text(), `href="/priorities/admin/${priorityId}/edit"`)
      const form = await client.get(`/priorities/admin/${priorityId}/edit`).header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      form.assertStatus(200)
      assert.include(form.text(), 'value="Дороги между районами"')
      assert.include(form.text(), 'value="2031-Q2"')
      assert.include(form.text(), `<option value="${roads.tenant.slug}"`)
      assert.notInclude(form.text(), 'data-place-frozen')
      ;(await client.get('/priorities/admin/999999/edit').header('host', portal.host).withCookie(SESSION_COOKIE, admin)).assertStatus(404)
    })
  })

  test('with no vote yet every field changes — the level and municipality too; the change is audited with the fields it touched', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const saved = await postFrom(client, portal.host, admin, `/priorities/admin/${priorityId}/edit`, `/priorities/admin/${priorityId}`,
        fields({ level: 'municipal', municipalityCode: 'krasnodar', title: 'Дороги Краснодара', category: 'Транспорт', responsibleBody: roads.tenant.slug, closesQuarter: '2031-Q4' }))
      saved.response.assertStatus(302)
      assert.equal(saved.response.header('location'), '/priorities/admin')
    })
    const priority = await priorityById(portal.tenant, priorityId)
    assert.deepInclude(priority.serialize(), { level: 'municipal', municipalityCode: 'krasnodar', title: 'Дороги Краснодара', category: 'Транспорт', responsibleBody: roads.tenant.slug, closesQuarter: '2031-Q4', status: 'published' })
    const audit = await inTenant(portal.tenant, () => tenantDb().from('audit_entries').where('action', 'priorities.updated').orderBy('id', 'desc').firstOrFail())
    const details = JSON.stringify(audit)
    for (const field of ['title', 'level', 'municipalityCode', 'category', 'responsibleBody', 'closesQuarter']) assert.include(details, field)
    assert.include(details, 'Дороги между районами')
  })

  test('bad input is a 422 on each field in the admin\'s language; from the form nothing typed is lost', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const edit = `/priorities/admin/${priorityId}/edit`
      const action = `/priorities/admin/${priorityId}`
      const base = { level: 'municipal', municipalityCode: 'krasnodar' }
      const cases: [Record<string, string>, string][] = [
        [{ title: 'Д' }, 'title'],
        [{ description: 'коротко' }, 'description'],
        [{ category: '' }, 'category'],
        [{ opensQuarter: '2031-05' }, 'opensQuarter'],
        [{ closesQuarter: '2031-Q1' }, 'closesQuarter'],
        [{ responsibleBody: 'roads-of-atlantis' }, 'responsibleBody'],
        [{ municipalityCode: 'atlantis' }, 'municipalityCode'],
        [{ level: 'municipal', municipalityCode: '' }, 'municipalityCode'],
      ]
      for (const [change, field] of cases) {
        const refused = await postJson(client, portal.host, admin, edit, action, fields({ ...base, ...change }))
        refused.assertStatus(422)
        assert.equal(refused.body().errors[0].field, field, JSON.stringify(change))
      }
      const unknownBody = await postJson(client, portal.host, admin, edit, action, fields({ ...base, responsibleBody: 'roads-of-atlantis' }))
      assert.include(unknownBody.body().errors[0].message, 'Выберите')

      // the HTML form: back to the form with the message next to the field and the text as typed
      const posted = await postFrom(client, portal.host, admin, edit, action, fields({ ...base, title: 'Д', description: 'Описание, которое не должно пропасть при ошибке.' }))
      posted.response.assertStatus(302)
      const again = await client.get(posted.response.header('location')!.replace(/^https?:\/\/[^/]+/, '')).header('host', portal.host).withCookie(SESSION_COOKIE, posted.session)
      assert.include(again.text(), 'field-title-error')
      assert.include(again.text(), 'Описание, которое не должно пропасть при ошибке.')
    })
    assert.equal((await priorityById(portal.tenant, priorityId)).title, 'Дороги Краснодара')
  })

  test('once it has a vote its level and municipality are frozen (422, shown as text); the rest still changes', async ({ assert, client }) => {
    await atMoment(IN_Q2, async () => {
      await inTenant(portal.tenant, () => new CastVote().handle(portal.anna, { priorityId }))
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const edit = `/priorities/admin/${priorityId}/edit`
      const form = await client.get(edit).header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      assert.include(form.text(), 'data-place-frozen')
      assert.notInclude(form.text(), 'id="field-level"')
      assert.notInclude(form.text(), 'id="field-municipalityCode"')
      const moved = await postJson(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, fields({ level: 'regional' }))
      moved.assertStatus(422)
      assert.equal(moved.body().errors[0].field, 'level')
      const otherTown = await postJson(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, fields({ level: 'municipal', municipalityCode: 'sochi' }))
      otherTown.assertStatus(422)
      const renamed = await postJson(client, portal.host, admin, edit, `/priorities/admin/${priorityId}`, fields({ level: 'municipal', municipalityCode: 'krasnodar', title: 'Дороги Краснодара и пригородов' }))
      renamed.assertStatus(200)
    })
    const priority = await priorityById(portal.tenant, priorityId)
    assert.equal(priority.title, 'Дороги Краснодара и пригородов')
    assert.equal(priority.municipalityCode, 'krasnodar')
  })
})
