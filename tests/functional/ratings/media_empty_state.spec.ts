import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ordersOffice, type OrdersOffice } from '#tests/helpers/orders'
import { SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { LOCALE_COOKIE } from '#middleware/detect_locale_middleware'

let office: OrdersOffice
let session: string

test.group('Media | the dashboard without publications says so', (group) => {
  group.setup(async () => {
    office = await ordersOffice('media_empty')
  })
  group.each.setup(async ({ context }) => {
    session = await sessionOf(context.client, office.host, office.head.email)
  })

  test('no publications: one empty state saying how to add them, no charts or tables of zeros', async ({ assert, client }) => {
    const page = await client.get('/media').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    assert.include(page.text(), 'data-empty-state')
    page.assertTextIncludes('Публикаций пока нет')
    page.assertTextIncludes('За последние 12 месяцев публикаций в СМИ не учтено.')
    page.assertTextIncludes('Введите публикацию вручную, загрузите таблицу CSV или XLSX или подключите ленту RSS/Atom.')
    assert.notInclude(page.text(), '<table')
    assert.notInclude(page.text(), '<canvas')

    const english = await client.get('/media?months=6').header('host', office.host).withCookie(SESSION_COOKIE, session).withPlainCookie(LOCALE_COOKIE, 'en')
    english.assertTextIncludes('No media publications recorded in the last 6 months.')
  })

  test('a publication brings the charts and tables; a filter matching nothing says so and offers to show all', async ({ assert, client }) => {
    const added = await submitForm(client, office.host, session, '/media/entry', '/media/items', {
      outlet: 'Кубанские новости',
      publishedOn: DateTime.now().toISODate()!,
      title: 'Минздрав открыл новую поликлинику',
      url: 'https://kubnews.example/empty-state-clinic',
      topic: 'Здравоохранение',
      tone: 'positive',
    })
    added.assertTextIncludes('Публикация добавлена.')
    const page = await client.get('/media').header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.notInclude(page.text(), 'data-empty-state')
    assert.include(page.text(), '<table')
    page.assertTextIncludes('Минздрав открыл новую поликлинику')

    const filtered = await client.get('/media?topic=Дороги').header('host', office.host).withCookie(SESSION_COOKIE, session)
    assert.include(filtered.text(), 'data-empty-state')
    filtered.assertTextIncludes('По выбранному отбору публикаций нет.')
    assert.include(filtered.text(), '<a href="/media">Показать все публикации</a>')
  })
})
