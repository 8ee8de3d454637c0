import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import { settings } from '#core/settings'

/**
 * A real SMTP server on the test mail port that keeps what it receives.
 */
export class Mailbox {
  messages: ParsedMail[] = []
  #server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          this.messages.push(parsed)
          callback()
        })
        .catch(callback)
    },
  })

  async start() {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(settings.mail.smtpPort, settings.mail.smtpHost, () => resolve())
    })
    return this
  }

  async stop() {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  to(address: string) {
    return this.messages.filter((message) => {
      const recipients = [message.to ?? []].flat().flatMap((entry) => entry.value.map((value) => value.address))
      return recipients.includes(address)
    })
  }
}
