import type { HttpContext } from '@adonisjs/core/http'
import { portalHomeData } from '#modules/problems/services/portal_home'

/**
 * The root of every tenant host: the public portal's front page, or the
 * way in for staff offices.
 */
export default class HomeController {
  async show({ tenant, auth, response, view }: HttpContext) {
    if (tenant.kind === 'portal') return view.render('pages/portal/home', await portalHomeData())
    return response.redirect(auth.user ? '/dashboard' : '/login')
  }
}
