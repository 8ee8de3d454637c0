import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A published version of a draft: immutable, its clauses in lawmaking_clauses. */
export default class DraftVersion extends TenantModel {
  static table = 'lawmaking_versions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare draftId: number

  @column()
  declare number: number

  @column()
  declare changeSummary: string | null

  @column()
  declare publishedBy: number

  @column.dateTime()
  declare publishedAt: DateTime
}
