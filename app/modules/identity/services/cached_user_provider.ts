import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type { LucidAuthenticatable } from '@adonisjs/auth/types/session'
import { tenantScope } from '#tenancy/tenant_scope'
import { userCache } from '#modules/identity/services/user_cache'

/**
 * The session guard's user provider: finds the signed-in user of the
 * current tenant through the user cache (user_cache.ts explains why a cached
 * row is safe), so that a signed-in request makes no database statement just
 * to know who is asking. Every request gets its own model instance.
 */
export class CachedSessionUserProvider<UserModel extends LucidAuthenticatable> extends SessionLucidUserProvider<UserModel> {
  async findById(identifier: string | number | BigInt) {
    const model = await this.getModel()
    const tenant = tenantScope.currentOrFail()
    const id = String(identifier)
    const row = await userCache.fetch(tenant.slug, id, async () => {
      const found = await model.query().where(model.primaryKey, id).pojo<Record<string, unknown>>().first()
      return found ?? null
    })
    if (!row) return null
    const user = model.$createFromAdapterResult(row) as InstanceType<UserModel> | null
    return user ? this.createUserForGuard(user) : null
  }
}

/** Like sessionUserProvider() of @adonisjs/auth, with the cache. */
export function cachedSessionUserProvider<UserModel extends LucidAuthenticatable>(
  options: ConstructorParameters<typeof SessionLucidUserProvider<UserModel>>[0]
) {
  return new CachedSessionUserProvider<UserModel>(options)
}
