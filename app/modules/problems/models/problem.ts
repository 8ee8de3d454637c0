import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Municipality from '#modules/identity/models/municipality'
import User from '#modules/identity/models/user'
import ProblemTheme from '#modules/problems/models/problem_theme'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import ProblemEvent from '#modules/problems/models/problem_event'

export const PROBLEM_STATUSES = ['awaiting_routing', 'routed', 'planned', 'resolved', 'confirmed'] as const
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number]
/** Statuses in which the problem waits for an official reaction. */
export const OPEN_STATUSES: ProblemStatus[] = ['awaiting_routing', 'routed']
/** The department answered: the citizen may confirm or contest. */
export const ANSWERED_STATUSES: ProblemStatus[] = ['planned', 'resolved']

/** Bare coordinates, perhaps after a municipality's name: "Краснодар: 45.035500, 38.975300". */
const COORDINATES_ONLY = /^(?:[^:]*:\s*)?-?\d{1,3}(?:\.\d+)?\s*[,;]\s*-?\d{1,3}(?:\.\d+)?$/

export function isTypedAddress(address: string | null | undefined) {
  const text = (address ?? '').trim()
  return text.length > 0 && !COORDINATES_ONLY.test(text)
}

const decimal = { consume: (value: unknown) => (value === null ? null : Number(value)) }

/**
 * A citizen's problem report in the portal (an Open311 service request:
 * requested = created_at, updated = updated_at, expected = deadline,
 * agency_responsible = routed department).
 */
export default class Problem extends TenantModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare themeId: number

  @column()
  declare municipalityId: number

  @column()
  declare authorId: number

  @column(decimal)
  declare lat: number

  @column(decimal)
  declare lng: number

  @column()
  declare address: string

  @column()
  declare description: string

  @column()
  declare shareContact: boolean

  @column()
  declare status: ProblemStatus

  @column()
  declare round: number

  @column()
  declare ruleId: number | null

  @column()
  declare routedTenant: string | null

  @column()
  declare routedDepartmentCode: string | null

  @column()
  declare routedDepartmentName: string | null

  @column()
  declare routedDepartmentNameEn: string | null

  @column.dateTime()
  declare routedAt: DateTime | null

  /** The body confirmed over the bus that this round reached a department's queue (null: still being sent). */
  @column.dateTime()
  declare receivedAt: DateTime | null

  @column.dateTime()
  declare deadline: DateTime | null

  @column.dateTime()
  declare firstRoutedAt: DateTime | null

  @column.dateTime()
  declare firstAnsweredAt: DateTime | null

  @column()
  declare answeredInTime: boolean | null

  @column()
  declare answerKind: 'resolved' | 'planned' | null

  @column()
  declare answerText: string | null

  @column.date(dateOnly)
  declare plannedOn: DateTime | null

  @column()
  declare planNeeds: string | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  /** A planned answer's work reported done by the body (the status is then `resolved`). */
  @column.dateTime()
  declare planDoneAt: DateTime | null

  @column()
  declare planDoneText: string | null

  @column()
  declare reopenedCount: number

  @column()
  declare endorsementsCount: number

  @column()
  declare openFlagsCount: number

  @column.dateTime()
  declare hiddenAt: DateTime | null

  @column()
  declare hiddenReason: string | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ProblemTheme, { foreignKey: 'themeId' })
  declare theme: BelongsTo<typeof ProblemTheme>

  @belongsTo(() => Municipality)
  declare municipality: BelongsTo<typeof Municipality>

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @hasMany(() => ProblemPhoto)
  declare photos: HasMany<typeof ProblemPhoto>

  @hasMany(() => ProblemEvent)
  declare events: HasMany<typeof ProblemEvent>

  /** Overdue is derived: routed, no answer, deadline passed. */
  get isOverdue() {
    return this.status === 'routed' && !!this.deadline && this.deadline < DateTime.now()
  }

  /** The routed department's name in the page's language (English when the body published one). */
  departmentName(locale: string) {
    return (locale === 'en' && this.routedDepartmentNameEn) || this.routedDepartmentName
  }

  /**
   * Whether a person typed the address: false for an empty one or for bare
   * coordinates (an Open311 client may send only lat/long), which lists show
   * as "near <the municipality's centre>" instead.
   */
  get hasTypedAddress() {
    return isTypedAddress(this.address)
  }

  /** Routed, but the body has not yet confirmed receiving this round. */
  get isBeingSent() {
    return this.status === 'routed' && !this.receivedAt
  }

  get isOpen() {
    return OPEN_STATUSES.includes(this.status)
  }

  /** A plan whose date has passed without the body reporting it done. */
  get isPlanOverdue() {
    return this.status === 'planned' && !!this.plannedOn && this.plannedOn < DateTime.now().startOf('day')
  }

  /** The author confirms a result (a plan is confirmed once it is done). */
  get canBeConfirmed() {
    return this.status === 'resolved'
  }

  /** The author contests a result, or a plan once its date has passed. */
  get canBeContested() {
    return this.status === 'resolved' || this.isPlanOverdue
  }
}
