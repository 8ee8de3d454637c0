import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import type { DraftKind, DraftLevel } from '#modules/lawmaking/models/draft'

export type PublicStage = 'discussion' | 'reaction' | 'completed'

/** The portal's copy of a published draft act: only what the body sent over the bus. */
export default class PublicDraft extends TenantModel {
  static table = 'lawmaking_public_drafts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare originTenant: string

  @column()
  declare originDraftId: number

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
  declare developerCode: string

  @column()
  declare developerNameRu: string

  @column()
  declare developerNameEn: string

  @column()
  declare bodyNameRu: string

  @column()
  declare bodyNameEn: string

  @column()
  declare explanatoryNote: string

  @column()
  declare stage: PublicStage

  @column.date(dateOnly)
  declare consultationStartsOn: DateTime | null

  @column.date(dateOnly)
  declare consultationEndsOn: DateTime | null

  /** The day to decide on every remark by, as the body announced it with the reaction stage. */
  @column.date(dateOnly)
  declare decideBy: DateTime | null

  @column()
  declare currentVersion: number

  @column()
  declare remarksCount: number

  @column.dateTime()
  declare publishedAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /**
   * Whether remarks are taken on `today` (YYYY-MM-DD, the region's day): the
   * draft is in discussion and today is within the consultation period,
   * both ends counted.
   */
  isOpenForRemarks(today: string) {
    return (
      this.stage === 'discussion' &&
      !!this.consultationStartsOn &&
      !!this.consultationEndsOn &&
      this.consultationStartsOn.toISODate()! <= today &&
      this.consultationEndsOn.toISODate()! >= today
    )
  }
}
