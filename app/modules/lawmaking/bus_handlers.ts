import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import { errors } from '#core/errors'
import { tenantScope } from '#tenancy/tenant_scope'
import { isBodyKind } from '#tenancy/naming'
import Draft from '#modules/lawmaking/models/draft'
import ReceivedRemark from '#modules/lawmaking/models/received_remark'
import PublicDraft from '#modules/lawmaking/models/public_draft'
import Remark from '#modules/lawmaking/models/remark'
import { insertClauses } from '#modules/lawmaking/services/versions'
import { recordDraftEvent } from '#modules/lawmaking/services/timeline'
import { notifyPeople, peopleOfDepartment } from '#modules/lawmaking/services/notify'
import { publishSummariesSoon } from '#modules/lawmaking/services/published_summaries'
import { syncPublicDraftFiles } from '#modules/lawmaking/services/public_draft_files'

/*
| Law-making across tenants. A body (block or municipality) publishes the
| versions of its drafts to the portal (lawmaking.version_published) and
| tells it of stage changes; the portal forwards citizens' remarks
| (lawmaking.remark_submitted) and the body answers each with a decision
| (lawmaking.remark_decided). Each side finds the other's rows by its own
| ids and only for the sender named by the relay.
*/

function assertPortal() {
  if (tenantScope.currentOrFail().kind !== 'portal') throw new errors.E_NOT_FOUND(`${tenantScope.currentOrFail().slug} is not a portal`)
}

/** The portal's copy of a body's draft, locked; only the body that sent it may change it. */
function publicDraftOf(trx: any, sender: string, draftId: number) {
  return PublicDraft.query({ client: trx }).where('origin_tenant', sender).where('origin_draft_id', draftId).forUpdate().first()
}

/**
 * Once the change is committed, the summary of proposals of the version
 * whose discussion just ended is queued for publication (both languages).
 */
function publishSummaryAfterCommit(trx: TransactionClientContract, draftId: number, versionNumber: number) {
  if (versionNumber >= 1) trx.after('commit', () => publishSummariesSoon(draftId, versionNumber))
}

// The portal keeps a new version (once), the draft's facts and its list of files (copied) as they are now;
// the next version (or the final one) publishes the summary of the one before.
bus.handle('lawmaking.version_published', async (message, trx) => {
  assertPortal()
  const facts = message.payload
  const publishedAt = DateTime.fromISO(facts.version.publishedAt)
  const fields = {
    title: facts.draft.title,
    kind: facts.draft.kind,
    level: facts.draft.level,
    municipalityCode: facts.draft.municipalityCode,
    subjectArea: facts.draft.subjectArea,
    developerCode: facts.draft.developer.code,
    developerNameRu: facts.draft.developer.nameRu,
    developerNameEn: facts.draft.developer.nameEn,
    bodyNameRu: facts.draft.body.nameRu,
    bodyNameEn: facts.draft.body.nameEn,
    explanatoryNote: facts.draft.explanatoryNote,
    stage: facts.draft.stage,
    consultationStartsOn: facts.draft.consultation ? DateTime.fromISO(facts.draft.consultation.startsOn) : null,
    consultationEndsOn: facts.draft.consultation ? DateTime.fromISO(facts.draft.consultation.endsOn) : null,
    currentVersion: facts.version.number,
  }
  let draft = await publicDraftOf(trx, message.from, facts.draftId)
  // a version arrives once; an older one arriving late changes nothing
  if (draft && draft.currentVersion >= facts.version.number) return
  const ended = draft ? draft.currentVersion : null
  if (draft) {
    // a new discussion will bring its own day to decide by
    draft.merge(facts.draft.stage === 'discussion' ? { ...fields, decideBy: null } : fields)
    await draft.useTransaction(trx).save()
  } else {
    draft = await PublicDraft.create({ originTenant: message.from, originDraftId: facts.draftId, publishedAt, remarksCount: 0, ...fields }, { client: trx })
  }
  const [version] = await trx
    .table('lawmaking_public_versions')
    .insert({ draft_id: draft.id, number: facts.version.number, change_summary: facts.version.changeSummary, published_at: publishedAt.toJSDate() })
    .returning('id')
  await insertClauses(trx, 'lawmaking_public_clauses', version.id ?? version, facts.version.clauses)
  // a message from before drafts had files leaves the list as it is
  if (facts.files) await syncPublicDraftFiles(trx, draft.id, message.from, facts.files)
  await recordDraftEvent(trx, draft.id, 'version_published', { version: facts.version.number, changeSummary: facts.version.changeSummary, clauses: facts.version.clauses.length }, publishedAt)
  if (facts.draft.consultation && facts.draft.stage === 'discussion') {
    await recordDraftEvent(trx, draft.id, 'discussion_opened', { version: facts.version.number, ...facts.draft.consultation }, publishedAt)
  } else if (facts.draft.stage === 'completed') {
    await recordDraftEvent(trx, draft.id, 'completed', { version: facts.version.number }, publishedAt)
  }
  if (ended) publishSummaryAfterCommit(trx, draft.id, ended)
})

bus.handle('lawmaking.stage_changed', async (message, trx) => {
  assertPortal()
  const facts = message.payload
  const draft = await publicDraftOf(trx, message.from, facts.draftId)
  if (!draft) throw new errors.E_NOT_FOUND(`Draft ${facts.draftId} of "${message.from}" is not published here`)
  if (draft.stage === facts.stage) return
  draft.stage = facts.stage
  // the reaction stage names the day to decide by (the statistics measure the reaction against it)
  if (facts.stage === 'reaction') draft.decideBy = facts.decideBy ? DateTime.fromISO(facts.decideBy) : null
  await draft.useTransaction(trx).save()
  const changedAt = DateTime.fromISO(facts.changedAt)
  if (facts.stage === 'reaction') await recordDraftEvent(trx, draft.id, 'discussion_closed', { version: draft.currentVersion, decideBy: facts.decideBy ?? null }, changedAt)
  if (facts.stage === 'completed') {
    await recordDraftEvent(trx, draft.id, 'completed', { version: draft.currentVersion }, changedAt)
    publishSummaryAfterCommit(trx, draft.id, draft.currentVersion)
  }
})

// The developer's body files a citizen's remark for a decision (once).
bus.handle('lawmaking.remark_submitted', async (message, trx) => {
  if (!isBodyKind(tenantScope.currentOrFail().kind)) throw new errors.E_NOT_FOUND(`${message.to} is not a block or a municipality`)
  const facts = message.payload
  const draft = await Draft.query({ client: trx }).where('id', facts.draftId).first()
  if (!draft || draft.currentVersion < facts.versionNumber) throw new errors.E_NOT_FOUND(`No published draft ${facts.draftId} in ${message.to}`)
  const known = await ReceivedRemark.query({ client: trx }).where('origin_tenant', message.from).where('origin_remark_id', facts.remarkId).first()
  if (known) return
  await ReceivedRemark.create(
    {
      draftId: draft.id,
      originTenant: message.from,
      originRemarkId: facts.remarkId,
      versionNumber: facts.versionNumber,
      clauseKey: facts.clauseKey,
      fragment: facts.fragment,
      text: facts.text,
      proposedWording: facts.proposedWording,
      reason: facts.reason,
      authorName: facts.authorName,
      submittedAt: DateTime.fromISO(facts.submittedAt),
      receivedAt: DateTime.now(),
      decision: null,
    },
    { client: trx }
  )
  await notifyPeople(trx, await peopleOfDepartment(trx, draft.departmentId), 'lawmaking.remark_received', `/lawmaking/office/drafts/${draft.id}#remarks`, { title: draft.title }, `lawmaking.remark_received:${draft.id}:${draft.currentVersion}`)
})

// The portal publishes the developer's decision on a remark (the latest one counts).
bus.handle('lawmaking.remark_decided', async (message, trx) => {
  assertPortal()
  const facts = message.payload
  const draft = await publicDraftOf(trx, message.from, facts.draftId)
  if (!draft) throw new errors.E_NOT_FOUND(`Draft ${facts.draftId} of "${message.from}" is not published here`)
  const remark = await Remark.query({ client: trx }).where('id', facts.remarkId).where('draft_id', draft.id).whereNull('parent_id').forUpdate().first()
  if (!remark) throw new errors.E_NOT_FOUND(`No remark ${facts.remarkId} on draft ${draft.id}`)
  const decidedAt = DateTime.fromISO(facts.decidedAt)
  if (remark.decidedAt && remark.decidedAt >= decidedAt) return
  const first = !remark.decidedAt
  remark.merge({ decision: facts.decision, decisionReason: facts.reason, decidedAt })
  await remark.useTransaction(trx).save()
  await recordDraftEvent(trx, draft.id, 'remark_decided', { remarkId: remark.id, clauseKey: remark.clauseKey, decision: facts.decision, reason: facts.reason, revised: !first }, decidedAt)
  await notifyPeople(trx, [remark.authorId], 'lawmaking.remark_decided', `/lawmaking/drafts/${draft.id}/clauses/${remark.clauseKey}#remark-${remark.id}`, { title: draft.title, decision: facts.decision })
})
