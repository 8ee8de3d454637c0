import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '#tenancy/tenant_model'
import ConclusionRemark from '#modules/lawmaking/models/conclusion_remark'
import { withConclusionColumns, type Verdict } from '#modules/lawmaking/models/conclusion_columns'

export type { Verdict }
export const VERDICTS: Verdict[] = ['supported', 'supported_with_remarks', 'not_supported']

/**
 * An expert's conclusion on a draft or a citizens' initiative, in the
 * portal: the verdict, a summary, the signed file (kept through Drive) and,
 * for a draft, per-clause remarks on the version reviewed. Public once the
 * draft's discussion has closed, or the initiative was forwarded; before,
 * the expert and moderators see it.
 */
export default class Conclusion extends withConclusionColumns(TenantModel) {
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

  @hasMany(() => ConclusionRemark)
  declare remarks: HasMany<typeof ConclusionRemark>
}
