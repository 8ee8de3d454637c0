import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { XMLParser } from 'fast-xml-parser'
import { DateTime } from 'luxon'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { TEST_PASSWORD, inTenant } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { draftOf, publishedPortalDraft, type PublishedPortalDraft } from '#tests/helpers/lawmaking_portal'
import { systemActor } from '#core/audit'
import { SubmitInitiative, type InitiativeInput } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'

let portal: ProblemsPortal
let block: ProblemsBlock
let draft: PublishedPortalDraft

function api(client: any, path: string, host = portal.host) {
  return client.get(`/api/v1${path}`).header('host', host)
}

test.group('Lawmaking | API and the registry of drafts', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lma_portal')
    block = await lawmakingBlock('lma_block')
    draft = await publishedPortalDraft(portal, block)
  })

  test('anyone reads drafts, a version\'s clauses and the redline; bad filters are 422', async ({ assert, client }) => {
    const list = await api(client, '/lawmaking/drafts?open=true')
    list.assertStatus(200)
    assert.deepInclude(list.body().data.map((row: any) => [row.id, row.openForRemarks, row.developer.code]), [draft.id, true, 'roads'])
    ;(await api(client, '/lawmaking/drafts?stage=unknown')).assertStatus(422)
    const version = await api(client, `/lawmaking/drafts/${draft.id}/versions/1`)
    version.assertStatus(200)
    assert.equal(version.body().data.clauses.find((clause: any) => clause.label === 'Статья 1').key, draft.article1)
    ;(await api(client, `/lawmaking/drafts/${draft.id}/versions/2`)).assertStatus(404)
    const redline = await api(client, `/lawmaking/drafts/${draft.id}/redline?from=1&to=1`)
    assert.equal(redline.body().data.counts.changed, 0)
    ;(await api(client, `/lawmaking/drafts/${draft.id}/redline?from=1&to=3`)).assertStatus(404)
  })

  test('a citizen posts a remark with a token; 422 per field, 409 after the period', async ({ assert, client }) => {
    const token = await issueToken(client, portal.host, portal.citizen.email, TEST_PASSWORD)
    const path = `/api/v1/lawmaking/drafts/${draft.id}/clauses/${draft.article1}/remarks`
    const invalid = await client.post(path).header('host', portal.host).bearerToken(token).json({ text: 'а' })
    invalid.assertStatus(422)
    assert.equal(invalid.body().errors[0].field, 'text')
    const created = await client.post(path).header('host', portal.host).bearerToken(token).json({ text: 'Уточнить предмет регулирования', proposedWording: 'Настоящий Закон регулирует общественные отношения.' })
    created.assertStatus(201)
    ;(await client.post(path).header('host', portal.host).json({ text: 'Без токена' })).assertStatus(401)
    const remarks = await api(client, `/lawmaking/drafts/${draft.id}/remarks?clause=${draft.article1}`)
    assert.deepEqual(remarks.body().data.map((row: any) => [row.id, row.proposedWording, row.decision]), [[created.body().remark.id, 'Настоящий Закон регулирует общественные отношения.', null]])
    // the public name, never the e-mail
    const profile = await inTenant(portal.tenant, () => CitizenProfile.find(portal.citizen.id))
    assert.equal(remarks.body().data[0].authorName, profile?.displayName ?? portal.citizen.fullName)
    assert.notInclude(JSON.stringify(remarks.body()), portal.citizen.email)

    await pump([portal.tenant, block.tenant])
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    await pump([portal.tenant, block.tenant])
    const late = await client.post(path).header('host', portal.host).bearerToken(token).json({ text: 'Поздно, но важно' })
    late.assertStatus(409)
    assert.match(late.body().errors[0].message, /\d{2}\.\d{2}\.\d{4}/)
  })

  test('the registry streams as JSON, CSV (UTF-8, a header) and XML with the same rows', async ({ assert, client }) => {
    const json = await client.get('/lawmaking/registry.json').header('host', portal.host)
    json.assertStatus(200)
    const rows = json.body() as any[]
    const ours = rows.find((row) => row.id === draft.id)
    assert.equal(ours.developer_code, 'roads')
    assert.match(ours.url, new RegExp(`^http://lma-portal\\.localhost(:\\d+)?/lawmaking/drafts/${draft.id}$`))
    const csv = await client.get('/lawmaking/registry.csv').header('host', portal.host)
    assert.match(String(csv.header('content-type')), /text\/csv/)
    const records = parse(csv.text(), { columns: true, bom: true }) as any[]
    assert.equal(records.length, rows.length)
    assert.equal(records.find((row) => Number(row.id) === draft.id).title, ours.title)
    const xml = await client.get('/lawmaking/registry.xml').header('host', portal.host)
    const parsed = new XMLParser({ isArray: (name) => name === 'draft' }).parse(xml.text())
    assert.equal(parsed.drafts.draft.length, rows.length)
    assert.equal(parsed.drafts.draft.find((row: any) => row.id === draft.id).subject_area, ours.subject_area)
  })

  test('the API and the registry are the portal\'s: a block\'s host does not serve them; drafts in preparation are not there', async ({ assert, client }) => {
    ;(await api(client, '/lawmaking/drafts', block.host)).assertStatus(404)
    ;(await client.get('/lawmaking/registry.json').header('host', block.host)).assertStatus(404)
    await draftOf(block, { title: 'Черновик, ещё не опубликованный' }, false)
    await pump([portal.tenant, block.tenant])
    const registry = (await client.get('/lawmaking/registry.json').header('host', portal.host)).body() as any[]
    assert.notInclude(registry.map((row) => row.title), 'Черновик, ещё не опубликованный')
    const listed = (await api(client, '/lawmaking/drafts')).body().data as any[]
    assert.notInclude(listed.map((row) => row.title), 'Черновик, ещё не опубликованный')
  })

  test('anyone reads published initiatives with the catalogue\'s filters; one in moderation or rejected is not there', async ({ assert, client }) => {
    const concept = (title: string, municipalityCode: string | null): InitiativeInput => ({
      title, problem: 'Проблема', goal: 'Цель', proposal: 'Статья 1. Регулирование.', level: municipalityCode ? 'municipal' : 'regional', municipalityCode, subjectArea: 'transport',
    })
    const [published, regional, waiting, refused] = await inTenant(portal.tenant, async () => {
      const submit = (input: InitiativeInput) => new SubmitInitiative().handle(input, portal.citizen)
      const one = await submit(concept('Пешеходные зоны Краснодара', 'krasnodar'))
      const two = await submit(concept('Краевые велодорожки', null))
      const three = await submit(concept('Ждёт модерации', 'krasnodar'))
      const four = await submit(concept('Отклонена', 'krasnodar'))
      await new ModerateInitiative().handle(one.id, 'publish', null, systemActor('test'))
      await new ModerateInitiative().handle(two.id, 'publish', null, systemActor('test'))
      await new ModerateInitiative().handle(four.id, 'reject', 'Не по теме', systemActor('test'))
      return [one, two, three, four]
    })
    const list = await api(client, '/lawmaking/initiatives')
    list.assertStatus(200)
    const ids = list.body().data.map((row: any) => row.id)
    assert.includeMembers(ids, [published.id, regional.id])
    assert.notInclude(ids, waiting.id)
    assert.notInclude(ids, refused.id)
    assert.isBelow(ids.indexOf(regional.id), ids.indexOf(published.id), 'newest first')
    const municipal = await api(client, '/lawmaking/initiatives?level=municipal&municipality=krasnodar')
    assert.deepEqual(municipal.body().data.map((row: any) => row.id), [published.id])
    ;(await api(client, '/lawmaking/initiatives?status=moderation')).assertStatus(422)
    const one = await api(client, `/lawmaking/initiatives/${published.id}`)
    one.assertStatus(200)
    assert.equal(one.body().data.status, 'discussion')
    assert.deepEqual(one.body().data.timeline.map((event: any) => event.kind), ['submitted', 'published'])
    assert.notProperty(one.body().data, 'authorId')
    ;(await api(client, `/lawmaking/initiatives/${waiting.id}`)).assertStatus(404)
    ;(await api(client, `/lawmaking/initiatives/${refused.id}`)).assertStatus(404)
    ;(await api(client, `/lawmaking/initiatives/${published.id}`, block.host)).assertStatus(404)
  })
})
