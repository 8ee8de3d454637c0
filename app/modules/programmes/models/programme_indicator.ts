import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

const decimal = { consume: (value: string | null) => (value === null ? null : Number(value)) }

/**
 * A measurable target of an event: planned against actual value.
 */
export default class ProgrammeIndicator extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare eventId: number

  @column()
  declare name: string

  @column()
  declare unit: string | null

  @column(decimal)
  declare plannedValue: number

  @column(decimal)
  declare actualValue: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Share of the plan reached, 0–100 (capped), or null before any fact. */
  get percent() {
    if (this.actualValue === null || !this.plannedValue) return null
    return Math.min(100, Math.round((this.actualValue / this.plannedValue) * 100))
  }
}
