import { test } from '@japa/runner'
import { tenantDb } from '#tenancy/tenant_model'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { inTenant } from '#tests/helpers/tenants'
import { publishDirectoryOf, pump, sessionOf } from '#tests/helpers/problems'
import { postForm, rowOf, suggestionsMunicipality, suggestionsPortal, type SuggestionsPortal } from '#tests/helpers/suggestions'

let portal: SuggestionsPortal
let town: Awaited<ReturnType<typeof suggestionsMunicipality>>

async function sentToTown(client: any, title: string, category = 'order_change') {
  const author = await sessionOf(client, portal.host, portal.citizen.email)
  const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', {
    category,
    title,
    content: 'Изменить порядок приёма заявлений на благоустройство дворов: принимать их через портал.',
    municipalityCode: 'tbilissky',
    bodySlug: 'tbilissky',
  }, { json: true })
  submitted.assertStatus(200)
  const id = submitted.body().id as number
  const moderator = await sessionOf(client, portal.host, portal.moderator.email)
  ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {})).assertStatus(302)
  ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/send`, {})).assertStatus(302)
  await pump([portal.tenant, town.tenant])
  return { id, found: await rowOf(town.tenant, 'suggestion_cases', { origin_suggestion_id: id }) }
}

test.group('Suggestions | answers and moderation decisions', (group) => {
  group.setup(async () => {
    portal = await suggestionsPortal('sga_portal')
    town = await suggestionsMunicipality('tbilissky')
    await publishDirectoryOf(town)
    await pump([portal.tenant, town.tenant])
  })

  test('planned (a date is required) and rejected (with reasons) are published; the statistics count them', async ({ assert, client }) => {
    const head = await sessionOf(client, town.host, town.head.email)
    const planned = await sentToTown(client, 'Приём заявлений на благоустройство через портал')
    const answer = (found: { id: number }, fields: Record<string, string>, locale: 'ru' | 'en' = 'ru') =>
      postForm(client, town.host, head, `/suggestions/inbox/${found.id}`, `/suggestions/inbox/${found.id}/answer`, fields, { json: true, locale })
    const noDate = await answer(planned.found, { kind: 'planned', answer: 'Сделаем в следующем году.' })
    noDate.assertStatus(422)
    assert.equal(noDate.body().errors[0].field, 'plannedOn')
    const badKind = await answer(planned.found, { kind: 'maybe', answer: 'Подумаем над этим.' }, 'en')
    badKind.assertStatus(422)
    assert.equal(badKind.body().errors[0].field, 'kind')
    // an initiative only for an accepted regulatory-document suggestion
    const initiative = await answer(planned.found, { kind: 'accepted', answer: 'Принимаем предложение.', initiativeTitle: 'О порядке благоустройства' })
    initiative.assertStatus(422)
    assert.equal(initiative.body().errors[0].field, 'initiativeTitle')
    ;(await answer(planned.found, { kind: 'planned', answer: 'Приём через портал откроем к весне.', plannedOn: '2031-03-01' })).assertStatus(302)

    const rejected = await sentToTown(client, 'Отменить плату за парковку у рынка')
    ;(await answer(rejected.found, { kind: 'rejected', answer: 'Плата за парковку установлена решением совета, основания для отмены нет.' })).assertStatus(302)
    await pump([portal.tenant, town.tenant])

    const plannedRow = await rowOf(portal.tenant, 'suggestions', { id: planned.id })
    assert.equal(plannedRow.status, 'planned')
    const page = await client.get(`/suggestions/${planned.id}`).header('host', portal.host)
    assert.include(page.text(), 'Срок реализации: 01.03.2031')
    assert.equal((await rowOf(portal.tenant, 'suggestions', { id: rejected.id })).status, 'rejected')
    assert.include((await client.get(`/suggestions/${rejected.id}`).header('host', portal.host)).text(), 'основания для отмены нет')
    // the inbox lists them under their statuses
    assert.include((await client.get('/suggestions/inbox?status=planned').header('host', town.host).withCookie(SESSION_COOKIE, head)).text(), `data-case="${planned.found.id}"`)
    assert.include((await client.get('/suggestions/inbox?status=rejected').header('host', town.host).withCookie(SESSION_COOKIE, head)).text(), `data-case="${rejected.found.id}"`)
    const stats = await client.get('/suggestions/stats').header('host', portal.host)
    assert.match(stats.text(), /data-body-stats="tbilissky"[\s\S]*?data-accepted>50 %/)
  })

  test('a declined suggestion: the author sees why, nobody else sees it; only public ones gather support', async ({ assert, client }) => {
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', {
      category: 'other',
      title: 'Реклама магазина под видом предложения',
      content: 'Покупайте у нас: лучшие цены в районе, доставка бесплатно каждый день.',
      municipalityCode: 'tbilissky',
      bodySlug: 'tbilissky',
    }, { json: true })
    const id = submitted.body().id as number
    const neighbour = await sessionOf(client, portal.host, portal.neighbour.email)
    // not yet public: it cannot be supported (nor even seen)
    ;(await postForm(client, portal.host, neighbour, '/suggestions', `/suggestions/${id}/support`, {}, { json: true })).assertStatus(404)
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    const noReason = await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/decline`, {}, { json: true })
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/decline`, { reason: 'Реклама, а не предложение' })).assertStatus(302)
    // publishing a declined one is a refused transition
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {}, { json: true })).assertStatus(409)
    const own = await client.get(`/suggestions/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, author)
    own.assertStatus(200)
    assert.include(own.text(), 'Реклама, а не предложение')
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, neighbour)).assertStatus(404)
    const told = await inTenant(portal.tenant, () => tenantDb().from('notifications').where({ kind: 'suggestion.declined', user_id: portal.citizen.id }).first())
    assert.isNotNull(told)
    // my suggestions lists it with its status
    const mine = await client.get('/suggestions/my').header('host', portal.host).withCookie(SESSION_COOKIE, author)
    assert.match(mine.text(), new RegExp(`data-suggestion="${id}"[\\s\\S]*?data-status="declined"`))
  })

  test('flagged through the one moderation queue: three reports from different people hide it everywhere', async ({ assert, client }) => {
    const author = await sessionOf(client, portal.host, portal.citizen.email)
    const submitted = await postForm(client, portal.host, author, '/suggestions/new', '/suggestions', {
      category: 'other',
      title: 'Спорное предложение о сносе сквера',
      content: 'Снести сквер у вокзала и построить на его месте торговый центр с парковкой.',
      municipalityCode: 'tbilissky',
      bodySlug: 'tbilissky',
    }, { json: true })
    const id = submitted.body().id as number
    const moderator = await sessionOf(client, portal.host, portal.moderator.email)
    ;(await postForm(client, portal.host, moderator, '/suggestions/moderation', `/suggestions/${id}/publish`, {})).assertStatus(302)
    const page = await client.get(`/suggestions/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, await sessionOf(client, portal.host, portal.neighbour.email))
    assert.include(page.text(), 'data-flag-kind="suggestions.suggestion"')
    for (const person of [portal.neighbour, portal.third, portal.fourth]) {
      const session = await sessionOf(client, portal.host, person.email)
      const flagged = await postForm(client, portal.host, session, `/suggestions/${id}`, '/moderation/flags', { kind: 'suggestions.suggestion', id: String(id), reason: 'offensive' }, { json: true })
      flagged.assertStatus(201)
    }
    assert.isNotNull((await rowOf(portal.tenant, 'suggestions', { id })).hidden_at)
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host)).assertStatus(404)
    assert.notInclude((await client.get('/suggestions').header('host', portal.host)).text(), `data-suggestion="${id}"`)
    ;(await client.get(`/suggestions/${id}`).header('host', portal.host).withCookie(SESSION_COOKIE, author)).assertStatus(200)
  })
})
