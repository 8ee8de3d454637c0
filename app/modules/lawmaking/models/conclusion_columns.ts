import type { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { TenantModel } from '#tenancy/tenant_model'

export type Verdict = 'supported' | 'supported_with_remarks' | 'not_supported'

/**
 * What every copy of an expert's conclusion keeps — the portal's, a body's
 * for a draft, a body's for an initiative's case: the verdict, the text and
 * the signed file in Drive (the migrations' conclusionColumns).
 */
export function withConclusionColumns<Model extends NormalizeConstructor<typeof TenantModel>>(superclass: Model) {
  class ConclusionColumns extends superclass {
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
  }
  return ConclusionColumns
}
