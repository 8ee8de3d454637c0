import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import { bus } from '#bus/bus'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemCasePhoto from '#modules/problems/models/problem_case_photo'
import { storePhotos } from '#modules/problems/services/photos'

export interface CaseAnswer {
  kind: 'resolved' | 'planned' | 'not_ours'
  text: string
  plannedOn?: Date
  needs?: string
  photos?: MultipartFile[]
}

/**
 * A department answers a citizen's problem: resolved (text, photos),
 * planned (a date and what it needs), or not ours (back to the portal for
 * re-routing). The answer goes back over the bus in the same transaction.
 */
export class AnswerCase {
  async handle(caseId: number, input: CaseAnswer, user: User, actor: Actor) {
    const photos = input.kind === 'resolved' ? (input.photos ?? []) : []
    const answered = await storePhotos(`cases/${caseId}`, photos, (stored) =>
      tenantDb().transaction(async (trx) => {
        const found = await ProblemCase.query({ client: trx }).where('id', caseId).forUpdate().firstOrFail()
        if (found.status !== 'open') throw new errors.E_FORBIDDEN_TRANSITION('This problem has been answered already')
        const now = DateTime.now()
        found.merge({
          status: input.kind === 'not_ours' ? 'returned' : input.kind,
          answerKind: input.kind,
          answerText: input.text,
          plannedOn: input.kind === 'planned' && input.plannedOn ? DateTime.fromJSDate(input.plannedOn) : null,
          planNeeds: input.kind === 'planned' ? (input.needs ?? null) : null,
          answeredBy: user.id,
          answeredAt: now,
        })
        await found.useTransaction(trx).save()
        await ProblemCasePhoto.attach(trx, { caseId: found.id, round: found.round, source: 'answer' }, stored)
        await bus.send(trx, {
          to: found.originTenant,
          type: 'problems.answered',
          payload: {
            problemId: found.originProblemId,
            round: found.round,
            kind: input.kind,
            text: input.text,
            plannedOn: found.plannedOn?.toISODate() ?? null,
            needs: found.planNeeds,
            answeredAt: now.toISO()!,
            photos: stored.map((photo) => ({ key: photo.key, mimeType: photo.mimeType })),
          },
        })
        return found
      })
    )
    await recordAudit(actor, 'problem_case.answered', { type: 'problem_case', id: answered.id }, { kind: input.kind })
    return answered
  }
}
