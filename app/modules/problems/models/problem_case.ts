import { DateTime } from 'luxon'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import ProblemCasePhoto from '#modules/problems/models/problem_case_photo'

/** open → planned → done (the plan carried out) | resolved | returned (not ours). */
export type CaseStatus = 'open' | 'planned' | 'done' | 'resolved' | 'returned'

const decimal = { consume: (value: unknown) => Number(value) }

/**
 * A block's copy of a citizen's problem routed to one of its departments.
 * It holds the citizen's e-mail only when the citizen allowed sharing it.
 */
export default class ProblemCase extends TenantModel {
  static table = 'problem_cases'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare originTenant: string

  @column()
  declare originProblemId: number

  @column()
  declare round: number

  @column()
  declare departmentId: number

  @column()
  declare themeCode: string

  @column()
  declare themeName: string

  @column()
  declare municipalityCode: string

  @column()
  declare municipalityName: string

  @column(decimal)
  declare lat: number

  @column(decimal)
  declare lng: number

  @column()
  declare address: string

  @column()
  declare description: string

  @column()
  declare authorName: string

  @column()
  declare authorEmail: string | null

  @column()
  declare status: CaseStatus

  @column.dateTime()
  declare deadline: DateTime

  @column()
  declare answerKind: string | null

  @column()
  declare answerText: string | null

  @column.date(dateOnly)
  declare plannedOn: DateTime | null

  @column()
  declare planNeeds: string | null

  @column()
  declare answeredBy: number | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column.dateTime()
  declare remindedAt: DateTime | null

  @column.dateTime()
  declare escalatedAt: DateTime | null

  @column.dateTime()
  declare receivedAt: DateTime

  /** When the department was reminded that the plan's date has come (once per round). */
  @column.dateTime()
  declare planRemindedAt: DateTime | null

  @column.dateTime()
  declare planDoneAt: DateTime | null

  @column()
  declare planDoneText: string | null

  @column()
  declare planDoneBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @hasMany(() => ProblemCasePhoto, { foreignKey: 'caseId' })
  declare photos: HasMany<typeof ProblemCasePhoto>

  get isOverdue() {
    return this.status === 'open' && this.deadline < DateTime.now()
  }

  /** The plan's date has come and the work is not reported done. */
  get isPlanDue() {
    return this.status === 'planned' && !!this.plannedOn && this.plannedOn <= DateTime.now().startOf('day')
  }
}
