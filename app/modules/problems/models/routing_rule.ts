import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import Municipality from '#modules/identity/models/municipality'
import ProblemTheme from '#modules/problems/models/problem_theme'

/**
 * Theme × municipality → a department of a block (named by the block's slug
 * and the department's code); without a municipality it is the theme's default.
 */
export default class RoutingRule extends TenantModel {
  static table = 'problem_routing_rules'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare themeId: number

  @column()
  declare municipalityId: number | null

  @column()
  declare targetTenant: string

  @column()
  declare targetDepartmentCode: string

  @column()
  declare targetDepartmentName: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ProblemTheme, { foreignKey: 'themeId' })
  declare theme: BelongsTo<typeof ProblemTheme>

  @belongsTo(() => Municipality)
  declare municipality: BelongsTo<typeof Municipality>
}
