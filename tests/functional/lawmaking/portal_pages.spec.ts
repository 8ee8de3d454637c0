import { test } from '@japa/runner'
import { SaxesParser } from 'saxes'
import { regionToday } from '#core/region_time'
import { systemActor } from '#core/audit'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { DecideRemark } from '#modules/lawmaking/actions/decide_remark'
import { SaveDraft } from '#modules/lawmaking/actions/save_draft'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import Draft from '#modules/lawmaking/models/draft'
import User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { hostOf, inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { DateTime, VOLUNTEERS_LAW, dayAfterPeriod, lawmakingBlock } from '#tests/helpers/lawmaking'
import { clauseKeyOf, draftOf, portalGet, publicCopy } from '#tests/helpers/lawmaking_portal'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]

/** Draft titles in the catalogue's page, in order. */
const titlesIn = (html: string) => [...html.matchAll(/<h3 class="lm-draft__title"><a href="\/lawmaking\/drafts\/\d+">([^<]+)<\/a>/g)].map((match) => match[1])

test.group('Lawmaking | portal pages: catalogue, draft, redline, feed', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmpages_portal')
    block = await lawmakingBlock('lmpages_block')
  })

  test('the catalogue shows only what the bus brought, newest first, with stage, level, municipality, subject and "open now" filters', async ({ assert, client }) => {
    await draftOf(block, { title: 'О добровольчестве (каталог)' })
    await draftOf(block, { title: 'О парковках Сочи (каталог)', level: 'municipal', municipalityCode: 'sochi', subjectArea: 'transport' })
    await draftOf(block, { title: 'Черновик в подготовке (каталог)' }, false)
    await pump(all())

    const list = await portalGet(client, portal, '/lawmaking')
    list.assertStatus(200)
    const titles = titlesIn(list.text())
    assert.includeMembers(titles, ['О добровольчестве (каталог)', 'О парковках Сочи (каталог)'])
    assert.isBelow(titles.indexOf('О парковках Сочи (каталог)'), titles.indexOf('О добровольчестве (каталог)'), 'newest first')
    assert.notInclude(list.text(), 'Черновик в подготовке', 'a draft still in preparation in the block is not public')
    assert.include(list.text(), `Замечания до ${regionToday().plus({ days: 14 }).toFormat('dd.LL.yyyy')}`)

    const only = async (query: string) => titlesIn((await portalGet(client, portal, `/lawmaking?${query}`)).text()).filter((title) => title.endsWith('(каталог)'))
    assert.deepEqual(await only('level=municipal'), ['О парковках Сочи (каталог)'])
    assert.deepEqual(await only('municipality=sochi'), ['О парковках Сочи (каталог)'])
    assert.deepEqual(await only('subject=social'), ['О добровольчестве (каталог)'])
    assert.deepEqual(await only('subject=transport&level=regional'), [])
    assert.deepEqual(await only('stage=reaction'), [])
    assert.lengthOf(await only('open=true&stage=discussion'), 2)
    // filters it does not understand are left out, never an error
    assert.lengthOf(await only('stage=nonsense&subject=%3Cscript%3E'), 2)

    const english = await portalGet(client, portal, '/lawmaking?level=municipal').header('x-locale', 'en')
    assert.include(english.text(), 'Draft acts')
    assert.include(english.text(), 'Transport and roads')
    // the page of a block is not the portal's
    ;(await client.get('/lawmaking/feed.atom').header('host', hostOf(block.tenant))).assertStatus(404)
  })

  test('the catalogue pages by keyset: every draft once, newest first, filters kept on the links', async ({ assert, client }) => {
    // 45 municipal drafts of Anapa, several published in the same second (the id breaks the tie), written directly
    const expected = await inTenant(portal.tenant, async () => {
      const base = Date.parse('2026-03-01T10:00:00Z')
      await tenantDb().table('lawmaking_public_drafts').multiInsert(
        Array.from({ length: 45 }, (_, index) => ({
          origin_tenant: block.tenant.slug, origin_draft_id: 100000 + index, title: `Анапа, проект ${index + 1}`, kind: 'municipal_act', level: 'municipal',
          municipality_code: 'anapa', subject_area: 'housing', developer_code: 'roads', developer_name_ru: 'Управление', developer_name_en: 'Office',
          body_name_ru: 'Администрация', body_name_en: 'Administration', explanatory_note: '—', stage: 'completed', current_version: 1,
          published_at: new Date(base + Math.floor(index / 3) * 1000), updated_at: new Date(base),
        }))
      )
      const rows = await tenantDb().from('lawmaking_public_drafts').where('municipality_code', 'anapa').orderBy([{ column: 'published_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('title')
      return rows.map((row: { title: string }) => row.title)
    })
    const linkOf = (html: string, rel: 'next' | 'prev') => new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null
    const seen: string[] = []
    const pages: string[] = []
    let path: string | null = '/lawmaking?municipality=anapa'
    while (path) {
      assert.include(path, 'municipality=anapa')
      const page = await portalGet(client, portal, path)
      page.assertStatus(200)
      seen.push(...titlesIn(page.text()))
      pages.push(path)
      path = linkOf(page.text(), 'next')
    }
    assert.deepEqual(seen, expected)
    assert.lengthOf(pages, 3)
    const middle = await portalGet(client, portal, linkOf((await portalGet(client, portal, pages[2])).text(), 'prev')!)
    assert.deepEqual(titlesIn(middle.text()), expected.slice(20, 40))
  })

  test('the draft page: facts, days left, the clause tree with anchors and remark counts, versions and the timeline', async ({ assert, client }) => {
    const draftId = await draftOf(block, { title: 'О добровольчестве (страница)', explanatoryNote: 'Закон закрепляет меры поддержки добровольцев.' })
    await pump(all())
    const copy = await publicCopy(portal, block, draftId)
    const article1 = await clauseKeyOf(portal, copy.id, 'Статья 1')
    const point = await clauseKeyOf(portal, copy.id, '1)')
    await inTenant(portal.tenant, async () => new SubmitRemark().handle(copy.id, { clauseKey: article1, text: 'Уточнить предмет' }, await User.findOrFail(portal.citizen.id)))

    const page = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}`)
    page.assertStatus(200)
    const html = page.text()
    for (const fact of ['Закон края', 'Региональный', 'Социальная политика', 'Министерство транспорта и дорог', 'Закон закрепляет меры поддержки добровольцев.', 'Обсуждение']) assert.include(html, fact)
    const today = regionToday()
    assert.include(html, `${today.toFormat('dd.LL.yyyy')} — ${today.plus({ days: 14 }).toFormat('dd.LL.yyyy')}`)
    assert.match(html, /data-days-left="15">Осталось 15 дней, включая сегодня/)
    // nested lists: the point sits inside its part, inside its article
    assert.match(html, new RegExp(`<li id="clause-${article1}" data-clause="${article1}">`))
    assert.match(html, new RegExp(`href="/lawmaking/drafts/${copy.id}/clauses/${article1}" data-remarks="1">1 замечание`))
    assert.match(html, new RegExp(`href="/lawmaking/drafts/${copy.id}/clauses/${point}" data-remarks="0">замечаний нет`))
    assert.match(html, /<li id="clause-[^"]+" data-clause="[^"]+">\s*<div class="lm-clause">\s*<a class="lm-clause__label" href="#clause-[^"]+">Статья 2<\/a>[\s\S]*?<ul class="lm-clauses" role="list">[\s\S]*?>1\.<\/a>[\s\S]*?<ul class="lm-clauses" role="list">[\s\S]*?>1\)<\/a>/)
    assert.include(html, 'Редакция 1 от')
    assert.include(html, 'data-event="version_published"')
    assert.include(html, 'Опубликована редакция 1')
    assert.include(html, `Открыто публичное обсуждение: с ${today.toFormat('dd.LL.yyyy')} по ${today.plus({ days: 14 }).toFormat('dd.LL.yyyy')}`)

    const english = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}`).header('x-locale', 'en')
    assert.include(english.text(), 'Version 1 published')
    assert.include(english.text(), '15 days left, today included')
    ;(await portalGet(client, portal, `/lawmaking/drafts/${copy.id}?version=2`)).assertStatus(404)
    ;(await portalGet(client, portal, '/lawmaking/drafts/999999')).assertStatus(404)
    ;(await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/clauses/00000000-0000-4000-8000-000000000000`)).assertStatus(404)
  })

  test('after the period and every decision, version 2: its redline inline and side by side, "made on version N" on changed clauses, decisions on the timeline', async ({ assert, client }) => {
    const draftId = await draftOf(block, { title: 'О добровольчестве (редакции)' })
    await pump(all())
    const copy = await publicCopy(portal, block, draftId)
    const article1 = await clauseKeyOf(portal, copy.id, 'Статья 1')
    const article3 = await clauseKeyOf(portal, copy.id, 'Статья 3')
    const citizen = await inTenant(portal.tenant, () => User.findOrFail(portal.citizen.id))
    const onArticle1 = await inTenant(portal.tenant, () => new SubmitRemark().handle(copy.id, { clauseKey: article1, text: 'Уточнить круг отношений', proposedWording: 'Настоящий Закон регулирует общественные отношения в сфере добровольчества.' }, citizen))
    const onArticle3 = await inTenant(portal.tenant, () => new SubmitRemark().handle(copy.id, { clauseKey: article3, text: 'Сократить срок до семи дней' }, citizen))
    await pump(all())

    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    await pump(all())
    const closed = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}`)
    assert.include(closed.text(), 'Рассмотрение замечаний')
    const decideBy = (await inTenant(block.tenant, () => Draft.findOrFail(draftId))).decideBy!
    assert.include(closed.text(), `решения по всем замечаниям — до ${decideBy.toFormat('dd.LL.yyyy')}`)

    await inTenant(block.tenant, async () => {
      const received = await ReceivedRemark.query().where('draft_id', draftId).orderBy('id')
      const byOrigin = new Map(received.map((remark) => [remark.originRemarkId, remark.id]))
      await new DecideRemark().handle(byOrigin.get(onArticle1.id)!, { decision: 'accepted' }, block.roadsHead, systemActor('test'))
      await new DecideRemark().handle(byOrigin.get(onArticle3.id)!, { decision: 'rejected', reason: 'Срок установлен федеральным законом' }, block.roadsHead, systemActor('test'))
      const draft = await Draft.findOrFail(draftId)
      const text = VOLUNTEERS_LAW.replace('регулирует отношения', 'регулирует общественные отношения').replace('высший исполнительный орган края', 'Правительство края')
      await new SaveDraft().handle(
        { title: draft.title, kind: draft.kind, level: draft.level, subjectArea: draft.subjectArea, departmentId: draft.departmentId, responsibleId: draft.responsibleId, explanatoryNote: draft.explanatoryNote, text },
        block.roadsHead,
        systemActor('test'),
        draftId
      )
      await new PublishVersion().handle(draftId, { changeSummary: 'Учтено замечание к статье 1' }, block.roadsHead, systemActor('test'))
    })
    await pump(all())

    const page = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}`)
    assert.include(page.text(), 'Редакция 2 от')
    assert.include(page.text(), 'Учтено замечание к статье 1')
    assert.include(page.text(), `href="/lawmaking/drafts/${copy.id}/redline?from=1&to=2" data-redline`)
    assert.include(page.text(), `Решение по замечанию №${onArticle1.id} (Статья 1): учтено`)
    assert.include(page.text(), `Решение по замечанию №${onArticle3.id} (Статья 3): отклонено`)
    assert.include(page.text(), 'Срок установлен федеральным законом')
    assert.include(page.text(), 'Работа над проектом завершена (редакция 2)')
    // the first version stays readable
    assert.include((await portalGet(client, portal, `/lawmaking/drafts/${copy.id}?version=1`)).text(), 'Показана редакция 1; действующая — 2.')

    const inline = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/redline`)
    inline.assertStatus(200)
    assert.include(inline.text(), 'data-view="inline"')
    assert.include(inline.text(), 'Добавлено: 0, исключено: 0, изменено: 2, без изменений:')
    assert.match(inline.text(), /<ins><span class="visually-hidden">\[добавлено: <\/span>\s*общественные\s*<span class="visually-hidden">\]<\/span><\/ins>/)
    assert.match(inline.text(), /<del><span class="visually-hidden">\[исключено: <\/span>[^<]*высший[^<]*<span class="visually-hidden">\]<\/span><\/del>/)
    const side = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/redline?from=1&to=2&view=side`)
    assert.include(side.text(), 'data-view="side"')
    assert.include(side.text(), '<th scope="col">Редакция 1</th>')
    assert.include(side.text(), '<th scope="col">Редакция 2</th>')
    ;(await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/redline?from=2&to=1`)).assertStatus(404)
    ;(await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/redline?from=1&to=3`)).assertStatus(404)

    // the changed clause's remark was made on version 1; the unchanged clause's still applies as it is
    const changed = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/clauses/${article1}`)
    assert.include(changed.text(), 'регулирует общественные отношения')
    assert.match(changed.text(), new RegExp(`id="remark-${onArticle1.id}"[\\s\\S]*?data-earlier="1">к редакции 1<`))
    assert.include(changed.text(), 'Решение разработчика: учтено')
    const unchanged = await portalGet(client, portal, `/lawmaking/drafts/${copy.id}/clauses/${article3}`)
    assert.include(unchanged.text(), `id="remark-${onArticle3.id}"`)
    assert.notInclude(unchanged.text(), 'data-earlier=')
    assert.include(unchanged.text(), 'Решение разработчика: отклонено')

    // the author's page lists both with their decisions
    const session = await sessionOf(client, portal.host, portal.citizen.email)
    const mine = await portalGet(client, portal, '/lawmaking/my-remarks', session)
    assert.match(mine.text(), new RegExp(`data-my-remark="${onArticle3.id}"[\\s\\S]*?Статья 3[\\s\\S]*?data-decision="rejected"><strong>Решение разработчика: отклонено</strong>: Срок установлен федеральным законом`))
    assert.match(mine.text(), new RegExp(`data-my-remark="${onArticle1.id}"[\\s\\S]*?data-decision="accepted"`))
  })

  test('the Atom feed of new drafts parses with an independent XML parser', async ({ assert, client }) => {
    const draftId = await draftOf(block, { title: 'О ленте & «кавычках» <новых> проектов' })
    await pump(all())
    const copy = await publicCopy(portal, block, draftId)
    const response = await portalGet(client, portal, '/lawmaking/feed.atom')
    response.assertStatus(200)
    assert.match(String(response.header('content-type')), /^application\/atom\+xml/)

    const entries: Record<string, string>[] = []
    let root = ''
    let namespace = ''
    let current: Record<string, string> | null = null
    let path: string[] = []
    const parser = new SaxesParser({ xmlns: true })
    parser.on('opentag', (tag) => {
      path.push(tag.local)
      if (path.length === 1) {
        root = tag.local
        namespace = tag.uri
      }
      if (tag.local === 'entry') current = {}
      if (current && tag.local === 'link') current.link = String(tag.attributes.href?.value ?? '')
    })
    parser.on('text', (text) => {
      const name = path.at(-1)!
      if (current && path.at(-2) === 'entry') current[name] = (current[name] ?? '') + text
    })
    parser.on('closetag', (tag) => {
      if (tag.local === 'entry' && current) {
        entries.push(current)
        current = null
      }
      path = path.slice(0, -1)
    })
    parser.write(response.text()).close()

    assert.equal(root, 'feed')
    assert.equal(namespace, 'http://www.w3.org/2005/Atom')
    const entry = entries.find((candidate) => candidate.title === 'О ленте & «кавычках» <новых> проектов')
    assert.exists(entry)
    assert.equal(entry!.id, `http://${portal.host}/lawmaking/drafts/${copy.id}`)
    assert.equal(entry!.link, `http://${portal.host}/lawmaking/drafts/${copy.id}`)
    assert.isTrue(DateTime.fromISO(entry!.published).isValid)
    assert.isTrue(DateTime.fromISO(entry!.updated).isValid)
    assert.equal(entries[0].title, entry!.title, 'newest first')
  })
})
