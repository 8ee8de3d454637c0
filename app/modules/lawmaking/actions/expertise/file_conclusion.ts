import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import drive from '@adonisjs/drive/services/main'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import Conclusion, { type Verdict } from '#modules/lawmaking/models/conclusion'
import ConclusionRemark from '#modules/lawmaking/models/conclusion_remark'
import { invitationOf } from '#modules/lawmaking/actions/expertise/answer_invitation'
import { storeConclusionFile, type ConclusionFileType } from '#modules/lawmaking/services/conclusion_files'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

/** The clauses of a published draft's current version in the portal, in order (what an expert remarks on). */
export function currentClauses(client: QueryClientContract, draft: PublicDraft): Promise<{ clause_key: string; label: string; depth: number; text: string }[]> {
  return client
    .from('lawmaking_public_clauses as c')
    .join('lawmaking_public_versions as v', 'v.id', 'c.version_id')
    .where('v.draft_id', draft.id)
    .where('v.number', draft.currentVersion)
    .orderBy('c.position')
    .select('c.clause_key', 'c.label', 'c.depth', 'c.text')
}

export interface ConclusionInput {
  verdict: Verdict
  summary: string
  remarks: { clauseKey: string; text: string; proposedWording?: string | null }[]
  /** The uploaded signed file, its real type already sniffed. */
  file: { tmpPath: string; clientName: string; size: number; type: ConclusionFileType }
}

/**
 * The expert files the conclusion on an accepted invitation: the verdict,
 * a summary, remarks on clauses of the draft's current version (each with
 * an optional proposed wording) and the signed file, stored through Drive.
 * It goes to the draft's body over the bus in the same transaction; there
 * each remark waits for the developer's decision. Once per invitation, and
 * only while the draft is discussed or its remarks decided.
 */
export async function fileConclusion(invitationId: number, input: ConclusionInput, user: User, actor: Actor, t: Translate = untranslated) {
  if (input.verdict === 'supported_with_remarks' && !input.remarks.length) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: 'remarks', rule: 'required', message: t('lawmaking_expertise.errors.remarks_required') }])
  }
  const fileKey = await storeConclusionFile(input.file.tmpPath, input.file.type)
  let conclusion: Conclusion
  try {
    conclusion = await tenantDb().transaction(async (trx) => {
      const invitation = await invitationOf(trx, invitationId, user)
      if (invitation.status !== 'accepted') {
        throw new errors.E_FORBIDDEN_TRANSITION(t(invitation.status === 'invited' ? 'lawmaking_expertise.errors.accept_first' : 'lawmaking_expertise.errors.answered'))
      }
      const draft = await PublicDraft.query({ client: trx }).where('id', invitation.draftId).forUpdate().firstOrFail()
      if (draft.stage !== 'discussion' && draft.stage !== 'reaction') throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.draft_closed'))
      const clauseKeys = new Set((await currentClauses(trx, draft)).map((clause) => clause.clause_key))
      const stray = input.remarks.findIndex((remark) => !clauseKeys.has(remark.clauseKey))
      if (stray >= 0) throw new vineErrors.E_VALIDATION_ERROR([{ field: `remarks.${stray}.clauseKey`, rule: 'exists', message: t('lawmaking_expertise.errors.clause') }])
      const expert = await ExpertProfile.query({ client: trx }).where('id', invitation.expertId).firstOrFail()
      const filed = await Conclusion.create(
        {
          invitationId: invitation.id,
          draftId: draft.id,
          versionNumber: draft.currentVersion,
          verdict: input.verdict,
          summary: input.summary.trim(),
          fileKey,
          fileName: input.file.clientName.slice(0, 255),
          fileMime: input.file.type.mimeType,
          fileSize: input.file.size,
          filedAt: DateTime.now(),
        },
        { client: trx }
      )
      const remarks = await ConclusionRemark.createMany(
        input.remarks.map((remark) => ({ conclusionId: filed.id, clauseKey: remark.clauseKey, text: remark.text.trim(), proposedWording: remark.proposedWording?.trim() || null })),
        { client: trx }
      )
      invitation.status = 'concluded'
      await invitation.useTransaction(trx).save()
      await bus.send(trx, {
        to: draft.originTenant,
        type: 'lawmaking.conclusion_filed',
        payload: {
          key: invitation.key,
          draftId: draft.originDraftId,
          conclusionId: filed.id,
          versionNumber: filed.versionNumber,
          verdict: filed.verdict,
          summary: filed.summary,
          file: { key: fileKey, mimeType: filed.fileMime, name: filed.fileName, size: filed.fileSize },
          remarks: remarks.map((remark) => ({ remarkId: remark.id, clauseKey: remark.clauseKey, text: remark.text, proposedWording: remark.proposedWording })),
          expertName: expert.publicName,
          filedAt: filed.filedAt.toISO()!,
        },
      })
      return filed
    })
  } catch (error) {
    await drive.use().delete(fileKey).catch(() => {})
    throw error
  }
  await recordAudit(actor, 'lawmaking.conclusion_filed', { type: 'lawmaking_conclusion', id: conclusion.id }, { verdict: conclusion.verdict })
  return conclusion
}
