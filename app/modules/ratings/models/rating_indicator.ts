import { DateTime } from 'luxon'
import { column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import Department from '#modules/identity/models/department'

/**
 * An indicator of a rating; indicators form a tree (an overall place, its
 * groups, their indicators). Each may name the department answering for it.
 */
export default class RatingIndicator extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare ratingId: number

  @column()
  declare parentId: number | null

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare departmentId: number | null

  @column()
  declare position: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>
}
