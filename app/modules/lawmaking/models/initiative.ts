import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'
import { dateOnly } from '#core/date_column'
import type { DraftLevel } from '#modules/lawmaking/models/draft'

/**
 * moderation → discussion (published by a moderator) or rejected (by
 * moderation, with a reason) → forwarded (to a body's department) →
 * answered (by that department).
 */
export type InitiativeStatus = 'moderation' | 'rejected' | 'discussion' | 'forwarded' | 'answered'
export const INITIATIVE_STATUSES: InitiativeStatus[] = ['moderation', 'rejected', 'discussion', 'forwarded', 'answered']
/** What the public list shows and filters by. */
export const PUBLIC_INITIATIVE_STATUSES: InitiativeStatus[] = ['discussion', 'forwarded', 'answered']

export type InitiativeAnswer = 'accepted_for_drafting' | 'included_in_plan' | 'rejected'
export const INITIATIVE_ANSWERS: InitiativeAnswer[] = ['accepted_for_drafting', 'included_in_plan', 'rejected']

/** A citizen's legislative initiative, in the portal. */
export default class Initiative extends TenantModel {
  static table = 'lawmaking_initiatives'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare authorId: number

  @column()
  declare title: string

  @column()
  declare problem: string

  @column()
  declare goal: string

  /** The regulation the author proposes. */
  @column()
  declare proposal: string

  @column()
  declare level: DraftLevel

  @column()
  declare municipalityCode: string | null

  @column()
  declare subjectArea: string

  @column()
  declare status: InitiativeStatus

  @column()
  declare moderationReason: string | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column()
  declare supportCount: number

  @column.dateTime()
  declare readyAt: DateTime | null

  @column()
  declare targetTenant: string | null

  @column()
  declare targetDepartmentCode: string | null

  @column()
  declare targetDepartmentNameRu: string | null

  @column()
  declare targetDepartmentNameEn: string | null

  @column()
  declare targetBodyNameRu: string | null

  @column()
  declare targetBodyNameEn: string | null

  @column.dateTime()
  declare forwardedAt: DateTime | null

  @column.date(dateOnly)
  declare respondBy: DateTime | null

  @column.dateTime()
  declare receivedAt: DateTime | null

  @column()
  declare answer: InitiativeAnswer | null

  @column()
  declare answerText: string | null

  @column.date(dateOnly)
  declare plannedOn: DateTime | null

  @column()
  declare orderNumber: string | null

  @column.dateTime()
  declare answeredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Published initiatives: what anybody may read. */
  static published = scope((query) => {
    query.whereIn('status', PUBLIC_INITIATIVE_STATUSES)
  })

  get isPublic() {
    return PUBLIC_INITIATIVE_STATUSES.includes(this.status)
  }

  /** Forwarded and not answered after the day it was due (in the region's calendar). */
  isOverdue(todayIso: string) {
    return this.status === 'forwarded' && !!this.respondBy && this.respondBy.toISODate()! < todayIso
  }

  departmentName(locale: string) {
    return locale === 'en' ? (this.targetDepartmentNameEn ?? this.targetDepartmentNameRu) : this.targetDepartmentNameRu
  }

  bodyName(locale: string) {
    return locale === 'en' ? (this.targetBodyNameEn ?? this.targetBodyNameRu) : this.targetBodyNameRu
  }
}
