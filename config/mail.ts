import type { InferMailers } from '@adonisjs/mail/types'
import { defineConfig, transports } from '@adonisjs/mail'
import { settings } from '#core/settings'
import { LogTransport } from '#mail/log_transport'

const mailConfig = defineConfig({
  default: settings.mail.mailer,
  from: settings.mail.from,
  mailers: {
    log: () => new LogTransport(),
    smtp: transports.smtp({
      host: settings.mail.smtpHost,
      port: settings.mail.smtpPort,
      secure: settings.mail.smtpSecure,
      auth: settings.mail.smtpUser
        ? { type: 'login', user: settings.mail.smtpUser, pass: settings.mail.smtpPassword ?? '' }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
