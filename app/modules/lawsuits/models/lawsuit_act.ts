import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import type { ActKind } from '#modules/lawsuits/catalog'

/**
 * A court act of a case (decision, ruling, writ…): a file in Drive under a
 * key that starts with the tenant's slug; the key is never shown.
 */
export default class LawsuitAct extends TenantModel {
  static table = 'lawsuit_acts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare caseId: number

  @column()
  declare kind: ActKind

  @column.date(dateOnly)
  declare issuedOn: DateTime | null

  @column()
  declare fileName: string

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare mimeType: string

  @column()
  declare size: number

  @column()
  declare uploadedBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
