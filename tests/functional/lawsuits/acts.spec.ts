import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import LawsuitAct from '#modules/lawsuits/models/lawsuit_act'
import { lawsuitsOffice, inLawsuitsOffice, createCase, submitFile, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { ensureTenant, ensureUser, hostOf } from '#tests/helpers/tenants'
import { SESSION_COOKIE, signIn } from '#tests/helpers/http'

let office: LawsuitsOffice

const binary = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}
ApiRequest.addParser('application/pdf', binary as any)

const actsOf = (caseId: number) => inLawsuitsOffice(office, () => LawsuitAct.query().where('case_id', caseId))

test.group('Lawsuits | court acts', (group) => {
  group.setup(async () => {
    office = await lawsuitsOffice('law_acts')
  })

  test('the lawyer uploads a decision; who sees the case downloads it; others get 404', async ({ assert, client }) => {
    const lawsuit = await createCase(office, { number: 'ACT-1' })
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const uploaded = await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'decision', issuedOn: '2026-02-01' }, {
      field: 'file', content: Buffer.from('%PDF-1.4 решение суда'), filename: 'решение.pdf', contentType: 'application/pdf',
    })
    uploaded.assertTextIncludes('Акт загружен.')
    uploaded.assertTextIncludes('решение.pdf')
    const [act] = await actsOf(lawsuit.id)
    assert.equal(act.kind, 'decision')
    assert.match(act.storageKey, /^tenants\/law_acts\/lawsuits\//)

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    const download = await client.get(`/lawsuits/${lawsuit.id}/acts/${act.id}`).header('host', office.host).withCookie(SESSION_COOKIE, executor)
    download.assertStatus(200)
    assert.equal((download.body() as Buffer).toString('utf8'), '%PDF-1.4 решение суда')

    const outsider = (await signIn(client, office.host, office.outsider.email)).session
    ;(await client.get(`/lawsuits/${lawsuit.id}/acts/${act.id}`).header('host', office.host).withCookie(SESSION_COOKIE, outsider)).assertStatus(404)

    const other = await ensureTenant('law_acts_b')
    const head = await ensureUser(other, 'head')
    const otherSession = (await signIn(client, hostOf(other), head.email)).session
    ;(await client.get(`/lawsuits/${lawsuit.id}/acts/${act.id}`).header('host', hostOf(other)).withCookie(SESSION_COOKIE, otherSession)).assertStatus(404)
  })

  test('a forbidden type or a file over 15 MB is refused with a message; nothing is stored; executors may not upload', async ({ assert, client }) => {
    const lawsuit = await createCase(office, { number: 'ACT-2' })
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const exe = await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'ruling' }, {
      field: 'file', content: Buffer.from('MZ'), filename: 'определение.exe',
    })
    exe.assertTextIncludes('Недопустимый тип файла; разрешены: pdf, doc, docx')
    const large = await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'ruling' }, {
      field: 'file', content: Buffer.alloc(15 * 1024 * 1024 + 1024, 1), filename: 'скан.pdf', contentType: 'application/pdf',
    })
    large.assertTextIncludes('Файл больше допустимых 15mb')
    const missing = await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'verdict' }, {
      field: 'file', content: Buffer.from('%PDF'), filename: 'a.pdf',
    })
    missing.assertTextIncludes('Выберите значение поля «Вид акта» из списка')
    assert.lengthOf(await actsOf(lawsuit.id), 0)

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    const refused = await submitFile(client, office.host, executor!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'ruling' }, {
      field: 'file', content: Buffer.from('%PDF'), filename: 'a.pdf',
    })
    refused.assertStatus(403)
  })
})
