import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export type ProblemEventKind =
  | 'submitted'
  | 'routed'
  | 'received'
  | 'transferred'
  | 'returned'
  | 'answered'
  | 'plan_done'
  | 'confirmed'
  | 'contested'
  | 'hidden'
  | 'restored'
  | 'unroutable'

/** One entry of a problem's timeline; routing entries name the rule that fired. */
export default class ProblemEvent extends TenantModel {
  static table = 'problem_events'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare problemId: number

  @column()
  declare kind: ProblemEventKind

  @column()
  declare actorId: number | null

  @column()
  declare ruleId: number | null

  @column()
  declare isPublic: boolean

  @column()
  declare data: Record<string, any>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
