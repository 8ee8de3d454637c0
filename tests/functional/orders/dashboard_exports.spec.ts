import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ordersOffice, tokensFor, type OrdersOffice } from '#tests/helpers/orders'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'
import { pdfText, xlsxRows } from '#tests/helpers/documents'

let office: OrdersOffice

test.group('Orders | dashboard and exports', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_export')
  })

  test('the dashboard counts overdue and on-time orders per department', async ({ client }) => {
    const tokens = await tokensFor(client, office)
    const create = (text: string, deadline: string, department: number) =>
      client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
        type: 'order', text, deadlineKeyword: 'date', deadline, responsible: `department:${department}`, issue: true,
      })
    ;(await create('Просроченное поручение по здравоохранению', DateTime.now().minus({ days: 10 }).toISODate()!, office.departments.health.id)).assertStatus(201)
    ;(await create('Поручение дорожникам на следующий месяц', DateTime.now().plus({ days: 40 }).toISODate()!, office.departments.roads.id)).assertStatus(201)

    const { session } = await signIn(client, office.host, office.head.email)
    const page = await client.get('/orders/dashboard').header('host', office.host).withCookie(SESSION_COOKIE, session)
    page.assertStatus(200)
    page.assertTextIncludes('<tr><td data-label="Подразделение">Минздрав</td><td class="num" data-label="В работе">1</td><td class="num" data-label="Просрочено">1</td><td class="num" data-label="Исполнено">0</td></tr>')
    page.assertTextIncludes('<tr><td data-label="Подразделение">Дороги</td><td class="num" data-label="В работе">1</td><td class="num" data-label="Просрочено">0</td><td class="num" data-label="Исполнено">0</td></tr>')
    page.assertTextIncludes('data-chart=')
  })

  test('the filtered list exports to XLSX with its rows and to PDF with their text', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.head.email)
    const xlsx = await client.get('/orders/export/xlsx?overdue=true').header('host', office.host).withCookie(SESSION_COOKIE, session)
    xlsx.assertStatus(200)
    xlsx.assertHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const rows = await xlsxRows(xlsx.body() as Buffer)
    assert.deepEqual(rows[0], ['Номер', 'Текст поручения', 'Ответственный исполнитель', 'Соисполнители', 'Срок', 'Статус', 'Просрочено'])
    assert.lengthOf(rows, 2)
    assert.equal(rows[1][1], 'Просроченное поручение по здравоохранению')
    assert.equal(rows[1][2], 'Минздрав')
    assert.equal(rows[1][6], 'Да')

    const pdf = await client.get('/orders/export/pdf').header('host', office.host).withCookie(SESSION_COOKIE, session)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const text = await pdfText(pdf.body() as Buffer)
    assert.include(text, 'Поручения')
    assert.include(text, 'Просроченное поручение по здравоохранению')
    assert.include(text, 'Поручение дорожникам на следующий месяц')
  })

  test('exports only hold what the user may see', async ({ assert, client }) => {
    const { session } = await signIn(client, office.host, office.outsider.email)
    const xlsx = await client.get('/orders/export/xlsx').header('host', office.host).withCookie(SESSION_COOKIE, session)
    const rows = await xlsxRows(xlsx.body() as Buffer)
    assert.lengthOf(rows, 1)
  })
})
