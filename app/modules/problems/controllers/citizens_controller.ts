import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import Municipality from '#modules/identity/models/municipality'
import { residenceIn } from '#modules/priorities/services/residence'
import { currentQuarter } from '#modules/priorities/services/quarters'
import ProblemPolicy from '#modules/problems/policies/problem_policy'
import { RegisterCitizen } from '#modules/problems/actions/register_citizen'
import { profileValidator, registerValidator } from '#modules/problems/validators/problem_validators'

/** Sign-ups per address and hour (PROBLEMS_REGISTRATIONS_PER_HOUR). */
const registrationLimiter = () => limiter.use({ requests: env.get('PROBLEMS_REGISTRATIONS_PER_HOUR') ?? 5, duration: '1 hour' })

/**
 * Citizens of the portal: sign-up with an e-mail confirmation link, and
 * the public display name shown on their problems.
 */
export default class CitizensController {
  async create({ view }: HttpContext) {
    return view.render('pages/problems/register')
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n, view } = ctx
    const data = await request.validateUsing(registerValidator)
    const done = await registrationLimiter().attempt(`problems:register:${ctx.tenant.slug}:${request.ip()}`, async () => {
      await new RegisterCitizen().handle(data, i18n.locale)
      return true
    })
    if (!done) {
      response.status(429)
      return view.render('pages/problems/register', { limitError: i18n.t('problems.register.too_many') })
    }
    // the same answer whether or not the address had an account already
    session.flash('notice', i18n.t('problems.register.check_mail', { email: data.email }))
    return response.redirect('/login')
  }

  async confirm({ params, response, session, i18n }: HttpContext) {
    const confirmed = await new RegisterCitizen().confirm(String(params.token))
    session.flash(confirmed ? 'notice' : 'errorsBag', confirmed ? i18n.t('problems.register.confirmed') : { E_TOKEN: i18n.t('problems.register.bad_token') })
    return response.redirect(confirmed ? '/problems/new' : '/login')
  }

  async profile({ auth, bouncer, view, i18n }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('editProfile')
    const user = auth.getUserOrFail()
    const profile = await CitizenProfile.find(user.id)
    // the municipality of residence, chosen here, is the priorities module's (a change waits for next quarter)
    const municipalities = (await Municipality.query().orderBy('name_ru')).map((m) => ({ value: m.code, label: m.name(i18n.locale) }))
    return view.render('pages/problems/profile', { profile, user, municipalities, residence: residenceIn(profile, currentQuarter()) })
  }

  async updateProfile({ auth, bouncer, request, response, session, i18n }: HttpContext) {
    await bouncer.with(ProblemPolicy).authorize('editProfile')
    const user = auth.getUserOrFail()
    const { displayName } = await request.validateUsing(profileValidator)
    const profile = await CitizenProfile.find(user.id)
    if (profile) {
      profile.displayName = displayName
      await profile.save()
    } else {
      // invited people and demo accounts have a confirmed address already
      await CitizenProfile.create({ userId: user.id, displayName, emailConfirmedAt: user.createdAt })
    }
    session.flash('notice', i18n.t('problems.flash.profile_saved'))
    return response.redirect('/citizen/profile')
  }
}
