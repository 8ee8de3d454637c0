import logger from '@adonisjs/core/services/logger'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Development mailer: composes the message exactly as SMTP would, then
 * writes recipients, subject and text to the log instead of sending it.
 */
export class LogTransport implements MailTransportContract {
  #composer = new JSONTransport()

  async send(message: NodeMailerMessage) {
    const response = await this.#composer.send(message)
    logger.info(
      { to: response.envelope.to, subject: message.subject, text: message.text },
      'mail (logged, not sent: MAIL_MAILER=log)'
    )
    return response
  }
}
