import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantDb } from '#tenancy/tenant_model'
import { errors } from '#core/errors'
import type RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import { refreshAlerts } from '#modules/ratings/services/rating_alerts'
import { clockDate } from '#core/clock'

export interface ObservationInput {
  indicatorId: number
  value?: number | null
  score?: number | null
  rank: number
  rankShared?: boolean
  districtRank?: number | null
}

/**
 * Writes observations of an edition (insert or replace per indicator),
 * inside the caller's transaction. Alerts are refreshed by the caller once.
 */
export async function upsertObservations(trx: TransactionClientContract, editionId: number, inputs: ObservationInput[]) {
  if (!inputs.length) return
  const now = clockDate()
  await trx
    .table('rating_observations')
    .insert(
      inputs.map((input) => ({
        edition_id: editionId,
        indicator_id: input.indicatorId,
        value: input.value ?? null,
        score: input.score ?? null,
        rank: input.rank,
        rank_shared: input.rankShared ?? false,
        district_rank: input.districtRank ?? null,
        created_at: now,
        updated_at: now,
      }))
    )
    .onConflict(['edition_id', 'indicator_id'])
    .merge(['value', 'score', 'rank', 'rank_shared', 'district_rank', 'updated_at'])
}

/**
 * Records (or corrects) one indicator's figures in an edition from the form.
 */
export class SaveObservation {
  async handle(edition: RatingEdition, input: ObservationInput) {
    const indicator = await RatingIndicator.query().where('id', input.indicatorId).where('rating_id', edition.ratingId).first()
    if (!indicator) throw new errors.E_NOT_FOUND('No such indicator in this rating')
    if (input.rank > edition.regionsCount || (input.districtRank ?? 0) > edition.regionsCount) {
      throw new RankAboveRegionsError(edition.regionsCount)
    }
    await tenantDb().transaction(async (trx) => {
      await upsertObservations(trx, edition.id, [input])
      await refreshAlerts(edition.ratingId, trx)
    })
  }
}

/** A place beyond the number of regions ranked in the edition. */
export class RankAboveRegionsError extends Error {
  constructor(public regionsCount: number) {
    super(`The place exceeds the ${regionsCount} regions of the edition`)
  }
}
