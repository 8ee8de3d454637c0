import { errors as vineErrors } from '@vinejs/vine'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import Draft, { type DraftKind, type DraftLevel } from '#modules/lawmaking/models/draft'
import { InvalidText, parseClauses } from '#modules/lawmaking/services/clauses'
import { untranslated, type Translate } from '#modules/lawmaking/services/consultation'

export interface DraftInput {
  title: string
  kind: DraftKind
  level: DraftLevel
  municipalityCode?: string | null
  subjectArea: string
  departmentId: number
  responsibleId: number
  explanatoryNote: string
  text: string
}

/** Refuses (422 on `text`) a text that does not cut into clauses. */
export function assertText(text: string, t: Translate = untranslated) {
  try {
    return parseClauses(text)
  } catch (error) {
    if (!(error instanceof InvalidText)) throw error
    throw new vineErrors.E_VALIDATION_ERROR([{ field: 'text', rule: 'lawmaking.text', message: t('lawmaking_office.errors.text', { problem: error.message }) }])
  }
}

/**
 * A department prepares a draft act, or edits it before its next version:
 * its facts and the text to be published (kept as typed until then). A
 * municipal act needs its municipality; a regional one has none.
 */
export class SaveDraft {
  async handle(input: DraftInput, user: User, actor: Actor, draftId?: number, t: Translate = untranslated) {
    assertText(input.text, t)
    if (input.level === 'municipal' && !input.municipalityCode) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'municipalityCode', rule: 'required', message: t('lawmaking_office.errors.municipality') }])
    }
    const fields = {
      title: input.title,
      kind: input.kind,
      level: input.level,
      municipalityCode: input.level === 'municipal' ? input.municipalityCode! : null,
      subjectArea: input.subjectArea,
      departmentId: input.departmentId,
      responsibleId: input.responsibleId,
      explanatoryNote: input.explanatoryNote,
      pendingText: input.text,
    }
    const draft = await tenantDb().transaction(async (trx) => {
      if (!draftId) return Draft.create({ ...fields, stage: 'preparation', currentVersion: 0, createdBy: user.id }, { client: trx })
      const found = await Draft.query({ client: trx }).where('id', draftId).forUpdate().firstOrFail()
      if (found.stage === 'discussion') {
        throw new errors.E_FORBIDDEN_TRANSITION(t('lawmaking_office.errors.discussion_open', { endsOn: found.consultationEndsOn?.toFormat('dd.LL.yyyy') }))
      }
      found.merge(fields)
      return found.useTransaction(trx).save()
    })
    await recordAudit(actor, draftId ? 'lawmaking.draft_updated' : 'lawmaking.draft_created', { type: 'lawmaking_draft', id: draft.id })
    return draft
  }
}
