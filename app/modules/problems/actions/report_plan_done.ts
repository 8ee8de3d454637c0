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

/**
 * A department reports that the work it planned for a citizen's problem is
 * done, with photos of the result; the report travels to the portal
 * (problems.plan_completed) in the same transaction, photos as answers do.
 */
export class ReportPlanDone {
  async handle(caseId: number, input: { text: string; photos?: MultipartFile[] }, user: User, actor: Actor) {
    const done = await storePhotos(`cases/${caseId}`, input.photos ?? [], (stored) =>
      tenantDb().transaction(async (trx) => {
        const found = await ProblemCase.query({ client: trx }).where('id', caseId).forUpdate().firstOrFail()
        if (found.status !== 'planned') throw new errors.E_FORBIDDEN_TRANSITION('Only a planned problem can be reported done')
        const now = DateTime.now()
        found.merge({ status: 'done', planDoneAt: now, planDoneText: input.text, planDoneBy: user.id })
        await found.useTransaction(trx).save()
        await ProblemCasePhoto.attach(trx, { caseId: found.id, round: found.round, source: 'done' }, stored)
        await bus.send(trx, {
          to: found.originTenant,
          type: 'problems.plan_completed',
          payload: {
            problemId: found.originProblemId,
            round: found.round,
            text: input.text,
            completedAt: now.toISO()!,
            photos: stored.map((photo) => ({ key: photo.key, mimeType: photo.mimeType })),
          },
        })
        return found
      })
    )
    await recordAudit(actor, 'problem_case.plan_done', { type: 'problem_case', id: done.id })
    return done
  }
}
