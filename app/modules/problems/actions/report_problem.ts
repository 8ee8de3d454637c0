import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import type User from '#modules/identity/models/user'
import Problem from '#modules/problems/models/problem'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import { storePhotos } from '#modules/problems/services/photos'
import { recordEvent } from '#modules/problems/services/timeline'
import { routeByRules } from '#modules/problems/services/routing'

export interface ProblemReport {
  themeId: number
  municipalityId: number
  lat: number
  lng: number
  address: string
  description: string
  shareContact?: boolean
  photos?: MultipartFile[]
}

/**
 * A citizen reports a problem: photos are re-encoded and stored, the
 * problem, its photos and timeline are written and it is routed by the
 * rules (the bus message in the same transaction); the draft is forgotten.
 */
export class ReportProblem {
  async handle(input: ProblemReport, author: User) {
    return storePhotos(`reports/${author.id}`, input.photos ?? [], (stored) =>
      tenantDb().transaction(async (trx) => {
        const problem = await Problem.create(
          {
            themeId: input.themeId,
            municipalityId: input.municipalityId,
            authorId: author.id,
            lat: input.lat,
            lng: input.lng,
            address: input.address,
            description: input.description,
            shareContact: !!input.shareContact,
            status: 'awaiting_routing',
            round: 0,
          },
          { client: trx }
        )
        if (stored.length) {
          await ProblemPhoto.createMany(
            stored.map((photo) => ({ problemId: problem.id, source: 'report' as const, round: 0, storageKey: photo.key, mimeType: photo.mimeType, width: photo.width, height: photo.height, size: photo.size })),
            { client: trx }
          )
        }
        await recordEvent(trx, problem.id, 'submitted', { photos: stored.length }, { actorId: author.id })
        await routeByRules(trx, problem, { actorId: null, reason: 'rule' })
        await trx.from('problem_drafts').where('user_id', author.id).delete()
        return problem
      })
    )
  }
}
