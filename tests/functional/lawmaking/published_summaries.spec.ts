import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { systemActor } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import { queueService } from '#queue/queue_service'
import Draft from '#modules/lawmaking/models/draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import type { RemarkDecisionInput } from '#modules/lawmaking/actions/decide_remark'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { closeEndedConsultations, CompleteDraft } from '#modules/lawmaking/actions/change_stage'
import PublishSummaryJob, { type PublishSummaryPayload } from '#modules/lawmaking/jobs/publish_summary_job'
import type { SummaryFile } from '#modules/lawmaking/services/published_summaries'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import type PublicDraft from '#modules/lawmaking/models/public_draft'
import { hostOf, inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { clauseKeyOf, publicCopy } from '#tests/helpers/lawmaking_portal'
import { openpyxlRows, popplerText, searchable } from '#tests/helpers/documents'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

/** A draft of the block discussed on the portal: three remarks, the period over (whatever today is), two decided. */
async function discussedDraft() {
  const draftId = await publishedDraft(block)
  await pump(all())
  const copy = await publicCopy(portal, block, draftId)
  const remark = async (author: typeof portal.citizen, label: string, text: string) =>
    (await inTenant(portal.tenant, async () => new SubmitRemark().handle(copy.id, { clauseKey: await clauseKeyOf(portal, copy.id, label), text, reason: 'Так яснее' }, author))).id
  const remarks = {
    first: await remark(portal.citizen, 'Статья 1', 'Уточнить круг отношений'),
    second: await remark(portal.neighbour, 'Статья 2', 'Перечислить меры полнее'),
    third: await remark(portal.neighbour, 'Статья 3', 'Сократить срок вступления в силу'),
  }
  await pump(all())
  await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
  await decide(remarks.first, { decision: 'accepted' })
  await decide(remarks.second, { decision: 'rejected', reason: 'Меры установлены другим законом' })
  await pump(all())
  return { draftId, copy, remarks }
}

async function decide(portalRemarkId: number, input: RemarkDecisionInput) {
  await inTenant(block.tenant, async () => {
    const received = await ReceivedRemark.query().where('origin_tenant', portal.tenant.slug).where('origin_remark_id', portalRemarkId).firstOrFail()
    await new DecideRemark().handle(received.id, input, block.roadsHead, systemActor('test'))
  })
}

function summaryRows(copy: PublicDraft): Promise<SummaryFile[]> {
  return inTenant(portal.tenant, () => tenantDb().from('lawmaking_summaries').where('draft_id', copy.id).orderBy('locale', 'desc').orderBy('format'))
}

const jobIdOf = (copy: PublicDraft, version: number, locale: string, generation: number) =>
  `lawmaking.publish_summary.${portal.tenant.slug}.${copy.id}.${version}.${locale}.${generation}`

/** Runs the queued job of a generation as the worker would (in the portal's scope), and takes it off the queue. */
async function runQueued(copy: PublicDraft, version: number, locale: string, generation: number) {
  const job = await queueService.queue.getJob(jobIdOf(copy, version, locale, generation))
  if (!job) throw new Error(`no job ${jobIdOf(copy, version, locale, generation)} in the queue`)
  const result = await inTenant(portal.tenant, () => new PublishSummaryJob().handle(job.data.payload as unknown as PublishSummaryPayload))
  await job.remove()
  return result as Record<string, unknown>
}

const get = (client: any, path: string, host = portal.host) => client.get(path).header('host', host)

test.group('Lawmaking | published summary of proposals', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lm_pubsum_portal')
    block = await lawmakingBlock('lm_pubsum_block')
    await inTenant(portal.tenant, () => CitizenProfile.updateOrCreate({ userId: portal.citizen.id }, { displayName: 'Иван Петров', emailConfirmedAt: DateTime.now() }))
  })

  test('version 2 arriving queues the summary of version 1 in both languages; the route answers 202 until the job has written both files, then serves them', async ({ assert, client }) => {
    const { draftId, copy, remarks } = await discussedDraft()
    await decide(remarks.third, { decision: 'out_of_scope', reason: 'Не относится к проекту' })
    const draft = await inTenant(block.tenant, () => Draft.findOrFail(draftId))
    await inTenant(block.tenant, async () => {
      await new SaveDraft().handle(
        { title: draft.title, kind: draft.kind, level: draft.level, subjectArea: draft.subjectArea, departmentId: draft.departmentId, responsibleId: draft.responsibleId, explanatoryNote: draft.explanatoryNote, text: VOLUNTEERS_LAW.replace('регулирует отношения', 'регулирует общественные отношения') },
        block.roadsHead,
        systemActor('test'),
        draftId
      )
      await new PublishVersion().handle(draftId, { changeSummary: 'Учтено замечание к статье 1' }, block.roadsHead, systemActor('test'))
    })
    await pump(all())

    // the bus handler queued, after its commit, one job per language for version 1
    const queued = await summaryRows(copy)
    assert.deepEqual(queued.map((row) => [row.version_number, row.locale, row.format, row.status, row.generation]), [
      [1, 'ru', 'pdf', 'queued', 1],
      [1, 'ru', 'xlsx', 'queued', 1],
      [1, 'en', 'pdf', 'queued', 1],
      [1, 'en', 'xlsx', 'queued', 1],
    ])
    for (const locale of ['ru', 'en']) assert.exists(await queueService.queue.getJob(jobIdOf(copy, 1, locale, 1)), locale)

    // not ready: 202 with a page that shows the progress and reloads itself, or JSON; asking again queues nothing more
    const pending = await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf`)
    pending.assertStatus(202)
    assert.include(pending.text(), 'data-reload-seconds="3"')
    assert.notInclude(pending.text(), 'http-equiv="refresh"', 'a timed refresh nobody can stop (WCAG 2.2.1)')
    assert.include(pending.text(), 'Сводка предложений готовится')
    assert.match(pending.text(), /<progress max="100" value="0"/)
    const asJson = await get(client, `/lawmaking/drafts/${copy.id}/summary.xlsx?version=1&lang=en`).header('accept', 'application/json')
    asJson.assertStatus(202)
    asJson.assertBody({ status: 'queued', progress: 0 })
    assert.deepEqual((await summaryRows(copy)).map((row) => row.generation), [1, 1, 1, 1])

    // the worker's turn
    const ru = await runQueued(copy, 1, 'ru', 1)
    assert.deepEqual(Object.keys(ru.done as object).sort(), ['pdf', 'xlsx'])
    await runQueued(copy, 1, 'en', 1)
    const done = await summaryRows(copy)
    assert.deepEqual(done.map((row) => [row.status, row.progress, row.remarks_count]), Array(4).fill(['done', 100, 3]))
    // stored under the portal's own prefix, one key per version, language and generation
    for (const row of done) {
      assert.equal(row.storage_key, `tenants/${portal.tenant.slug}/lawmaking/summaries/${copy.id}/v1-${row.locale}-g1.${row.format}`)
      assert.isTrue(await drive.use().exists(row.storage_key!))
    }

    const pdf = await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    assert.equal(pdf.header('content-disposition'), `attachment; filename="summary-of-proposals-${copy.id}-v1.pdf"`)
    assert.equal(Number(pdf.header('content-length')), pdf.body().length)
    assert.equal(Number(done.find((row) => row.locale === 'ru' && row.format === 'pdf')!.size), pdf.body().length)
    const text = searchable(await popplerText(pdf.body()))
    for (const expected of ['Сводка предложений', 'Иван Петров', 'Уточнить круг отношений', 'Учтено', 'Отклонено', 'Всего замечаний: 3; учтено: 1; учтено частично: 0; отклонено: 1; вне предмета регулирования: 1; решение не принято: 0']) {
      assert.include(text, expected)
    }

    const xlsx = await get(client, `/lawmaking/drafts/${copy.id}/summary.xlsx?lang=en`)
    xlsx.assertStatus(200)
    assert.equal(xlsx.header('content-disposition'), `attachment; filename="summary-of-proposals-${copy.id}-v1-en.xlsx"`)
    const cells = (await openpyxlRows(xlsx.body())).map((row) => row.map((cell) => (cell.value === null ? '' : String(cell.value))))
    assert.equal(cells[0][0], 'Summary of proposals')
    assert.includeMembers(cells.flat(), ['Уточнить круг отношений', 'Accepted', 'Rejected', 'Out of scope', 'Меры установлены другим законом'])

    // nothing changed: the same job again does nothing, and asking again queues nothing
    assert.deepEqual(await inTenant(portal.tenant, () => new PublishSummaryJob().handle({ draftId: copy.id, versionNumber: 1, locale: 'ru', generation: 1 })), { skipped: 'not queued' })
    ;(await get(client, `/lawmaking/drafts/${copy.id}/summary.xlsx?version=1`)).assertStatus(200)
    assert.deepEqual((await summaryRows(copy)).map((row) => row.generation), [1, 1, 1, 1])

    // the draft page links both formats of version 1 (its discussion ended); version 2 has no discussion of its own yet
    const page = await get(client, `/lawmaking/drafts/${copy.id}`)
    page.assertStatus(200)
    assert.include(page.text(), 'Сводка предложений')
    assert.include(page.text(), `href="/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru"`)
    assert.include(page.text(), `href="/lawmaking/drafts/${copy.id}/summary.xlsx?version=1&lang=ru"`)
    assert.notInclude(page.text(), 'data-summary-version="2"')
  }).timeout(120_000)

  test('a newer decision makes a new stamp: the file is written again; completion queues only what is not current', async ({ assert, client }) => {
    const { draftId, copy, remarks } = await discussedDraft()
    // in the reaction stage the current version's discussion has ended: the page offers its summary
    const page = await get(client, `/lawmaking/drafts/${copy.id}`)
    assert.include(page.text(), 'data-summary-version="1"')

    const first = await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`)
    first.assertStatus(202)
    const [generation] = (await summaryRows(copy)).map((row) => row.generation)
    assert.equal(generation, 1)
    await runQueued(copy, 1, 'ru', 1)
    const before = searchable(await popplerText((await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`)).body()))
    assert.include(before, 'решение не принято: 1')

    // the developer decides the last remark: the stamp moves, the file is out of date
    await decide(remarks.third, { decision: 'partly_accepted', reason: 'Срок сокращён до семи дней' })
    await pump(all())
    const stale = await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`)
    stale.assertStatus(202)
    const requeued = await summaryRows(copy)
    assert.deepEqual(requeued.map((row) => [row.locale, row.status, row.generation]), [['ru', 'queued', 2], ['ru', 'queued', 2]])

    // while it runs the page shows how far it got
    await inTenant(portal.tenant, () => tenantDb().from('lawmaking_summaries').where('draft_id', copy.id).where('format', 'pdf').update({ status: 'running', progress: 40, updated_at: new Date() }))
    const running = await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`)
    running.assertStatus(202)
    assert.match(running.text(), /<progress max="100" value="40"/)
    const runningJson = await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`).header('accept', 'application/json')
    runningJson.assertBody({ status: 'running', progress: 40 })

    const result = await runQueued(copy, 1, 'ru', 2)
    assert.exists(result.done)
    const after = await summaryRows(copy)
    for (const row of after) assert.equal(row.storage_key, `tenants/${portal.tenant.slug}/lawmaking/summaries/${copy.id}/v1-ru-g2.${row.format}`)
    // the first generation's files are gone
    assert.isFalse(await drive.use().exists(`tenants/${portal.tenant.slug}/lawmaking/summaries/${copy.id}/v1-ru-g1.pdf`))
    const now = searchable(await popplerText((await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=1&lang=ru`)).body()))
    assert.include(now, 'решение не принято: 0')
    assert.include(now, 'Срок сокращён до семи дней')

    // the developer closes the reaction: the portal queues the summary of version 1, but the Russian files are current
    await inTenant(block.tenant, () => new CompleteDraft().handle(draftId, systemActor('test')))
    await pump(all())
    const completed = await summaryRows(copy)
    assert.deepEqual(completed.map((row) => [row.locale, row.format, row.status, row.generation]), [
      ['ru', 'pdf', 'done', 2],
      ['ru', 'xlsx', 'done', 2],
      ['en', 'pdf', 'queued', 1],
      ['en', 'xlsx', 'queued', 1],
    ])
    assert.isNull(await queueService.queue.getJob(jobIdOf(copy, 1, 'ru', 3)))
    await runQueued(copy, 1, 'en', 1)
  }).timeout(120_000)

  test('404 for an unknown draft, version, language or format; a block cannot reach the route', async ({ client }) => {
    const draftId = await publishedDraft(block)
    await pump(all())
    const copy = await publicCopy(portal, block, draftId)
    ;(await get(client, `/lawmaking/drafts/${copy.id + 1000}/summary.pdf`)).assertStatus(404)
    ;(await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=7`)).assertStatus(404)
    ;(await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?version=0`)).assertStatus(404)
    ;(await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf?lang=de`)).assertStatus(404)
    ;(await get(client, `/lawmaking/drafts/${copy.id}/summary.docx`)).assertStatus(404)
    ;(await get(client, `/lawmaking/drafts/${copy.id}/summary.pdf`, hostOf(block.tenant))).assertStatus(404)
    // nothing was queued by any of these
    const rows = await inTenant(portal.tenant, () => tenantDb().from('lawmaking_summaries').where('draft_id', copy.id))
    if (rows.length) throw new Error('a refused request queued a summary')
  })
})
