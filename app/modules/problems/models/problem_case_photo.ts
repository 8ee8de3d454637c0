import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { TenantModel } from '#tenancy/tenant_model'

/** A photo of a body's case: copied from the citizen's report, or attached to the answer or the plan's completion. */
export default class ProblemCasePhoto extends TenantModel {
  static table = 'problem_case_photos'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare caseId: number

  @column()
  declare source: 'report' | 'answer' | 'done'

  @column()
  declare round: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare mimeType: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** Records stored photos (the report's copies, the answer's, the plan's completion) on a case's round. */
  static async attach(
    trx: TransactionClientContract,
    target: { caseId: number; round: number; source: ProblemCasePhoto['source'] },
    photos: { key: string; mimeType: string }[]
  ) {
    if (!photos.length) return
    await ProblemCasePhoto.createMany(
      photos.map((photo) => ({ ...target, storageKey: photo.key, mimeType: photo.mimeType })),
      { client: trx }
    )
  }
}
