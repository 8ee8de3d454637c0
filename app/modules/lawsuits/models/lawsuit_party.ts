import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import type { PartyRole } from '#modules/lawsuits/catalog'

/**
 * A participant of a case with its procedural role. Names may be of
 * citizens: they never leave the tenant (not in the control rollup).
 */
export default class LawsuitParty extends TenantModel {
  static table = 'lawsuit_parties'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare caseId: number

  @column()
  declare role: PartyRole

  @column()
  declare name: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
