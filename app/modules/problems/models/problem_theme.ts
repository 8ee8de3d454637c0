import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '#tenancy/tenant_model'

/** A theme citizens file problems under (an Open311 service), with its reaction time. */
export default class ProblemTheme extends TenantModel {
  static table = 'problem_themes'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare nameRu: string

  @column()
  declare nameEn: string

  @column()
  declare reactionDays: number

  @column()
  declare position: number

  @column()
  declare isActive: boolean

  name(locale: string) {
    return locale === 'en' ? this.nameEn : this.nameRu
  }
}
