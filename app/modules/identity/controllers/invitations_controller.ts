import type { HttpContext } from '@adonisjs/core/http'
import { actorFromContext } from '#core/audit'
import { AcceptInvitation, findInvitation } from '#modules/identity/actions/accept_invitation'
import { acceptInvitationValidator } from '#modules/identity/validators/user_validators'

/**
 * An invited person sets a password through the one-time link.
 */
export default class InvitationsController {
  async show({ params, view, response }: HttpContext) {
    const user = await findInvitation(params.token)
    if (!user) return response.status(404).send(await view.render('pages/auth/invitation_invalid'))
    return view.render('pages/auth/invitation', { invited: user, token: params.token })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, session, i18n, view } = ctx
    const user = await findInvitation(params.token)
    if (!user) return response.status(404).send(await view.render('pages/auth/invitation_invalid'))
    const { password } = await request.validateUsing(acceptInvitationValidator)
    await new AcceptInvitation().handle(user, password, actorFromContext(ctx))
    session.flash('notice', i18n.t('auth.invitation_accepted'))
    return response.redirect('/login')
  }
}
