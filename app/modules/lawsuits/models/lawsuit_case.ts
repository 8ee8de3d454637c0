import { DateTime } from 'luxon'
import { column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import User from '#modules/identity/models/user'
import LawsuitParty from '#modules/lawsuits/models/lawsuit_party'
import LawsuitEvent from '#modules/lawsuits/models/lawsuit_event'
import LawsuitAct from '#modules/lawsuits/models/lawsuit_act'
import type { Category, Instance, Outcome, PartyRole } from '#modules/lawsuits/catalog'

/** numeric(18,2) read as a JavaScript number (rubles with kopecks fit exactly enough for display and sums). */
const amount = {
  consume: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
}

/**
 * A court case at one instance. An appeal is a new case at the next
 * instance whose `parentId` is the case it appeals: the chain of a dispute.
 * Open while it has no outcome.
 */
export default class LawsuitCase extends TenantModel {
  static table = 'lawsuit_cases'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: string

  @column()
  declare court: string

  @column()
  declare instance: Instance

  @column()
  declare judge: string | null

  @column()
  declare category: Category

  @column()
  declare ourRole: PartyRole

  @column()
  declare subject: string | null

  @column(amount)
  declare claimedAmount: number

  @column(amount)
  declare awardedAmount: number | null

  @column(amount)
  declare collectedAmount: number | null

  @column()
  declare outcome: Outcome | null

  @column.date(dateOnly)
  declare decidedOn: DateTime | null

  @column()
  declare lawyerId: number | null

  @column()
  declare departmentId: number

  @column()
  declare parentId: number | null

  @column.date(dateOnly)
  declare nextHearingOn: DateTime | null

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @belongsTo(() => User, { foreignKey: 'lawyerId' })
  declare lawyer: BelongsTo<typeof User>

  @hasMany(() => LawsuitParty, { foreignKey: 'caseId' })
  declare parties: HasMany<typeof LawsuitParty>

  @hasMany(() => LawsuitEvent, { foreignKey: 'caseId' })
  declare events: HasMany<typeof LawsuitEvent>

  @hasMany(() => LawsuitAct, { foreignKey: 'caseId' })
  declare acts: HasMany<typeof LawsuitAct>

  get isOpen() {
    return this.outcome === null
  }
}
