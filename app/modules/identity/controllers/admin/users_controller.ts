import type { HttpContext } from '@adonisjs/core/http'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import UserPolicy from '#modules/identity/policies/user_policy'
import { actorFromContext } from '#core/audit'
import { tenantUrl } from '#tenancy/tenant_urls'
import { rolesFor } from '#modules/identity/roles'
import { InviteUser } from '#modules/identity/actions/invite_user'
import { ChangeUserStatus } from '#modules/identity/actions/change_user_status'
import { sendInvitation } from '#modules/identity/mail/send_invitation'
import i18nManager from '@adonisjs/i18n/services/main'
import { inviteUserValidator } from '#modules/identity/validators/user_validators'

const PAGE_SIZE = 25

/**
 * The tenant admin's list of users: invite, deactivate, reactivate.
 */
export default class UsersController {
  async index({ bouncer, request, view, tenant }: HttpContext) {
    await bouncer.with(UserPolicy).authorize('viewList')
    const search = String(request.input('q', '') ?? '').trim()
    const page = Math.max(1, Number(request.input('page', 1)) || 1)

    const users = await User.query()
      .preload('department')
      .if(search, (query) =>
        query.where((inner) => inner.whereILike('email', `%${search}%`).orWhereILike('full_name', `%${search}%`))
      )
      .orderBy('id')
      .paginate(page, PAGE_SIZE)
    users.baseUrl('/admin/users').queryString(search ? { q: search } : {})

    const departments = await Department.query().where('is_active', true).orderBy('name_ru')
    return view.render('pages/admin/users', { users, departments, roles: rolesFor(tenant.kind), search })
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, response, session, i18n, tenant } = ctx
    await bouncer.with(UserPolicy).authorize('invite')
    const data = await request.validateUsing(inviteUserValidator(rolesFor(tenant.kind)))
    if (data.departmentId && !(await Department.find(data.departmentId))) {
      session.flashAll()
      session.flashErrors({ departmentId: i18n.t('validation.exists', { field: i18n.t('fields.departmentId') }) })
      return response.redirect().back()
    }
    const { user, token } = await new InviteUser().handle(data, actorFromContext(ctx))
    const link = `${tenantUrl(tenant)}/invitations/${token}`
    const mailed = await sendInvitation(user, link, tenant.name(i18nManager.defaultLocale))
    session.flash('notice', i18n.t(mailed ? 'admin.users.invited_mailed' : 'admin.users.invited_not_mailed', { email: user.email }))
    session.flash('inviteLink', link)
    return response.redirect('/admin/users')
  }

  async deactivate(ctx: HttpContext) {
    return this.#changeStatus(ctx, 'deactivated')
  }

  async activate(ctx: HttpContext) {
    return this.#changeStatus(ctx, 'active')
  }

  async #changeStatus(ctx: HttpContext, status: 'active' | 'deactivated') {
    const { bouncer, params, response, session, i18n } = ctx
    const user = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('changeStatus', user)
    await new ChangeUserStatus().handle(user, status, actorFromContext(ctx))
    session.flash('notice', i18n.t(`admin.users.${status}`, { email: user.email }))
    return response.redirect('/admin/users')
  }
}
