import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { bus } from '#bus/bus'
import type User from '#modules/identity/models/user'
import { storePhotos } from '#modules/problems/services/photos'
import RatedService from '#modules/service_ratings/models/rated_service'
import ServiceRating, { FOLLOW_UP_BELOW, type Marks } from '#modules/service_ratings/models/service_rating'
import { RatingRefused } from '#modules/service_ratings/services/rating_refused'
import { ANSWER_DAYS, currentMonth } from '#modules/service_ratings/services/months'
import { regionToday } from '#core/region_time'

export interface RatingInput {
  serviceId: number
  marks: Marks
  comment?: string | null
  photo?: MultipartFile | null
}

/**
 * A confirmed citizen rates a service for the current month, once per
 * service and month. A rating whose mean mark is below 3 and that carries a
 * comment opens a follow-up: the providing body receives it over the bus in
 * the same transaction.
 */
export class RateService {
  async handle(input: RatingInput, user: User) {
    const service = await RatedService.find(input.serviceId)
    if (!service) throw new RatingRefused('serviceId', 'unknown_service')
    if (!service.isActive) throw new RatingRefused('serviceId', 'inactive_service')
    const month = currentMonth()
    const record = async (photo?: { key: string; mimeType: string }) =>
      tenantDb().transaction(async (trx) => {
        // the unique key decides under concurrency; this check gives the reason first
        const earlier = await ServiceRating.query({ client: trx }).where({ service_id: service.id, user_id: user.id, month: month.toISODate() }).first()
        if (earlier) throw new RatingRefused('serviceId', 'already_rated')
        const comment = input.comment?.trim() || null
        const rating = new ServiceRating().useTransaction(trx)
        rating.merge({
          serviceId: service.id,
          userId: user.id,
          month,
          markTime: input.marks.time,
          markWaiting: input.marks.waiting,
          markStaff: input.marks.staff,
          markPremises: input.marks.premises,
          markInformation: input.marks.information,
          comment,
          photoKey: photo?.key ?? null,
          photoMime: photo?.mimeType ?? null,
          followUp: 'none',
        })
        await rating.save().catch((error) => {
          if (error?.code === '23505') throw new RatingRefused('serviceId', 'already_rated')
          throw error
        })
        if (comment && rating.overall < FOLLOW_UP_BELOW) {
          const respondBy = regionToday().plus({ days: ANSWER_DAYS })
          rating.merge({ followUp: 'sent', respondBy })
          await rating.save()
          await bus.send(trx, {
            to: service.bodySlug,
            type: 'service_ratings.follow_up_opened',
            payload: {
              ratingId: rating.id,
              service: { code: service.code, nameRu: service.nameRu, departmentCode: service.departmentCode },
              marks: rating.marks,
              comment,
              ratedOn: regionToday().toISODate()!,
              respondBy: respondBy.toISODate()!,
            },
          })
        }
        return rating
      })
    if (!input.photo) return record()
    return storePhotos(`service-ratings/${service.id}`, [input.photo], ([stored]) => record(stored))
  }
}
