import type { HttpContext } from '@adonisjs/core/http'
import User from '#modules/identity/models/user'
import UserPolicy from '#modules/identity/policies/user_policy'

function present(user: User) {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    departmentId: user.departmentId,
    status: user.status,
  }
}

/**
 * Users over the REST API: the caller's own profile, and any user for admins.
 */
export default class ApiUsersController {
  async me({ auth, tenant }: HttpContext) {
    const user = auth.getUserOrFail()
    return { data: { ...present(user), tenant: tenant.slug } }
  }

  async show({ params, bouncer }: HttpContext) {
    const user = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('view', user)
    return { data: present(user) }
  }
}
