import { test } from '@japa/runner'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import { tenantDb } from '#tenancy/tenant_model'
import User from '#modules/identity/models/user'
import Draft from '#modules/lawmaking/models/draft'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import type { DraftInput } from '#modules/lawmaking/actions/save_draft'
import { DecideRemark, type RemarkDecisionInput } from '#modules/lawmaking/actions/decide_remark'
import { closeEndedConsultations, CompleteDraft } from '#modules/lawmaking/actions/change_stage'
import { SubmitInitiative } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'
import { hostOf, inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { clauseKeyOf, openPortalDraft, portalGet } from '#tests/helpers/lawmaking_portal'
import { municipalInitiative } from '#tests/helpers/lawmaking_initiatives'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]
/** The portal's ids of the drafts of the known set, by name. */
const drafts: Record<string, number> = {}
/** The body's ids of the same drafts. */
const origins: Record<string, number> = {}

/** A draft of the block published for 15 days from today and brought to the portal. */
async function publish(name: string, facts: Partial<DraftInput> = {}) {
  const opened = await openPortalDraft(portal, block, { title: `Статистика: ${name}`, ...facts })
  origins[name] = opened.draftId
  drafts[name] = opened.id
}

/** A remark on «Статья 1» of a draft (a reply when `parentId` is given); the portal's id. */
async function remark(name: string, author: { id: number }, text: string, parentId?: number) {
  return inTenant(portal.tenant, async () => {
    const clauseKey = await clauseKeyOf(portal, drafts[name], 'Статья 1')
    return (await new SubmitRemark().handle(drafts[name], { clauseKey, text, parentId }, await User.findOrFail(author.id))).id
  })
}

/** The developer decides in the block on the remark the portal knows by this id. */
function decide(portalRemarkId: number, input: RemarkDecisionInput) {
  return inTenant(block.tenant, async () => {
    const received = await ReceivedRemark.query().where('origin_tenant', portal.tenant.slug).where('origin_remark_id', portalRemarkId).firstOrFail()
    await new DecideRemark().handle(received.id, input, block.roadsHead, systemActor('test'))
  })
}

/**
 * Moves the day to decide by that the portal learnt for a draft (a fixture:
 * decisions are made now, so a day before today makes them late and a
 * remark still waiting overdue; today itself is still on time).
 */
function decideByOnPortal(name: string, day: DateTime) {
  return inTenant(portal.tenant, () => tenantDb().from('lawmaking_public_drafts').where('id', drafts[name]).update({ decide_by: day.toISODate() }))
}

/** The text of a table cell: the row marked `row` (e.g. `data-stage="reaction"`), the cell marked `cell`. */
function cell(html: string, row: string, cellMark: string) {
  const rowHtml = html.match(new RegExp(`<tr ${row}>([\\s\\S]*?)</tr>`))?.[1]
  if (!rowHtml) throw new Error(`No row ${row}`)
  const found = rowHtml.match(new RegExp(`${cellMark}>([^<]*)<`))
  if (!found) throw new Error(`No cell ${cellMark} in row ${row}`)
  return found[1].trim()
}

function figure(html: string, name: string) {
  return html.match(new RegExp(`data-figure="${name}">([^<]*)<`))?.[1].trim()
}

/** The decisions table as decision → [count, share]. */
function decisionRows(html: string) {
  return Object.fromEntries(
    ['accepted', 'partly_accepted', 'rejected', 'out_of_scope', 'undecided'].map((decision) => [decision, [cell(html, `data-decision="${decision}"`, 'data-count'), cell(html, `data-decision="${decision}"`, 'data-share')]])
  )
}

function reactionRows(html: string) {
  return Object.fromEntries(['on_time', 'late', 'pending', 'without_remarks', 'share'].map((kind) => [kind, cell(html, `data-reaction="${kind}"`, '<td class="num"')]))
}

test.group('Lawmaking | portal statistics', (group) => {
  /*
  | The known set, in one block: «A» (regional, 3 remarks and a reply, all
  | decided today, completed; day to decide by set to today: on time),
  | «B» (regional, 2 remarks, one decided, the day not yet come: pending),
  | «C» (Sochi, 1 remark decided today, the day was yesterday: late),
  | «D» (Krasnodar, no remarks), «F» (regional, 1 remark never decided, the
  | day was yesterday: late) — all closed the day after their period —,
  | then «E» (regional, published after, in discussion, 1 remark).
  */
  group.setup(async () => {
    portal = await problemsPortal('lmstats_portal')
    block = await lawmakingBlock('lmstats_block')
    await publish('A')
    await publish('B')
    await publish('C', { level: 'municipal', municipalityCode: 'sochi', kind: 'municipal_act' })
    await publish('D', { level: 'municipal', municipalityCode: 'krasnodar', kind: 'municipal_act' })
    await publish('F')
    const a1 = await remark('A', portal.citizen, 'Первое замечание к A')
    const a2 = await remark('A', portal.neighbour, 'Второе замечание к A')
    const a3 = await remark('A', portal.citizen, 'Третье замечание к A')
    await remark('A', portal.neighbour, 'Ответ на первое', a1)
    const b1 = await remark('B', portal.citizen, 'Первое замечание к B')
    await remark('B', portal.neighbour, 'Второе замечание к B')
    const c1 = await remark('C', portal.citizen, 'Замечание к C')
    await remark('F', portal.citizen, 'Замечание к F')
    await pump(all())

    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    await decide(a1, { decision: 'accepted' })
    await decide(a2, { decision: 'partly_accepted' })
    await decide(a3, { decision: 'rejected', reason: 'Противоречит федеральному закону' })
    await decide(b1, { decision: 'out_of_scope', reason: 'Не о предмете закона' })
    await decide(c1, { decision: 'accepted' })
    await inTenant(block.tenant, () => new CompleteDraft().handle(origins.A, systemActor('test')))
    await pump(all())

    await publish('E')
    await remark('E', portal.neighbour, 'Замечание к E')
    await pump(all())

    await decideByOnPortal('A', regionToday())
    await decideByOnPortal('C', regionToday().minus({ days: 1 }))
    await decideByOnPortal('F', regionToday().minus({ days: 1 }))

    // initiatives: one published in Sochi, one still under moderation (not public, not counted)
    await inTenant(portal.tenant, async () => {
      const published = await new SubmitInitiative().handle(municipalInitiative('sochi', 'Статистика: инициатива Сочи'), await User.findOrFail(portal.citizen.id))
      await new ModerateInitiative().handle(published.id, 'publish', null, systemActor('test'))
      await new SubmitInitiative().handle(municipalInitiative('krasnodar', 'Статистика: инициатива на модерации'), await User.findOrFail(portal.neighbour.id))
    })
  })

  test('the portal learns the day to decide by with the reaction stage', async ({ assert }) => {
    const decideBy = (await inTenant(block.tenant, () => Draft.findOrFail(origins.B))).decideBy!
    const copy = await inTenant(portal.tenant, () => PublicDraft.findOrFail(drafts.B))
    assert.equal(copy.stage, 'reaction')
    assert.equal(copy.decideBy?.toISODate(), decideBy.toISODate())
    const open = await inTenant(portal.tenant, () => PublicDraft.findOrFail(drafts.E))
    assert.equal(open.stage, 'discussion')
    assert.isNull(open.decideBy)
  })

  test('figures of the whole set: drafts by stage and level, remarks per draft, decisions, reaction on time, initiatives', async ({ assert, client }) => {
    const page = await portalGet(client, portal, '/lawmaking/stats')
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '<h1>Статистика нормотворчества</h1>')
    assert.include(html, 'href="/lawmaking/stats"', 'in the navigation')

    assert.equal(figure(html, 'drafts'), '6')
    assert.equal(figure(html, 'remarks'), '8', 'replies are not remarks')
    assert.equal(figure(html, 'median'), '1')
    assert.equal(figure(html, 'accepted'), '25 %')
    assert.equal(figure(html, 'on-time'), '33,3 %')

    const stages = Object.fromEntries(
      ['discussion', 'reaction', 'completed', 'all'].map((stage) => [stage, ['regional', 'municipal'].map((level) => cell(html, `data-stage="${stage}"`, `data-level="${level}"`)).concat(cell(html, `data-stage="${stage}"`, 'data-total'))])
    )
    assert.deepEqual(stages, { discussion: ['1', '0', '1'], reaction: ['2', '2', '4'], completed: ['1', '0', '1'], all: ['4', '2', '6'] })
    // the chart draws the same figures; the table is its accessible source
    assert.include(html, 'data-chart="')
    assert.include(html, 'resources/js/charts.js')

    assert.deepEqual(decisionRows(html), {
      accepted: ['2', '25 %'],
      partly_accepted: ['1', '12,5 %'],
      rejected: ['1', '12,5 %'],
      out_of_scope: ['1', '12,5 %'],
      undecided: ['3', '37,5 %'],
    })
    assert.deepEqual(reactionRows(html), { on_time: '1', late: '2', pending: '1', without_remarks: '1', share: '33,3 %' })

    const top = [...html.matchAll(/<tr data-draft="(\d+)">[\s\S]*?<td class="num">(\d+)<\/td>/g)].map((match) => [Number(match[1]), match[2]])
    assert.deepEqual(top, [
      [drafts.A, '3'],
      [drafts.B, '2'],
      [drafts.E, '1'],
      [drafts.F, '1'],
      [drafts.C, '1'],
    ], 'most remarks first, the newest first among equals; none without remarks')
    assert.include(html, `<a href="/lawmaking/drafts/${drafts.A}">Статистика: A</a>`)

    assert.equal(cell(html, 'data-status="discussion"', '<td class="num"'), '1')
    assert.equal(cell(html, 'data-status="forwarded"', '<td class="num"'), '0')
    assert.equal(cell(html, 'data-status="answered"', '<td class="num"'), '0')
    assert.notInclude(html, 'data-status="moderation"')
  })

  test('filters: by level and by municipality; an unknown filter is left out', async ({ assert, client }) => {
    const municipal = (await portalGet(client, portal, '/lawmaking/stats?level=municipal')).text()
    assert.equal(figure(municipal, 'drafts'), '2')
    assert.equal(figure(municipal, 'remarks'), '1')
    assert.equal(figure(municipal, 'median'), '0,5')
    assert.deepEqual(decisionRows(municipal).accepted, ['1', '100 %'])
    assert.deepEqual(reactionRows(municipal), { on_time: '0', late: '1', pending: '0', without_remarks: '1', share: '0 %' })
    assert.match(municipal, /<option value="municipal" selected>/)
    assert.equal(cell(municipal, 'data-status="discussion"', '<td class="num"'), '1')

    const regional = (await portalGet(client, portal, '/lawmaking/stats?level=regional')).text()
    assert.equal(figure(regional, 'drafts'), '4')
    assert.equal(figure(regional, 'remarks'), '7')
    assert.equal(figure(regional, 'median'), '1,5')
    assert.deepEqual(reactionRows(regional), { on_time: '1', late: '1', pending: '1', without_remarks: '0', share: '50 %' })
    assert.equal(cell(regional, 'data-status="discussion"', '<td class="num"'), '0')

    const sochi = (await portalGet(client, portal, '/lawmaking/stats?municipality=sochi')).text()
    assert.equal(figure(sochi, 'drafts'), '1')
    assert.deepEqual(reactionRows(sochi), { on_time: '0', late: '1', pending: '0', without_remarks: '0', share: '0 %' })
    assert.match(sochi, /<option value="sochi" selected>/)
    const krasnodar = (await portalGet(client, portal, '/lawmaking/stats?municipality=krasnodar')).text()
    assert.equal(figure(krasnodar, 'drafts'), '1')
    assert.equal(figure(krasnodar, 'median'), '0')
    assert.equal(figure(krasnodar, 'on-time'), '—', 'no draft with remarks is due')
    assert.include(krasnodar, 'Замечаний пока нет.')
    const nowhere = (await portalGet(client, portal, '/lawmaking/stats?municipality=anapa')).text()
    assert.equal(figure(nowhere, 'drafts'), '0')
    assert.equal(figure(nowhere, 'median'), '—')

    const unknown = await portalGet(client, portal, '/lawmaking/stats?level=federal&municipality=%3Cscript%3E')
    unknown.assertStatus(200)
    assert.equal(figure(unknown.text(), 'drafts'), '6')
  })

  test('in English', async ({ assert, client }) => {
    const page = await portalGet(client, portal, '/lawmaking/stats?level=regional').header('x-locale', 'en')
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '<h1>Law-making statistics</h1>')
    assert.include(html, 'Drafts by stage and level')
    assert.include(html, 'Reaction on time')
    assert.include(html, 'Partly accepted')
    assert.match(html, /Residents(&#39;|&#x27;|')? initiatives by status/)
    assert.equal(figure(html, 'on-time'), '50 %')
    assert.equal(figure(html, 'median'), '1.5')
    assert.deepEqual(decisionRows(html).undecided, ['3', '42.9 %'])
  })

  test('signed in or not, the same figures; a body has no statistics page', async ({ assert, client }) => {
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    assert.equal(figure((await portalGet(client, portal, '/lawmaking/stats', session)).text(), 'drafts'), '6')
    ;(await client.get('/lawmaking/stats').header('host', hostOf(block.tenant))).assertStatus(404)
  })
})
