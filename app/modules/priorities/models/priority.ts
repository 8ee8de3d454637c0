import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

export const PRIORITY_LEVELS = ['regional', 'municipal'] as const
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number]
export const PRIORITY_STATUSES = ['suggested', 'draft', 'published', 'archived', 'rejected'] as const

/**
 * A priority citizens vote for: regional, or of one municipality; open from
 * one quarter to another (or on). Portal admins draft and publish it.
 */
export default class Priority extends TenantModel {
  static table = 'priority_items'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare level: PriorityLevel

  @column()
  declare municipalityCode: string | null

  @column()
  declare title: string

  @column()
  declare description: string

  @column()
  declare category: string

  @column()
  declare responsibleBody: string | null

  @column()
  declare opensQuarter: string

  @column()
  declare closesQuarter: string | null

  @column()
  declare status: (typeof PRIORITY_STATUSES)[number]

  /** The citizen who suggested it (never shown publicly). */
  @column({ serializeAs: null })
  declare suggestedBy: number | null

  /** The municipality (tenant slug) whose administration proposed it over the bus. */
  @column()
  declare proposedByBody: string | null

  /** The photo in Drive (re-encoded, no metadata); served by `/priorities/:id/photo`. */
  @column({ serializeAs: null })
  declare photoKey: string | null

  @column({ serializeAs: null })
  declare photoMime: string | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Published and open in the quarter (quarters compare as text: `2026-Q4` < `2027-Q1`). */
  static openIn = scope((query, quarter: string) => {
    query
      .where('status', 'published')
      .where('opens_quarter', '<=', quarter)
      .where((open) => open.whereNull('closes_quarter').orWhere('closes_quarter', '>=', quarter))
  })

  isOpenIn(quarter: string) {
    return this.status === 'published' && this.opensQuarter <= quarter && (!this.closesQuarter || this.closesQuarter >= quarter)
  }
}
