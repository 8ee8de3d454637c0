import { test } from '@japa/runner'
import iconv from 'iconv-lite'
import drive from '@adonisjs/drive/services/main'
import { systemActor } from '#core/audit'
import { regionToday } from '#core/region_time'
import { assertPayload } from '#bus/payload_schemas'
import Draft from '#modules/lawmaking/models/draft'
import DraftFile from '#modules/lawmaking/models/draft_file'
import PublicDraftFile from '#modules/lawmaking/models/public_draft_file'
import { PublishVersion } from '#modules/lawmaking/actions/publish_version'
import { closeEndedConsultations } from '#modules/lawmaking/actions/change_stage'
import { copyDraftFileFrom, DRAFT_FILE_MAX_MB, MAX_DRAFT_FILES, sanitizeFileName } from '#modules/lawmaking/services/draft_files'
import { inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, postFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { problemsPortal, pump, sessionOf, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { dayAfterPeriod, lawmakingBlock, preparedDraft, VOLUNTEERS_LAW } from '#tests/helpers/lawmaking'
import { DateTime, publicCopy } from '#tests/helpers/lawmaking_office'
import { pageAfter, postFile, zipOf } from '#tests/helpers/uploads'
import { signedPdf } from '#tests/helpers/expertise'
import '#tests/helpers/documents'

let portal: ProblemsPortal
let block: ProblemsBlock
let stranger: ProblemsBlock
let draftId: number
let session: string
const all = () => [portal.tenant, block.tenant, stranger.tenant]
const page = () => `/lawmaking/office/drafts/${draftId}`
const target = () => ({ host: block.host, session, page: page(), action: `${page()}/files` })
const upload = (buffer: Buffer, name: string, json = true) => postFile(client!, target(), { buffer, name }, {}, { json })
let client: Parameters<typeof postFile>[0] | undefined

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'

/** The parts by which a DOCX is known (a word processor opens more; the sniffer needs these). */
function docx(body: Buffer | string = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>') {
  return zipOf({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': '<Relationships/>', 'word/document.xml': body })
}

/** An OpenDocument text: `mimetype` first and stored, then its content. */
function odt() {
  return zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>', 'META-INF/manifest.xml': '<manifest/>' }, { stored: ['mimetype'] })
}

function draftFiles() {
  return inTenant(block.tenant, () => DraftFile.query().where('draft_id', draftId).orderBy('id'))
}

function firstError(response: { body(): any }) {
  return response.body().errors[0] as { field: string; rule: string; message: string }
}

test.group('Lawmaking | files of a draft', (group) => {
  group.setup(async () => {
    portal = await problemsPortal('lmf_portal')
    block = await lawmakingBlock('lmf_block')
    stranger = await lawmakingBlock('lmf_stranger')
    draftId = (await preparedDraft(block)).id
  })

  test('a file is judged by its content: a renamed program, a file too large, a zip bomb named .docx are 422 on the file in Russian', async ({ assert, client: api }) => {
    client = api
    session = await sessionOf(api, block.host, block.roadsHead.email)
    const program = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(2048, 0x00), Buffer.from('This program cannot be run in DOS mode')])
    const refusals = [
      { buffer: program, name: 'Пояснительная записка.pdf', says: 'не является документом допустимого типа' },
      { buffer: program, name: 'note.txt', says: 'не является документом допустимого типа' },
      { buffer: signedPdf(), name: 'setup.exe', says: 'разрешены: PDF, DOCX, ODT, XLSX, RTF, TXT' },
      { buffer: signedPdf(), name: 'Финансово-экономическое обоснование.docx', says: 'содержимое не соответствует расширению' },
      { buffer: Buffer.from('PK\u0003\u0004 not really a zip at all'), name: 'annex.xlsx', says: 'не является документом допустимого типа' },
      // 30 MB of one letter pack to ~30 KB: ratio ~1000, what only a zip bomb has
      { buffer: docx(Buffer.alloc(30 * 1024 * 1024, 'a')), name: 'Приложение 1.docx', says: 'zip-бомбы' },
      { buffer: Buffer.alloc(0), name: 'empty.pdf', says: 'пуст' },
    ]
    for (const file of refusals) {
      const response = await upload(file.buffer, file.name)
      response.assertStatus(422)
      const error = firstError(response)
      assert.equal(error.field, 'file', file.name)
      assert.include(error.message, file.says, file.name)
      assert.include(error.message, `«${file.name}»`, file.name)
    }
    const tooBig = await upload(signedPdf(DRAFT_FILE_MAX_MB * 1024 * 1024 + 1), 'scan.pdf')
    tooBig.assertStatus(422)
    assert.equal(firstError(tooBig).field, 'file')
    assert.equal(firstError(tooBig).rule, 'file.size')
    assert.include(firstError(tooBig).message, 'больше допустимых')
    assert.lengthOf(await draftFiles(), 0)

    // a browser gets the page back with the message on the field
    const viaForm = await upload(program, 'Пояснительная записка.pdf', false)
    viaForm.assertStatus(302)
    const back = await pageAfter(api, target(), viaForm)
    assert.include(back.text(), 'id="draft-file-error"')
    assert.include(back.text(), 'не является документом допустимого типа')
  })

  test('documents of every allowed kind are kept under a sanitised name with their real type; the limit is 10 a draft', async ({ assert }) => {
    const cp1251 = iconv.encode('Перечень актов, подлежащих признанию утратившими силу.\r\n1. Закон края № 1.\r\n', 'win1251')
    const accepted = [
      { buffer: signedPdf(), name: 'Пояснительная записка (подписанная).pdf', mime: 'application/pdf' },
      { buffer: docx(), name: 'Финансово-экономическое обоснование.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { buffer: odt(), name: 'Приложение 1.odt', mime: 'application/vnd.oasis.opendocument.text' },
      { buffer: zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>' }), name: 'Расчёт.XLSX', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      { buffer: Buffer.from('{\\rtf1\\ansi Перечень}'), name: 'Перечень.rtf', mime: 'application/rtf' },
      { buffer: cp1251, name: 'Перечень\u202Efdp.txt', mime: 'text/plain; charset=windows-1251' },
    ]
    for (const file of accepted) (await upload(file.buffer, file.name)).assertStatus(201)
    const files = await draftFiles()
    assert.deepEqual(
      files.map((file) => file.mimeType),
      accepted.map((file) => file.mime)
    )
    assert.deepEqual(
      files.map((file) => file.fileName),
      ['Пояснительная записка (подписанная).pdf', 'Финансово-экономическое обоснование.docx', 'Приложение 1.odt', 'Расчёт.xlsx', 'Перечень.rtf', 'Переченьfdp.txt']
    )
    assert.deepEqual(files.map((file) => file.size), accepted.map((file) => file.buffer.length))
    for (const file of files) assert.match(file.storageKey, /^tenants\/lmf_block\/lawmaking\/draft_files\/[0-9a-f-]{36}\.(pdf|docx|odt|xlsx|rtf|txt)$/)

    const shown = await client!.get(page()).header('host', block.host).withCookie(SESSION_COOKIE, session)
    assert.include(shown.text(), 'Финансово-экономическое обоснование.docx')
    assert.include(shown.text(), 'DOCX')
    const download = await client!.get(`${page()}/files/${files[0].id}`).header('host', block.host).withCookie(SESSION_COOKIE, session)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    assert.match(String(download.header('content-disposition')), /^attachment;/)
    assert.deepEqual(download.body(), signedPdf())

    // ten at most
    const fillers = await inTenant(block.tenant, () =>
      DraftFile.createMany(
        Array.from({ length: MAX_DRAFT_FILES - files.length }, (_, index) => ({
          draftId,
          storageKey: `tenants/lmf_block/lawmaking/draft_files/filler-${index}.pdf`,
          fileName: `filler-${index}.pdf`,
          mimeType: 'application/pdf',
          size: 10,
          uploadedBy: null,
          publishedIn: null,
        }))
      )
    )
    const eleventh = await upload(signedPdf(), 'Приложение 7.pdf')
    eleventh.assertStatus(422)
    assert.equal(firstError(eleventh).field, 'file')
    assert.include(firstError(eleventh).message, `не больше ${MAX_DRAFT_FILES} файлов`)
    await inTenant(block.tenant, () => DraftFile.query().whereIn('id', fillers.map((file) => file.id)).delete())
  })

  test('a file not yet published is removed with its bytes', async ({ assert }) => {
    const [, , , , rtf] = await draftFiles()
    const { response } = await postFrom(client!, block.host, session, page(), `${page()}/files/${rtf.id}/delete`, {})
    response.assertStatus(302)
    assert.notInclude((await draftFiles()).map((file) => file.id), rtf.id)
    assert.isFalse(await drive.use().exists(rtf.storageKey))
  })

  test("another department's head and another body get 404; the portal's route is not a body's", async ({ client: api }) => {
    const [file] = await draftFiles()
    const lighting = await sessionOf(api, block.host, block.lightingHead.email)
    ;(await api.get(`${page()}/files/${file.id}`).header('host', block.host).withCookie(SESSION_COOKIE, lighting)).assertStatus(404)
    ;(await postFrom(api, block.host, lighting, '/lawmaking/office/drafts', `${page()}/files/${file.id}/delete`, {})).response.assertStatus(404)
    const other = { host: block.host, session: lighting, page: '/lawmaking/office/drafts', action: `${page()}/files` }
    ;(await postFile(api, other, { buffer: signedPdf(), name: 'чужой.pdf' }, {}, { json: true })).assertStatus(404)

    const elsewhere = await sessionOf(api, stranger.host, stranger.roadsHead.email)
    ;(await api.get(`${page()}/files/${file.id}`).header('host', stranger.host).withCookie(SESSION_COOKIE, elsewhere)).assertStatus(404)
    ;(await api.get(`/lawmaking/drafts/${draftId}/files/${file.id}`).header('host', block.host).withCookie(SESSION_COOKIE, session)).assertStatus(404)
  })

  test('a version carries the files: the portal copies them under its own prefix and serves its copy', async ({ assert, client: api }) => {
    const today = regionToday()
    await inTenant(block.tenant, () => new PublishVersion().handle(draftId, { consultationStartsOn: today, consultationEndsOn: today.plus({ days: 14 }) }, block.roadsHead, systemActor('test')))
    const sent = await draftFiles()
    assert.isTrue(sent.every((file) => file.publishedIn === 1))
    await pump(all())

    const copy = await publicCopy(portal, block, draftId)
    const copies = await inTenant(portal.tenant, () => PublicDraftFile.query().where('draft_id', copy.id).orderBy('position'))
    assert.deepEqual(copies.map((file) => file.fileName), sent.map((file) => file.fileName))
    assert.deepEqual(copies.map((file) => file.originKey), sent.map((file) => file.storageKey))
    for (const file of copies) {
      assert.isTrue(file.storageKey.startsWith('tenants/lmf_portal/lawmaking/draft_files/lmf_block/'), file.storageKey)
      assert.isTrue(await drive.use().exists(file.storageKey))
    }

    const shown = await api.get(`/lawmaking/drafts/${copy.id}`).header('host', portal.host)
    shown.assertStatus(200)
    assert.include(shown.text(), 'Пояснительная записка (подписанная).pdf')
    assert.include(shown.text(), `/lawmaking/drafts/${copy.id}/files/${copies[0].id}`)
    // the body's object is gone: the portal serves its own copy
    await drive.use().delete(sent[0].storageKey)
    const download = await api.get(`/lawmaking/drafts/${copy.id}/files/${copies[0].id}`).header('host', portal.host)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    assert.equal(download.header('x-content-type-options'), 'nosniff')
    assert.include(download.header('content-disposition'), 'attachment;')
    assert.include(decodeURIComponent(String(download.header('content-disposition'))), 'Пояснительная записка (подписанная).pdf')
    assert.deepEqual(download.body(), signedPdf())
    const text = await api.get(`/lawmaking/drafts/${copy.id}/files/${copies.at(-1)!.id}`).header('host', portal.host)
    assert.equal(text.header('content-type'), 'text/plain; charset=windows-1251')

    // another draft's file id, or a body's host, is a 404
    ;(await api.get(`/lawmaking/drafts/${copy.id + 1000}/files/${copies[0].id}`).header('host', portal.host)).assertStatus(404)
    ;(await api.get(`/lawmaking/drafts/${copy.id}/files/${copies[0].id}`).header('host', stranger.host)).assertStatus(404)
  })

  test('while the draft is under discussion its files neither come nor go (409)', async ({ assert }) => {
    const [file] = await draftFiles()
    const added = await upload(signedPdf(), 'Позднее приложение.pdf')
    added.assertStatus(409)
    assert.include(added.body().errors[0].message, 'Идёт общественное обсуждение')
    const removed = await client!
      .post(`${page()}/files/${file.id}/delete`)
      .header('host', block.host)
      .header('accept', 'application/json')
      .header('referer', `http://${block.host}${page()}`)
      .withCookie(SESSION_COOKIE, session)
      .form({ _csrf: await csrfOfPage() })
      .redirects(0)
    removed.assertStatus(409)
    const viaForm = await upload(signedPdf(), 'Позднее приложение.pdf', false)
    viaForm.assertStatus(302)
    assert.include((await pageAfter(client!, target(), viaForm)).text(), 'Идёт общественное обсуждение')
    assert.lengthOf(await draftFiles(), 5)
  })

  test('the next version carries the list as it is then: a removed file leaves the portal, a kept one is not copied again', async ({ assert }) => {
    await inTenant(block.tenant, () => closeEndedConsultations(DateTime.fromISO(dayAfterPeriod())))
    const before = await draftFiles()
    const copy = await publicCopy(portal, block, draftId)
    const copiesBefore = await inTenant(portal.tenant, () => PublicDraftFile.query().where('draft_id', copy.id).orderBy('position'))
    const { response } = await postFrom(client!, block.host, session, page(), `${page()}/files/${before[1].id}/delete`, {})
    response.assertStatus(302)
    // a published file stays in the body's storage (the portal may still be copying it)
    assert.isTrue(await drive.use().exists(before[1].storageKey))
    ;(await upload(docx(), 'Приложение 2.docx')).assertStatus(201)
    await inTenant(block.tenant, async () => {
      const draft = await Draft.findOrFail(draftId)
      draft.pendingText = VOLUNTEERS_LAW.replace('десять дней', 'десять календарных дней')
      await draft.save()
      await new PublishVersion().handle(draftId, {}, block.roadsHead, systemActor('test'))
    })
    await pump(all())
    const copies = await inTenant(portal.tenant, () => PublicDraftFile.query().where('draft_id', copy.id).orderBy('position'))
    assert.deepEqual(
      copies.map((file) => file.fileName),
      (await draftFiles()).map((file) => file.fileName)
    )
    assert.include(copies.map((file) => file.fileName), 'Приложение 2.docx')
    const removedCopy = copiesBefore.find((file) => file.originKey === before[1].storageKey)!
    assert.notInclude(copies.map((file) => file.id), removedCopy.id)
    assert.isFalse(await drive.use().exists(removedCopy.storageKey))
    const kept = copies.find((file) => file.originKey === before[0].storageKey)!
    assert.equal(kept.id, copiesBefore[0].id)
    assert.equal(kept.storageKey, copiesBefore[0].storageKey)
  })

  test("the portal copies only the sender's own draft files; a message without files still validates", async ({ assert }) => {
    const [file] = await draftFiles()
    const name = file.storageKey.split('/').pop()
    await inTenant(portal.tenant, async () => {
      await assert.rejects(() => copyDraftFileFrom('lmf_stranger', file.storageKey), /outside/)
      await assert.rejects(() => copyDraftFileFrom('lmf_stranger', `tenants/lmf_stranger/lawmaking/draft_files/../../lmf_block/lawmaking/draft_files/${name}`), /outside/)
      await assert.rejects(() => copyDraftFileFrom('lmf_block', `tenants/lmf_block/lawmaking/conclusions/${name}`), /outside/)
    })
    const payload = {
      draftId: 1,
      draft: {
        title: 'Проект',
        kind: 'law',
        level: 'regional',
        municipalityCode: null,
        subjectArea: 'social',
        developer: { code: 'roads', nameRu: 'Дороги', nameEn: 'Roads' },
        body: { nameRu: 'Блок', nameEn: 'Block' },
        explanatoryNote: 'Записка',
        stage: 'discussion',
        consultation: null,
      },
      version: { number: 1, changeSummary: null, publishedAt: '2026-01-15T10:00:00.000+03:00', clauses: [] },
    }
    await assertPayload({ id: 'old', type: 'lawmaking.version_published', payload })
    await assert.rejects(() => assertPayload({ id: 'bad', type: 'lawmaking.version_published', payload: { ...payload, files: [{ key: 'k', name: 'n' }] } }), /files/)
  })

  test('a kept name has no path, control or bidirectional characters and ends with its real extension', ({ assert }) => {
    assert.equal(sanitizeFileName('C:\\fakepath\\Записка "итог".pdf', 'pdf'), 'Записка итог.pdf')
    assert.equal(sanitizeFileName('../../etc/passwd', 'txt'), 'passwd.txt')
    assert.equal(sanitizeFileName('Приложение\u202Excod.pdf', 'pdf'), 'Приложениеxcod.pdf')
    assert.equal(sanitizeFileName('...', 'pdf'), 'file.pdf')
    assert.equal(sanitizeFileName('Расчёт.XLSX', 'xlsx'), 'Расчёт.xlsx')
    assert.equal(sanitizeFileName('обоснование', 'docx'), 'обоснование.docx')
    assert.isAtMost(sanitizeFileName('а'.repeat(400) + '.pdf', 'pdf').length, 255)
  })
})

async function csrfOfPage() {
  const shown = await client!.get(page()).header('host', block.host).withCookie(SESSION_COOKIE, session)
  return csrfTokenFrom(shown.text())
}
