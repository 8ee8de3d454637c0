import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import ConclusionRemark from '#modules/lawmaking/models/conclusion_remark'

export type Verdict = 'supported' | 'supported_with_remarks' | 'not_supported'
export const VERDICTS: Verdict[] = ['supported', 'supported_with_remarks', 'not_supported']

/**
 * An expert's conclusion on a draft, in the portal: the verdict, a summary,
 * the signed file (kept through Drive) and per-clause remarks. Public once
 * the draft's discussion has closed; before, the expert and moderators see it.
 */
export default class Conclusion extends TenantModel {
  static table = 'lawmaking_conclusions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare invitationId: number

  @column()
  declare draftId: number

  @column()
  declare versionNumber: number

  @column()
  declare verdict: Verdict

  @column()
  declare summary: string

  @column()
  declare fileKey: string

  @column()
  declare fileName: string

  @column()
  declare fileMime: string

  @column()
  declare fileSize: number

  @column.dateTime()
  declare filedAt: DateTime

  @hasMany(() => ConclusionRemark)
  declare remarks: HasMany<typeof ConclusionRemark>
}
