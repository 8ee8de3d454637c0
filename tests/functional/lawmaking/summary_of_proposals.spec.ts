import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { systemActor } from '#core/audit'
import { tenantDb } from '#tenancy/tenant_model'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import type { RemarkDecisionInput } from '#modules/lawmaking/actions/decide_remark'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { SubmitRemark, type RemarkInput } from '#modules/lawmaking/actions/submit_remark'
import { moderateRemark } from '#modules/lawmaking/actions/moderate_remark'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import type User from '#modules/identity/models/user'
import {
  exportSummaryOfProposals,
  summaryOfProposals,
  summaryRemarks,
  writeSummaryPdf,
  writeSummaryXlsx,
  type SummaryOfProposals,
} from '#modules/lawmaking/exports/summary_of_proposals'
import { inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, dayAfterPeriod, lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { collectStream, openpyxlRows, popplerText, searchable, type OpenpyxlCell } from '#tests/helpers/documents'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

const texts = (row: OpenpyxlCell[]) => row.map((cell) => (cell.value === null ? '' : String(cell.value)))

/** A long remark: its table row is taller than a page of the PDF and goes on over the next. */
const LONG_REMARK = `${Array.from({ length: 700 }, (_, index) => `довод${index}`).join(' ')} КОНЕЦДОВОДОВ`

test.group('Lawmaking | summary of proposals', (group) => {
  let copy: PublicDraft
  let summary: SummaryOfProposals

  group.setup(async () => {
    portal = await problemsPortal('lm_sum_portal')
    block = await lawmakingBlock('lm_sum_block')
    // the citizen has a public name; the neighbour is known by the full name of the account
    await inTenant(portal.tenant, () => CitizenProfile.updateOrCreate({ userId: portal.citizen.id }, { displayName: 'Иван Петров', emailConfirmedAt: DateTime.now() }))

    const draftId = await publishedDraft(block)
    await pump(all())
    copy = await inTenant(portal.tenant, () => PublicDraft.query().where('origin_tenant', block.tenant.slug).where('origin_draft_id', draftId).firstOrFail())
    const keys = await inTenant(portal.tenant, async () => {
      const rows = await tenantDb()
        .from('lawmaking_public_clauses as c')
        .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
        .where('v.draft_id', copy.id)
        .select('c.label', 'c.clause_key')
      return new Map(rows.map((row: any) => [row.label, row.clause_key as string]))
    })
    const remark = (author: User, label: string, input: Omit<RemarkInput, 'clauseKey'>) =>
      inTenant(portal.tenant, () => new SubmitRemark().handle(copy.id, { clauseKey: keys.get(label)!, ...input }, author))

    // made out of clause order on purpose: the summary follows the text
    const onArticle3 = await remark(portal.neighbour, 'Статья 3', { text: 'Оскорбительный текст замечания', reason: 'Просто так' })
    const onArticle1 = await remark(portal.citizen, 'Статья 1', {
      text: 'Уточнить круг отношений',
      fragment: 'регулирует отношения',
      proposedWording: 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.',
      reason: 'Точнее определяет предмет',
    })
    const onPart1 = await remark(portal.neighbour, '1.', { text: 'Добавить финансовую поддержку', proposedWording: '3) финансовую.' })
    const secondOnArticle1 = await remark(portal.citizen, 'Статья 1', { text: LONG_REMARK })
    // left without a decision
    await remark(portal.neighbour, 'Статья 2', { text: 'Меры поддержки перечислить полнее' })
    // a reply is discussion, not a proposal: it is not in the summary
    await remark(portal.neighbour, 'Статья 1', { text: 'Поддерживаю это замечание', parentId: onArticle1.id })
    await pump(all())

    // the period ends (the day after it, whatever today is), and the developer decides
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    const decide = (portalRemarkId: number, input: RemarkDecisionInput) =>
      inTenant(block.tenant, async () => {
        const received = await ReceivedRemark.query().where('origin_tenant', portal.tenant.slug).where('origin_remark_id', portalRemarkId).firstOrFail()
        await new DecideRemark().handle(received.id, input, block.roadsHead, systemActor('test'))
      })
    await decide(onArticle1.id, { decision: 'accepted' })
    await decide(secondOnArticle1.id, { decision: 'partly_accepted', reason: 'Учтено в части статьи 1' })
    await decide(onPart1.id, { decision: 'rejected', reason: 'Финансовая поддержка установлена другим законом' })
    await decide(onArticle3.id, { decision: 'out_of_scope', reason: 'Не относится к предмету проекта' })
    await inTenant(portal.tenant, () => moderateRemark(onArticle3.id, true, 'Нарушает правила портала', systemActor('test')))
    await pump(all())

    summary = (await inTenant(portal.tenant, () => summaryOfProposals(copy.id, 1)))!
  })

  test('the header counts every proposal of the version by decision; a missing version is null', async ({ assert }) => {
    assert.equal(summary.draft.title, 'О поддержке добровольчества в Краснодарском крае')
    assert.equal(summary.version.number, 1)
    assert.isNotNull(summary.period)
    assert.deepEqual(summary.counts, { total: 5, accepted: 1, partly_accepted: 1, rejected: 1, out_of_scope: 1, undecided: 1, hidden: 1 })
    assert.isNull(await inTenant(portal.tenant, () => summaryOfProposals(copy.id, 2)))
    assert.isNull(await inTenant(portal.tenant, () => summaryOfProposals(copy.id + 1000)))
    assert.isNull(await inTenant(portal.tenant, () => exportSummaryOfProposals(copy.id, 7, 'pdf', 'ru')))
  })

  test('remarks come in keyset batches in clause order, the same whatever the batch size', async ({ assert }) => {
    const read = async (size: number) => {
      const ids: number[] = []
      await inTenant(portal.tenant, async () => {
        for await (const batch of summaryRemarks(summary, size)) ids.push(...batch.map((remark) => remark.id))
      })
      return ids
    }
    const whole = await read(1000)
    assert.lengthOf(whole, 5)
    assert.deepEqual(await read(2), whole)
    assert.deepEqual(await read(1), whole)
  })

  test('XLSX read by openpyxl: a row per remark grouped by clause, public names, decisions and reasons; hidden words omitted', async ({ assert }) => {
    const xlsx = await inTenant(portal.tenant, () => collectStream((output) => writeSummaryXlsx(summary, output, i18nManager.locale('ru'))))
    const rows = await openpyxlRows(xlsx)
    const cells = rows.map(texts)
    assert.equal(cells[0][0], 'Сводка предложений')
    const fact = (label: string) => cells.find((row) => row[0] === label)?.[2]
    assert.equal(fact('Проект'), 'О поддержке добровольчества в Краснодарском крае')
    assert.equal(fact('Вид акта'), 'Закон')
    assert.equal(fact('Разработчик'), 'Министерство транспорта и дорог')
    assert.match(fact('Период публичного обсуждения')!, /^\d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}$/)
    assert.equal(fact('Всего замечаний'), '5')
    assert.equal(fact('Отклонено'), '1')
    assert.equal(fact('Скрыто модератором'), '1')

    const headerAt = cells.findIndex((row) => row[0] === '№')
    assert.deepEqual(cells[headerAt], [
      '№', 'Пункт', 'Текст пункта', 'Автор', 'Дата', 'Фрагмент', 'Замечание', 'Предлагаемая редакция', 'Обоснование', 'Решение', 'Причина решения', 'Дата решения',
    ])
    const table = rows.slice(headerAt + 1)
    const body = cells.slice(headerAt + 1)
    assert.lengthOf(body, 5)
    // clause order of the text: article 1 (two remarks, in the order made), article 2, its part 1, article 3
    assert.deepEqual(body.map((row) => row[1]), ['Статья 1', 'Статья 1', 'Статья 2', '1.', 'Статья 3'])
    assert.deepEqual(body.map((row) => row[0]), ['1', '2', '3', '4', '5'])
    assert.deepEqual(body.map((row) => row[3]), ['Иван Петров', 'Иван Петров', portal.neighbour.fullName, portal.neighbour.fullName, portal.neighbour.fullName])
    assert.deepEqual(body.map((row) => row[9]), ['Учтено', 'Учтено частично', 'Решение не принято', 'Отклонено', 'Вне предмета регулирования'])
    assert.equal(body[0][2], 'Предмет регулирования Настоящий Закон регулирует отношения в сфере добровольчества.')
    assert.deepEqual(body[0].slice(5, 9), ['регулирует отношения', 'Уточнить круг отношений', 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.', 'Точнее определяет предмет'])
    assert.equal(body[1][6], LONG_REMARK)
    assert.equal(body[1][10], 'Учтено в части статьи 1')
    assert.equal(body[3][10], 'Финансовая поддержка установлена другим законом')
    // the hidden remark: its decision and the moderator's reason, not its words
    assert.deepEqual(body[4].slice(5, 11), ['', 'Скрыто модератором: Нарушает правила портала', '', '', 'Вне предмета регулирования', 'Не относится к предмету проекта'])
    // dates are date cells; a remark without a decision has no decision date
    assert.equal(table[0][4].type, 'd')
    assert.equal(table[0][4].format, 'dd.mm.yyyy hh:mm')
    assert.equal(table[0][11].type, 'd')
    assert.isNull(table[2][11].value)

    const everything = cells.flat().join('\n')
    assert.notInclude(everything, 'Оскорбительный текст')
    assert.notInclude(everything, 'Поддерживаю это замечание', 'replies are not proposals')
    assert.notInclude(everything, '@', 'never an e-mail address')
  })

  test('PDF read by pdftotext: header, clauses with their remarks, decisions and reasons in Russian; a remark taller than a page goes on', async ({ assert }) => {
    const pdf = await inTenant(portal.tenant, () => collectStream((output) => writeSummaryPdf(summary, output, i18nManager.locale('ru'))))
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const text = searchable(await popplerText(pdf))
    // one-line texts are found whole; cells that wrap are found word by word (other cells' lines stand between)
    for (const expected of [
      'Сводка предложений',
      'О поддержке добровольчества в Краснодарском крае',
      'Министерство транспорта и дорог',
      'Всего замечаний: 5; учтено: 1; учтено частично: 1; отклонено: 1; вне предмета регулирования: 1; решение не принято: 1; скрыто модератором: 1',
      'Статья 1 Предмет регулирования',
      'Иван Петров',
      'Уточнить круг отношений',
      'Учтено в части статьи 1',
      'Отклонено',
    ]) {
      assert.include(text, expected)
    }
    const words = new Set(text.split(' '))
    for (const wrapped of ['Точнее определяет предмет', 'Финансовая поддержка установлена другим законом', 'Скрыто модератором: Нарушает правила портала', 'Не относится к предмету проекта', 'Учтено частично', 'Решение не принято']) {
      for (const word of wrapped.split(' ')) assert.isTrue(words.has(word), `«${word}» of «${wrapped}» is in the PDF`)
    }
    // the remark taller than a page goes on to its last word
    assert.isTrue(words.has('довод699') && words.has('КОНЕЦДОВОДОВ'))
    assert.notInclude(text, 'Оскорбительный')
    assert.notInclude(text, 'Поддерживаю это замечание')
    assert.notInclude(text, '@')
    // clause order: article 1 before article 2's part 1 before article 3
    const at = (word: string) => text.indexOf(word)
    assert.isAbove(at('Уточнить'), 0)
    assert.isBelow(at('Уточнить'), at('Добавить'))
    assert.isBelow(at('Добавить'), at('Нарушает'))
  })

  test('in English through the one call the portal controller makes', async ({ assert }) => {
    const exported = (await inTenant(portal.tenant, () => exportSummaryOfProposals(copy.id, null, 'pdf', 'en')))!
    assert.equal(exported.contentType, 'application/pdf')
    // a language other than the default one is in the name, so both can be kept side by side
    assert.equal(exported.fileName, `summary-of-proposals-${copy.id}-v1-en.pdf`)
    const text = searchable(await popplerText(await inTenant(portal.tenant, () => collectStream(exported.write))))
    for (const expected of ['Summary of proposals', 'Developer: Roads', 'Rejected', 'Remarks in all: 5; accepted: 1; partly accepted: 1']) {
      assert.include(text, expected)
    }
    for (const word of ['Partly', 'Hidden', 'moderation:']) assert.include(text.split(' '), word)
    const xlsx = (await inTenant(portal.tenant, () => exportSummaryOfProposals(copy.id, 1, 'xlsx', 'en')))!
    const cells = (await openpyxlRows(await inTenant(portal.tenant, () => collectStream(xlsx.write)))).map(texts)
    assert.equal(cells[0][0], 'Summary of proposals')
    assert.equal(cells.find((row) => row[0] === 'Kind of act')?.[2], 'Law')
    assert.includeMembers(cells.flat(), ['Accepted', 'Out of scope'])
  })
})
