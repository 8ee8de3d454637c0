import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { column, belongsTo, afterSave, afterDelete } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import { TenantModel } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { userCache } from '#modules/identity/services/user_cache'
import { forgetDashboardSummary } from '#modules/identity/builders/dashboard_summary'
import Department from '#modules/identity/models/department'
import type { Role, UserStatus } from '#modules/identity/roles'

const AuthFinder = withAuthFinder(() => hash.use(), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/**
 * A person who signs in to one tenant. Users of one tenant are unknown to
 * every other tenant: the table lives in the tenant's schema.
 */
export default class User extends compose(TenantModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare fullName: string

  @column({ serializeAs: null })
  declare password: string | null

  @column()
  declare role: Role

  @column()
  declare departmentId: number | null

  @column()
  declare status: UserStatus

  @column()
  declare locale: string | null

  /** Whether notifications are also sent by e-mail. */
  @column()
  declare emailNotifications: boolean

  @column({ serializeAs: null })
  declare inviteTokenHash: string | null

  @column.dateTime({ serializeAs: null })
  declare inviteExpiresAt: DateTime | null

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Department)
  declare department: BelongsTo<typeof Department>

  static accessTokens = DbAccessTokensProvider.forModel(User, {
    expiresIn: '30 days',
    prefix: 'krt_',
    table: 'auth_access_tokens',
  })

  /**
   * Signed-in users are cached for a few seconds (services/user_cache.ts):
   * any change to a user is announced so that every process reads it again
   * on the user's next request — now, and once more after the transaction
   * that made it commits (a request may read the old row in between).
   */
  @afterSave()
  static async announceSave(user: User) {
    await User.announceChange(user)
  }

  @afterDelete()
  static async announceDelete(user: User) {
    await User.announceChange(user)
  }

  static async announceChange(user: User) {
    forgetDashboardSummary()
    const tenant = tenantScope.current()
    if (!tenant) return userCache.clear()
    await userCache.announceChange(tenant.slug, user.id)
    user.$trx?.after('commit', () => {
      tenantScope.run(tenant, forgetDashboardSummary)
      return userCache.announceChange(tenant.slug, user.id)
    })
  }

  get isActive() {
    return this.status === 'active'
  }

  hasRole(...roles: Role[]) {
    return roles.includes(this.role)
  }
}
