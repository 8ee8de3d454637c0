import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
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
import Initiative from '#modules/lawmaking/models/initiative'
import type PublicExpertInvitation from '#modules/lawmaking/models/expert_public_invitation'
import { INITIATIVE_EXPERTISE_STATUSES, sendInitiativeConclusion } from '#modules/lawmaking/services/initiative_expertise'
import { recordInitiativeEvent } from '#modules/lawmaking/services/initiative_rules'
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

type ConclusionFile = Pick<Conclusion, 'verdict' | 'summary' | 'fileKey' | 'fileName' | 'fileMime' | 'fileSize' | 'filedAt'>

/**
 * A conclusion on a draft: the remarks are on clauses of its current
 * version, and the draft's body gets it all over the bus; there each remark
 * waits for the developer's decision. Only while the draft is discussed or
 * its remarks decided.
 */
async function concludeDraft(trx: TransactionClientContract, invitation: PublicExpertInvitation, expert: ExpertProfile, input: ConclusionInput, file: ConclusionFile, t: Translate) {
  if (input.verdict === 'supported_with_remarks' && !input.remarks.length) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: 'remarks', rule: 'required', message: t('lawmaking_expertise.errors.remarks_required') }])
  }
  const draft = await PublicDraft.query({ client: trx }).where('id', invitation.draftId!).forUpdate().firstOrFail()
  if (draft.stage !== 'discussion' && draft.stage !== 'reaction') throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.draft_closed'))
  const clauseKeys = new Set((await currentClauses(trx, draft)).map((clause) => clause.clause_key))
  const stray = input.remarks.findIndex((remark) => !clauseKeys.has(remark.clauseKey))
  if (stray >= 0) throw new vineErrors.E_VALIDATION_ERROR([{ field: `remarks.${stray}.clauseKey`, rule: 'exists', message: t('lawmaking_expertise.errors.clause') }])
  const filed = await Conclusion.create({ invitationId: invitation.id, draftId: draft.id, initiativeId: null, versionNumber: draft.currentVersion, ...file }, { client: trx })
  const remarks = await ConclusionRemark.createMany(
    input.remarks.map((remark) => ({ conclusionId: filed.id, clauseKey: remark.clauseKey, text: remark.text.trim(), proposedWording: remark.proposedWording?.trim() || null })),
    { client: trx }
  )
  await bus.send(trx, {
    to: draft.originTenant,
    type: 'lawmaking.conclusion_filed',
    payload: {
      key: invitation.key,
      draftId: draft.originDraftId,
      conclusionId: filed.id,
      versionNumber: draft.currentVersion,
      verdict: filed.verdict,
      summary: filed.summary,
      file: { key: filed.fileKey, mimeType: filed.fileMime, name: filed.fileName, size: filed.fileSize },
      remarks: remarks.map((remark) => ({ remarkId: remark.id, clauseKey: remark.clauseKey, text: remark.text, proposedWording: remark.proposedWording })),
      expertName: expert.publicName,
      filedAt: filed.filedAt.toISO()!,
    },
  })
  return filed
}

/**
 * A conclusion on a citizens' initiative: no remarks (it has no clauses;
 * 422 on `remarks`), only while it is discussed or waits for the answer.
 * The public timeline shows that the expert concluded (not the verdict). Once
 * forwarded, the body that holds it gets the conclusion at once; before,
 * it goes with the forwarding.
 */
async function concludeInitiative(trx: TransactionClientContract, invitation: PublicExpertInvitation, expert: ExpertProfile, input: ConclusionInput, file: ConclusionFile, t: Translate) {
  if (input.remarks.length) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: 'remarks', rule: 'lawmaking.no_clauses', message: t('lawmaking_expertise.errors.no_clauses') }])
  }
  const initiative = await Initiative.query({ client: trx }).where('id', invitation.initiativeId!).forUpdate().firstOrFail()
  if (!INITIATIVE_EXPERTISE_STATUSES.includes(initiative.status)) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_expertise.errors.initiative_closed'))
  const filed = await Conclusion.create({ invitationId: invitation.id, draftId: null, initiativeId: initiative.id, versionNumber: null, ...file }, { client: trx })
  await recordInitiativeEvent(trx, initiative.id, 'conclusion_filed', { expert: expert.publicName, organisation: expert.organisation }, filed.filedAt)
  if (initiative.status === 'forwarded') await sendInitiativeConclusion(trx, initiative, filed.id)
  return filed
}

/**
 * The expert files the conclusion on an accepted invitation — of a draft
 * (with remarks on its clauses) or of an initiative — with the signed
 * file, stored through Drive (and removed again if the filing fails).
 * Once per invitation.
 */
export async function fileConclusion(invitationId: number, input: ConclusionInput, user: User, actor: Actor, t: Translate = untranslated) {
  const fileKey = await storeConclusionFile(input.file.tmpPath, input.file.type)
  let conclusion: Conclusion
  try {
    conclusion = await tenantDb().transaction(async (trx) => {
      const invitation = await invitationOf(trx, invitationId, user)
      if (invitation.status !== 'accepted') {
        throw new errors.E_FORBIDDEN_TRANSITION(t(invitation.status === 'invited' ? 'lawmaking_expertise.errors.accept_first' : 'lawmaking_expertise.errors.answered'))
      }
      const expert = await ExpertProfile.query({ client: trx }).where('id', invitation.expertId).firstOrFail()
      const file: ConclusionFile = {
        verdict: input.verdict,
        summary: input.summary.trim(),
        fileKey,
        fileName: input.file.clientName.slice(0, 255),
        fileMime: input.file.type.mimeType,
        fileSize: input.file.size,
        filedAt: DateTime.now(),
      }
      const filed = invitation.draftId ? await concludeDraft(trx, invitation, expert, input, file, t) : await concludeInitiative(trx, invitation, expert, input, file, t)
      invitation.status = 'concluded'
      await invitation.useTransaction(trx).save()
      return filed
    })
  } catch (error) {
    await drive.use().delete(fileKey).catch(() => {})
    throw error
  }
  await recordAudit(actor, 'lawmaking.conclusion_filed', { type: 'lawmaking_conclusion', id: conclusion.id }, { verdict: conclusion.verdict })
  return conclusion
}
