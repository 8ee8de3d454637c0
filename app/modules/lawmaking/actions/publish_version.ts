import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import type { BusPayloads, LawmakingDraftFacts } from '#bus/message_types'
import type User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import Draft from '#modules/lawmaking/models/draft'
import DraftVersion from '#modules/lawmaking/models/draft_version'
import { carryKeys, type Clause } from '#modules/lawmaking/services/clauses'
import { assertConsultationPeriod, untranslated, type Translate } from '#modules/lawmaking/services/consultation'
import { clausesOfVersion, insertClauses } from '#modules/lawmaking/services/versions'
import { portalSlugs } from '#modules/lawmaking/services/portals'
import { assertText } from '#modules/lawmaking/actions/save_draft'
import { publishDraftFiles } from '#modules/lawmaking/actions/draft_files'

export interface PublicationInput {
  changeSummary?: string | null
  /** Both or neither: a version without a period is final (the draft completes). The first version needs one. */
  consultationStartsOn?: DateTime | null
  consultationEndsOn?: DateTime | null
}

/** The draft's public facts, as the portal shows them. */
export async function draftFacts(trx: TransactionClientContract, draft: Draft): Promise<LawmakingDraftFacts> {
  const department = await Department.query({ client: trx }).where('id', draft.departmentId).firstOrFail()
  const tenant = tenantScope.currentOrFail()
  return {
    title: draft.title,
    kind: draft.kind,
    level: draft.level,
    municipalityCode: draft.municipalityCode,
    subjectArea: draft.subjectArea,
    developer: { code: department.code, nameRu: department.nameRu, nameEn: department.nameEn },
    body: { nameRu: tenant.nameRu, nameEn: tenant.nameEn },
    explanatoryNote: draft.explanatoryNote,
    stage: draft.stage as LawmakingDraftFacts['stage'],
    consultation:
      draft.consultationStartsOn && draft.consultationEndsOn
        ? { startsOn: draft.consultationStartsOn.toISODate()!, endsOn: draft.consultationEndsOn.toISODate()! }
        : null,
  }
}

/**
 * Publishes the next version of a draft: the prepared text cut into clauses
 * whose keys carry over from the previous version, immutable from now on,
 * sent to the portal with the draft's facts and its files. With a consultation period the
 * draft goes to public discussion; without one (a later version only) it is
 * the final text. A later version waits until every remark on the earlier
 * ones has a decision.
 */
export class PublishVersion {
  async handle(draftId: number, input: PublicationInput, user: User, actor: Actor, t: Translate = untranslated) {
    const withPeriod = !!(input.consultationStartsOn && input.consultationEndsOn)
    const published = await tenantDb().transaction(async (trx) => {
      const draft = await Draft.query({ client: trx }).where('id', draftId).forUpdate().firstOrFail()
      if (draft.stage === 'discussion') {
        throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.discussion_open', { endsOn: draft.consultationEndsOn?.toFormat('dd.LL.yyyy') }))
      }
      if (draft.currentVersion > 0) {
        const undecided = await undecidedRemarks(trx, draft.id)
        if (undecided) throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.undecided', { count: undecided }))
      }
      if (!withPeriod && draft.currentVersion === 0) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'consultationEndsOn', rule: 'required', message: t('lawmaking_office.errors.period_required') }])
      }
      if (withPeriod) assertConsultationPeriod(draft.kind, input.consultationStartsOn!, input.consultationEndsOn!, t)
      if (!draft.pendingText) throw new vineErrors.E_VALIDATION_ERROR([{ field: 'text', rule: 'required', message: t('lawmaking_office.errors.no_text') }])

      const number = draft.currentVersion + 1
      const previous: Clause[] = number > 1 ? await clausesOfVersion(trx, draft.id, number - 1) : []
      const clauses = carryKeys(assertText(draft.pendingText, t), previous, number)
      const now = DateTime.now()
      const version = await DraftVersion.create(
        { draftId: draft.id, number, changeSummary: input.changeSummary?.trim() || null, publishedBy: user.id, publishedAt: now },
        { client: trx }
      )
      await insertClauses(trx, 'lawmaking_clauses', version.id, clauses)
      draft.merge({
        currentVersion: number,
        pendingText: null,
        stage: withPeriod ? 'discussion' : 'completed',
        consultationStartsOn: withPeriod ? input.consultationStartsOn! : draft.consultationStartsOn,
        consultationEndsOn: withPeriod ? input.consultationEndsOn! : draft.consultationEndsOn,
        decideBy: null,
      })
      await draft.useTransaction(trx).save()

      const payload: BusPayloads['lawmaking.version_published'] = {
        draftId: draft.id,
        draft: await draftFacts(trx, draft),
        version: { number, changeSummary: version.changeSummary, publishedAt: now.toISO()!, clauses },
        files: await publishDraftFiles(trx, draft.id, number),
      }
      await bus.sendMany(trx, (await portalSlugs()).map((slug) => ({ to: slug, type: 'lawmaking.version_published' as const, payload })))
      return { draft, version }
    })
    await recordAudit(actor, 'lawmaking.version_published', { type: 'lawmaking_draft', id: draftId }, { version: published.version.number })
    return published
  }
}

/** Remarks on a draft still waiting for the developer's decision. */
export async function undecidedRemarks(trx: QueryClientContract, draftId: number) {
  const row = await trx.from('lawmaking_received_remarks').where('draft_id', draftId).whereNull('decision').count('* as total').first()
  return Number(row?.total ?? 0)
}
