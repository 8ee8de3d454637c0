import { DateTime } from 'luxon'
import { column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import ProgrammeEvent from '#modules/programmes/models/programme_event'

export const PROGRAMME_KINDS = ['roadmap', 'federal', 'national', 'regional'] as const
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number]

/**
 * A roadmap or a federal, national or regional programme, broken into events.
 */
export default class Programme extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: ProgrammeKind

  @column()
  declare code: string | null

  @column()
  declare title: string

  @column()
  declare description: string | null

  @column()
  declare departmentId: number | null

  @column.date(dateOnly)
  declare startsOn: DateTime | null

  @column.date(dateOnly)
  declare endsOn: DateTime | null

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @hasMany(() => ProgrammeEvent)
  declare events: HasMany<typeof ProgrammeEvent>
}
