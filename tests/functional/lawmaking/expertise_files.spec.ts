import { test } from '@japa/runner'
import sharp from 'sharp'
import { systemActor } from '#core/audit'
import User from '#modules/identity/models/user'
import ExpertEntry from '#modules/lawmaking/models/expert_entry'
import Conclusion from '#modules/lawmaking/models/conclusion'
import ReceivedConclusion from '#modules/lawmaking/models/conclusion_received'
import PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import { inviteExperts } from '#modules/lawmaking/actions/expertise/invite_experts'
import { answerInvitation } from '#modules/lawmaking/actions/expertise/answer_invitation'
import { CONCLUSION_FILE_MAX_MB, sniffConclusionFile } from '#modules/lawmaking/services/conclusion_files'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { problemsPortal, pump, type ProblemsBlock, type ProblemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock, publishedDraft } from '#tests/helpers/lawmaking'
import { detachedSignature, postConclusion, signedPdf, verifiedExpert } from '#tests/helpers/expertise'

let portal: ProblemsPortal
let block: ProblemsBlock
const all = () => [portal.tenant, block.tenant]
const conclusion = (file: { buffer: Buffer; filename: string }) => ({ verdict: 'supported', summary: 'Проект соответствует законодательству.', file })

test.group('Lawmaking | expertise | the signed file', (group) => {
  let session: string
  let invitationId: number

  group.setup(async () => {
    portal = await problemsPortal('lxf_portal')
    block = await lawmakingBlock('lxf_block')
  })

  test('a file is judged by its bytes: not a PDF or a signature, or too large, is 422 and nothing is filed', async ({ assert, client }) => {
    await ensureUser(portal.tenant, 'citizen', 'expert@lxf-portal.test')
    const expert = await verifiedExpert(client, portal, 'expert@lxf-portal.test', ['social'])
    session = expert.session
    await pump(all())
    const draftId = await publishedDraft(block)
    await pump(all())
    const entry = await inTenant(block.tenant, () => ExpertEntry.query().where('expert_id', expert.profile.id).firstOrFail())
    await inTenant(block.tenant, () => inviteExperts(draftId, 'social', [entry.id], block.roadsHead, systemActor('test')))
    await pump(all())
    const invitation = await inTenant(portal.tenant, () => PublicExpertInvitation.query().where('expert_id', expert.profile.id).firstOrFail())
    invitationId = invitation.id
    const user = await inTenant(portal.tenant, () => User.findOrFail(expert.profile.userId))
    await inTenant(portal.tenant, () => answerInvitation(invitation.id, true, null, user, systemActor('test')))

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer()
    const refused = [
      { buffer: png, filename: 'zaklyuchenie.pdf' },
      { buffer: Buffer.from('-----BEGIN PKCS7-----\nnot a signature at all\n-----END PKCS7-----\n'), filename: 'podpis.sig' },
      { buffer: Buffer.from('MZ\x90\x00 a program'), filename: 'zaklyuchenie.p7s' },
      { buffer: signedPdf(), filename: 'zaklyuchenie.exe' },
    ]
    for (const file of refused) {
      const response = await postConclusion(client, portal.host, session, invitationId, conclusion(file), true)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'file', file.filename)
    }
    const tooBig = await postConclusion(client, portal.host, session, invitationId, conclusion({ buffer: signedPdf(CONCLUSION_FILE_MAX_MB * 1024 * 1024 + 1), filename: 'big.pdf' }), true)
    tooBig.assertStatus(422)
    assert.equal(tooBig.body().errors[0].rule, 'file.size')

    // a browser gets the form back with the message on the field
    const viaForm = await postConclusion(client, portal.host, session, invitationId, conclusion({ buffer: png, filename: 'scan.pdf' }))
    viaForm.assertStatus(302)
    assert.lengthOf(await inTenant(portal.tenant, () => Conclusion.all()), 0)
  })

  test('a detached CMS signature (.p7s) is accepted and reaches the body as one', async ({ assert, client }) => {
    const response = await postConclusion(client, portal.host, session, invitationId, conclusion({ buffer: detachedSignature(), filename: 'zaklyuchenie.pdf.p7s' }))
    response.assertStatus(302)
    const filed = await inTenant(portal.tenant, () => Conclusion.query().where('invitation_id', invitationId).firstOrFail())
    assert.equal(filed.fileMime, 'application/pkcs7-signature')
    await pump(all())
    const received = await inTenant(block.tenant, () => ReceivedConclusion.query().firstOrFail())
    assert.equal(received.fileMime, 'application/pkcs7-signature')
    assert.isTrue(received.fileKey.endsWith('.p7s'))
    // filed once
    const again = await postConclusion(client, portal.host, session, invitationId, conclusion({ buffer: signedPdf(), filename: 'again.pdf' }), true)
    again.assertStatus(409)
  })

  test('signatures as CryptoPro and OpenSSL write them: DER, PEM and bare Base64', ({ assert }) => {
    const der = detachedSignature()
    const base64 = der.toString('base64')
    assert.equal(sniffConclusionFile(der)?.extname, 'p7s')
    assert.equal(sniffConclusionFile(Buffer.from(`-----BEGIN PKCS7-----\n${base64}\n-----END PKCS7-----\n`))?.extname, 'p7s')
    assert.equal(sniffConclusionFile(Buffer.from(`${base64}\r\n`))?.extname, 'p7s')
    assert.equal(sniffConclusionFile(signedPdf())?.extname, 'pdf')
    assert.isNull(sniffConclusionFile(Buffer.from('SGVsbG8sIHdvcmxkIQ==')))
    assert.isNull(sniffConclusionFile(Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x00])))
  })
})
