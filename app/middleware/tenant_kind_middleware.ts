import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { TenantKind } from '#tenancy/naming'
import { errors } from '#core/errors'

/**
 * Hides routes of modules that are not enabled for the tenant's kind.
 */
export default class TenantKindMiddleware {
  async handle(ctx: HttpContext, next: NextFn, kinds: TenantKind[]) {
    if (!kinds.includes(ctx.tenant.kind)) {
      throw new errors.E_NOT_FOUND('Not found')
    }
    return next()
  }
}
