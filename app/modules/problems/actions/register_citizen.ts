import { createHash, randomBytes } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantUrl } from '#tenancy/tenant_urls'
import User from '#modules/identity/models/user'
import CitizenProfile from '#modules/problems/models/citizen_profile'

export function hashConfirmToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * A citizen signs up on the portal: an active account (so they can sign in
 * and read their own things at once) whose e-mail is unconfirmed until they
 * open the link we mail them; only confirmed citizens report and endorse.
 * An address already registered gets no second account and no hint of it.
 */
export class RegisterCitizen {
  async handle(input: { email: string; displayName: string; password: string }, locale: string) {
    const email = input.email.toLowerCase()
    if (await User.query().whereRaw('lower(email) = ?', [email]).first()) return null
    const token = randomBytes(24).toString('base64url')
    const user = await tenantDb().transaction(async (trx) => {
      const created = await User.create(
        { email, fullName: input.displayName, role: 'citizen', password: input.password, status: 'active', locale },
        { client: trx }
      )
      await CitizenProfile.create({ userId: created.id, displayName: input.displayName, confirmTokenHash: hashConfirmToken(token) }, { client: trx })
      return created
    })
    await this.#sendConfirmation(user, `${tenantUrl(tenantScope.currentOrFail())}/register/confirm/${token}`, locale)
    return user
  }

  /** Marks the e-mail confirmed; false for an unknown (or used) token. */
  async confirm(token: string) {
    const profile = await CitizenProfile.findBy('confirm_token_hash', hashConfirmToken(token))
    if (!profile) return false
    profile.merge({ emailConfirmedAt: DateTime.now(), confirmTokenHash: null })
    await profile.save()
    return true
  }

  async #sendConfirmation(user: User, link: string, locale: string) {
    const i18n = i18nManager.locale(locale)
    try {
      await mail.send((message) => {
        message
          .to(user.email, user.fullName)
          .subject(i18n.t('problems.register.email_subject'))
          .text([i18n.t('notifications.email.greeting', { name: user.fullName }), '', i18n.t('problems.register.email_body'), link].join('\n'))
      })
    } catch (error) {
      logger.warn({ email: user.email, error: (error as Error).message }, 'confirmation e-mail not sent')
    }
  }
}

/** Whether a user may report: self-registered citizens after confirming their e-mail; others always. */
export async function hasConfirmedEmail(user: User) {
  const profile = await CitizenProfile.find(user.id)
  return !profile || !!profile.emailConfirmedAt
}
