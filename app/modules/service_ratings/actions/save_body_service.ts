import { tenantDb } from '#tenancy/tenant_model'
import { recordAudit, type Actor } from '#core/audit'
import BodyService, { type ServiceChannel } from '#modules/service_ratings/models/body_service'
import { publishCatalogue } from '#modules/service_ratings/services/catalogue'

export interface BodyServiceInput {
  code: string
  nameRu: string
  nameEn: string
  departmentCode: string
  channel: ServiceChannel
  isActive: boolean
}

/** A body's admin adds or changes a service (by its code); the catalogue goes to the portal in the same transaction. */
export class SaveBodyService {
  async handle(input: BodyServiceInput, actor: Actor) {
    return tenantDb().transaction(async (trx) => {
      const existing = await BodyService.query({ client: trx }).where('code', input.code).forUpdate().first()
      const service = existing ?? new BodyService()
      service.merge(input)
      await service.useTransaction(trx).save()
      await publishCatalogue(trx)
      await recordAudit(actor, existing ? 'service_ratings.service.updated' : 'service_ratings.service.created', { type: 'service', id: service.id }, { code: input.code }, trx)
      return service
    })
  }
}
