import type Initiative from '#modules/lawmaking/models/initiative'
import type PublicDraft from '#modules/lawmaking/models/public_draft'
import type Remark from '#modules/lawmaking/models/remark'
import type { Clause } from '#modules/lawmaking/services/clauses'

/*
| What the API and the open dataset say about published drafts: the same
| public facts the portal's pages show, nothing the bus did not bring.
*/

export function presentDraft(draft: PublicDraft, today: string) {
  return {
    id: draft.id,
    title: draft.title,
    kind: draft.kind,
    level: draft.level,
    municipalityCode: draft.municipalityCode,
    subjectArea: draft.subjectArea,
    developer: { code: draft.developerCode, nameRu: draft.developerNameRu, nameEn: draft.developerNameEn },
    body: { nameRu: draft.bodyNameRu, nameEn: draft.bodyNameEn },
    stage: draft.stage,
    consultation:
      draft.consultationStartsOn && draft.consultationEndsOn
        ? { startsOn: draft.consultationStartsOn.toISODate()!, endsOn: draft.consultationEndsOn.toISODate()! }
        : null,
    openForRemarks: draft.isOpenForRemarks(today),
    currentVersion: draft.currentVersion,
    remarksCount: draft.remarksCount,
    publishedAt: draft.publishedAt.toISO()!,
    url: `/lawmaking/drafts/${draft.id}`,
  }
}

export function presentClause(clause: Clause, remarks: number) {
  return {
    key: clause.key,
    parentKey: clause.parentKey,
    position: clause.position,
    depth: clause.depth,
    label: clause.label,
    text: clause.text,
    changedIn: clause.changedIn,
    remarks,
  }
}

export function presentRemark(remark: Remark & { $extras: Record<string, any> }) {
  return {
    id: remark.id,
    clauseKey: remark.clauseKey,
    versionNumber: remark.versionNumber,
    parentId: remark.parentId,
    authorName: String(remark.$extras.author_name ?? ''),
    fragment: remark.fragment,
    text: remark.text,
    proposedWording: remark.proposedWording,
    reason: remark.reason,
    supportCount: remark.supportCount,
    decision: remark.decision,
    decisionReason: remark.decisionReason,
    decidedAt: remark.decidedAt?.toISO() ?? null,
    createdAt: remark.createdAt.toISO()!,
  }
}

/**
 * A published initiative as the API shows it: the concept, where it stands,
 * its supporters, where it went and the answer (no author: the page names
 * the author's public name, the API does not need it).
 */
export function presentInitiative(initiative: Initiative, threshold: number) {
  return {
    id: initiative.id,
    title: initiative.title,
    problem: initiative.problem,
    goal: initiative.goal,
    proposal: initiative.proposal,
    level: initiative.level,
    municipalityCode: initiative.municipalityCode,
    subjectArea: initiative.subjectArea,
    status: initiative.status,
    supportCount: initiative.supportCount,
    supportThreshold: threshold,
    publishedAt: initiative.publishedAt?.toISO() ?? null,
    forwardedTo:
      initiative.forwardedAt && initiative.targetBodyNameRu
        ? {
            bodyNameRu: initiative.targetBodyNameRu,
            bodyNameEn: initiative.targetBodyNameEn,
            departmentNameRu: initiative.targetDepartmentNameRu,
            departmentNameEn: initiative.targetDepartmentNameEn,
            forwardedAt: initiative.forwardedAt.toISO()!,
            respondBy: initiative.respondBy?.toISODate() ?? null,
          }
        : null,
    answer: initiative.answer
      ? {
          answer: initiative.answer,
          text: initiative.answerText,
          plannedOn: initiative.plannedOn?.toISODate() ?? null,
          orderNumber: initiative.orderNumber,
          answeredAt: initiative.answeredAt?.toISO() ?? null,
        }
      : null,
    url: `/lawmaking/initiatives/${initiative.id}`,
  }
}
