import { DateTime } from 'luxon'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import Department from '#modules/identity/models/department'
import User from '#modules/identity/models/user'

export type DraftKind = 'law' | 'decree' | 'resolution' | 'municipal_act'
export type DraftLevel = 'regional' | 'municipal'
/** preparation (not public) → discussion (the consultation period) → reaction (deciding remarks) → completed; a new version may open discussion again. */
export type DraftStage = 'preparation' | 'discussion' | 'reaction' | 'completed'

export const DRAFT_KINDS: DraftKind[] = ['law', 'decree', 'resolution', 'municipal_act']
export const DRAFT_LEVELS: DraftLevel[] = ['regional', 'municipal']
export const DRAFT_STAGES: DraftStage[] = ['preparation', 'discussion', 'reaction', 'completed']

/** A draft act (проект НПА) prepared by one of the body's departments. */
export default class Draft extends TenantModel {
  static table = 'lawmaking_drafts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare title: string

  @column()
  declare kind: DraftKind

  @column()
  declare level: DraftLevel

  @column()
  declare municipalityCode: string | null

  @column()
  declare subjectArea: string

  @column()
  declare departmentId: number

  @column()
  declare responsibleId: number

  @column()
  declare explanatoryNote: string

  @column()
  declare stage: DraftStage

  /** The text being prepared for the next version (not public until published). */
  @column()
  declare pendingText: string | null

  @column.date(dateOnly)
  declare consultationStartsOn: DateTime | null

  @column.date(dateOnly)
  declare consultationEndsOn: DateTime | null

  /** Every remark gets a decision by this day (the reaction stage). */
  @column.date(dateOnly)
  declare decideBy: DateTime | null

  @column()
  declare currentVersion: number

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  @belongsTo(() => User, { foreignKey: 'responsibleId' })
  declare responsible: BelongsTo<typeof User>
}
