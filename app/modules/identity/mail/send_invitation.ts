import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#modules/identity/models/user'
import { InviteUser } from '#modules/identity/actions/invite_user'

/**
 * E-mails the one-time invitation link, in the region's default language
 * (the invitee has not chosen one yet). Returns false when the mail server
 * refused: the admin still has the link on screen to pass on by hand.
 */
export async function sendInvitation(user: User, link: string, organisation: string): Promise<boolean> {
  const i18n = i18nManager.locale(i18nManager.defaultLocale)
  const subject = i18n.t('admin.users.invite_email.subject', { organisation })
  const lines = [
    i18n.t('notifications.email.greeting', { name: user.fullName }),
    '',
    i18n.t('admin.users.invite_email.body', { organisation }),
    link,
    '',
    i18n.t('admin.users.invite_email.expiry', { days: InviteUser.validDays }),
  ]
  try {
    await mail.send((message) => {
      message.to(user.email, user.fullName).subject(subject).text(lines.join('\n'))
    })
    return true
  } catch (error) {
    logger.warn({ email: user.email, error: (error as Error).message }, 'invitation e-mail not sent')
    return false
  }
}
