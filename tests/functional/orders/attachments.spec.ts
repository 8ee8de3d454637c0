import { test } from '@japa/runner'
import { ordersOffice, tokensFor, type OrdersOffice } from '#tests/helpers/orders'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { issueToken } from '#tests/helpers/http'
import { ApiRequest } from '@japa/api-client'

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>
let orderId: number

const collect = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}
ApiRequest.addParser('text/plain', collect as any)

test.group('Orders | attachments', (group) => {
  group.setup(async () => {
    office = await ordersOffice('ord_files')
  })
  group.each.setup(async ({ context }) => {
    tokens = await tokensFor(context.client, office)
    if (!orderId) {
      const created = await context.client.post('/api/v1/orders').header('host', office.host).bearerToken(tokens.head).json({
        type: 'order', text: 'Собрать акты выполненных работ', deadlineKeyword: 'promptly',
        responsible: `department:${office.departments.health.id}`, issue: true,
      })
      orderId = created.body().data.id
    }
  })

  test('an executor uploads a file and everyone who sees the order downloads it', async ({ assert, client }) => {
    const upload = await client
      .post(`/api/v1/orders/${orderId}/attachments`)
      .header('host', office.host)
      .bearerToken(tokens.healthHead)
      .file('files[]', Buffer.from('Акт выполненных работ №1'), { filename: 'акт.txt', contentType: 'text/plain' })
    upload.assertStatus(201)
    const [attachment] = upload.body().data
    assert.equal(attachment.fileName, 'акт.txt')

    const download = await client.get(`/api/v1/orders/${orderId}/attachments/${attachment.id}`).header('host', office.host).bearerToken(tokens.head)
    download.assertStatus(200)
    assert.equal((download.body() as Buffer).toString('utf8'), 'Акт выполненных работ №1')

    const outsider = await client.get(`/api/v1/orders/${orderId}/attachments/${attachment.id}`).header('host', office.host).bearerToken(tokens.outsider)
    outsider.assertStatus(404)
  })

  test('a forbidden type or an oversized file is refused with a per-field message; nothing is stored', async ({ assert, client }) => {
    const before = (await client.get(`/api/v1/orders/${orderId}`).header('host', office.host).bearerToken(tokens.head)).body()
    const exe = await client
      .post(`/api/v1/orders/${orderId}/attachments`)
      .header('host', office.host)
      .bearerToken(tokens.healthHead)
      .file('files[]', Buffer.from('MZ'), { filename: 'virus.exe' })
    exe.assertStatus(422)
    assert.match(JSON.stringify(exe.body()), /недопустимый тип; разрешены/)

    const huge = await client
      .post(`/api/v1/orders/${orderId}/attachments`)
      .header('host', office.host)
      .bearerToken(tokens.healthHead)
      .file('files[]', Buffer.alloc(21 * 1024 * 1024, 1), { filename: 'big.pdf' })
    huge.assertStatus(422)
    assert.match(JSON.stringify(huge.body()), /больше допустимых/)
    const after = (await client.get(`/api/v1/orders/${orderId}`).header('host', office.host).bearerToken(tokens.head)).body()
    assert.deepEqual(after, before)
  })

  test('people outside the order cannot upload; other tenants see nothing', async ({ client }) => {
    ;(await client
      .post(`/api/v1/orders/${orderId}/attachments`)
      .header('host', office.host)
      .bearerToken(tokens.outsider)
      .file('files[]', Buffer.from('x'), { filename: 'x.txt' })).assertStatus(404)
    const other = await ensureTenant('ord_files_b')
    const admin = await ensureUser(other, 'head')
    const token = await issueToken(client, hostOf(other), admin.email)
    ;(await client.get(`/api/v1/orders/${orderId}/attachments/1`).header('host', hostOf(other)).bearerToken(token)).assertStatus(404)
  })
})

test.group('Orders | report files', (group) => {
  let reportOffice: OrdersOffice
  let reportTokens: Awaited<ReturnType<typeof tokensFor>>

  group.setup(async () => {
    reportOffice = await ordersOffice('ord_report_files')
  })
  group.each.setup(async ({ context }) => {
    reportTokens = await tokensFor(context.client, reportOffice)
  })

  async function issued(client: any) {
    const created = await client.post('/api/v1/orders').header('host', reportOffice.host).bearerToken(reportTokens.head).json({
      type: 'order', text: 'Провести ремонт приёмного отделения', deadlineKeyword: 'promptly',
      responsible: `department:${reportOffice.departments.health.id}`, issue: true,
    })
    created.assertStatus(201)
    return created.body().data.id as number
  }

  test('a report carries its files; the issuer sees them on the report and downloads them', async ({ assert, client }) => {
    const id = await issued(client)
    const report = await client
      .post(`/api/v1/orders/${id}/report`)
      .header('host', reportOffice.host)
      .bearerToken(reportTokens.healthHead)
      .field('text', 'Ремонт выполнен, акт приёмки подписан комиссией.')
      .field('completedOn', new Date().toISOString().slice(0, 10))
      .file('files[]', Buffer.from('Акт приёмки'), { filename: 'акт-приёмки.txt', contentType: 'text/plain' })
      .file('files[]', Buffer.from('%PDF-1.4 фото'), { filename: 'фото.pdf', contentType: 'application/pdf' })
    report.assertStatus(200)
    report.assertBodyContains({ data: { status: 'report_submitted' } })

    const card = await client.get(`/api/v1/orders/${id}`).header('host', reportOffice.host).bearerToken(reportTokens.head)
    const [submitted] = card.body().data.reports
    assert.deepEqual(submitted.files.map((file: { fileName: string }) => file.fileName), ['акт-приёмки.txt', 'фото.pdf'])
    assert.lengthOf(card.body().data.files, 0)

    const download = await client.get(submitted.files[0].url).header('host', reportOffice.host).bearerToken(reportTokens.head)
    download.assertStatus(200)
    assert.equal((download.body() as Buffer).toString('utf8'), 'Акт приёмки')
  })

  test('a report with a forbidden file is refused with a per-field message; no report, no status change', async ({ assert, client }) => {
    const id = await issued(client)
    const refused = await client
      .post(`/api/v1/orders/${id}/report`)
      .header('host', reportOffice.host)
      .bearerToken(reportTokens.healthHead)
      .field('text', 'Ремонт выполнен, прилагаю программу.')
      .field('completedOn', new Date().toISOString().slice(0, 10))
      .file('files[]', Buffer.from('MZ'), { filename: 'setup.exe' })
    refused.assertStatus(422)
    assert.match(JSON.stringify(refused.body()), /недопустимый тип; разрешены/)

    const card = await client.get(`/api/v1/orders/${id}`).header('host', reportOffice.host).bearerToken(reportTokens.head)
    assert.equal(card.body().data.status, 'issued')
    assert.lengthOf(card.body().data.reports, 0)
  })
})
