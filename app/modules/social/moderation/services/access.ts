import type { HttpContext } from '@adonisjs/core/http'
import { isRowId } from '#core/row_ids'
import { errors } from '#core/errors'
import type User from '#modules/identity/models/user'

/** Moderators and admins work the queue; anyone else gets 404 (the queue is not theirs to see). */
export function moderatorOrFail(ctx: HttpContext): User & { id: number } {
  const user = ctx.auth.getUserOrFail()
  if (!user.isActive || !user.hasRole('moderator', 'admin')) throw new errors.E_NOT_FOUND('Not a moderator')
  return user
}

/** Admins change the portal's moderation settings. */
export function adminOrFail(ctx: HttpContext): User & { id: number } {
  const user = ctx.auth.getUserOrFail()
  if (!user.isActive || !user.hasRole('admin')) throw new errors.E_NOT_FOUND('Not an admin')
  return user
}

/** A route's numeric id, or 404 past what the tables hold (an int column). */
export function idParam(ctx: HttpContext, name = 'id') {
  const id = Number(ctx.params[name])
  if (!isRowId(id)) throw new errors.E_NOT_FOUND(`No ${name} ${ctx.params[name]}`)
  return id
}
