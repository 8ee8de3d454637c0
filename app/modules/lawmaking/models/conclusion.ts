import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import ConclusionRemark from '#modules/lawmaking/models/conclusion_remark'

export type Verdict = 'supported' | 'supported_with_remarks' | 'not_supported'
export const VERDICTS: Verdict[] = ['supported', 'supported_with_remarks', 'not_supported']

/**
 * An expert's conclusion on a draft or a citizens' initiative, in the
 * portal: the verdict, a summary, the signed file (kept through Drive) and,
 * for a draft, per-clause remarks on the version reviewed. Public once the
 * draft's discussion has closed, or the initiative was forwarded; before,
 * the expert and moderators see it.
 */
export default class Conclusion extends TenantModel {
  static table = 'lawmaking_conclusions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare invitationId: number

  @column()
  declare draftId: number | null

  @column()
  declare initiativeId: number | null

  /** The draft's version reviewed; null for an initiative. */
  @column()
  declare versionNumber: number | null

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
