import { test } from '@japa/runner'
import { ApiRequest } from '@japa/api-client'
import LawsuitAct from '#modules/lawsuits/models/lawsuit_act'
import { lawsuitsOffice, createCase, submitFile, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { ensureTenant, ensureUser, hostOf, inOffice } from '#tests/helpers/tenants'
import { SESSION_COOKIE, postFrom, signIn, submitForm } from '#tests/helpers/http'
import drive from '@adonisjs/drive/services/main'
import AuditEntry from '#modules/identity/models/audit_entry'

let office: LawsuitsOffice

const binary = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}
ApiRequest.addParser('application/pdf', binary as any)

const actsOf = (caseId: number) => inOffice(office, () => LawsuitAct.query().where('case_id', caseId))

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

  test('an act uploaded by mistake is removed with its file and an audit entry; executors and other tenants may not', async ({ assert, client }) => {
    const lawsuit = await createCase(office, { number: 'ACT-3' })
    const { session } = await signIn(client, office.host, office.lawyer.email)
    await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'ruling' }, {
      field: 'file', content: Buffer.from('%PDF-1.4 не то дело'), filename: 'чужое.pdf', contentType: 'application/pdf',
    })
    const [act] = await actsOf(lawsuit.id)
    const path = `/lawsuits/${lawsuit.id}/acts/${act.id}/delete`

    const executor = (await signIn(client, office.host, office.healthExecutor.email)).session
    ;(await postFrom(client, office.host, executor, `/lawsuits/${lawsuit.id}`, path, {})).response.assertStatus(403)
    const other = await ensureTenant('law_acts_b')
    const head = await ensureUser(other, 'head')
    const otherSession = (await signIn(client, hostOf(other), head.email)).session
    ;(await postFrom(client, hostOf(other), otherSession, '/lawsuits', path, {})).response.assertStatus(404)
    assert.lengthOf(await actsOf(lawsuit.id), 1)
    assert.isTrue(await drive.use().exists(act.storageKey))

    const card = await submitForm(client, office.host, session!, `/lawsuits/${lawsuit.id}`, path, {})
    card.assertTextIncludes('Акт «чужое.pdf» удалён.')
    assert.notInclude(card.text(), `/acts/${act.id}"`)
    assert.lengthOf(await actsOf(lawsuit.id), 0)
    assert.isFalse(await drive.use().exists(act.storageKey))
    ;(await client.get(`/lawsuits/${lawsuit.id}/acts/${act.id}`).header('host', office.host).withCookie(SESSION_COOKIE, session)).assertStatus(404)
    const entry = await inOffice(office, () => AuditEntry.query().where('action', 'lawsuit.act_removed').where('subject_id', String(lawsuit.id)).firstOrFail())
    assert.equal(entry.actorEmail, office.lawyer.email)
    assert.equal((entry.details as { fileName: string }).fileName, 'чужое.pdf')
  })

  test('a forbidden type or a file over 15 MB is refused with a message; nothing is stored; executors may not upload', async ({ assert, client }) => {
    const lawsuit = await createCase(office, { number: 'ACT-2' })
    const { session } = await signIn(client, office.host, office.lawyer.email)
    const exe = await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'ruling' }, {
      field: 'file', content: Buffer.from('MZ'), filename: 'определение.exe',
    })
    exe.assertTextIncludes('Файл «определение.exe»: недопустимый тип; разрешены: pdf, doc, docx')
    const large = await submitFile(client, office.host, session!, `/lawsuits/${lawsuit.id}`, `/lawsuits/${lawsuit.id}/acts`, { kind: 'ruling' }, {
      field: 'file', content: Buffer.alloc(15 * 1024 * 1024 + 1024, 1), filename: 'скан.pdf', contentType: 'application/pdf',
    })
    large.assertTextIncludes('Файл «скан.pdf» больше допустимых 15mb')
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
