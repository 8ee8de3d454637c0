import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { jsonList, type ExpertField } from '#modules/lawmaking/models/expert_profile'

/** A verified expert as a portal published its registry (the body's copy: no e-mail, no credentials). */
export default class ExpertEntry extends TenantModel {
  static table = 'lawmaking_known_experts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare portalSlug: string

  /** The expert's profile id in that portal. */
  @column()
  declare expertId: number

  @column()
  declare publicName: string

  @column()
  declare organisation: string

  @column(jsonList)
  declare fields: ExpertField[]
}
