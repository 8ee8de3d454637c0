import { spawn, type ChildProcess } from 'node:child_process'
import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { settings } from '#core/settings'
import { prepareCentralDatabase } from '#core/prepare_database'
import { provisionCatalog } from '#tenants/provision_catalog'
import { demoPassword } from '#tenants/demo_password'
import { describeSeeded, seedDemoContent } from '#tenants/demo_content/seed'

/**
 * `npm run dev`: prepares the database and the demo region, prints where
 * everything is, then runs the web server (with file watching) and the
 * queue worker until Ctrl+C.
 */
export default class Dev extends KraiCommand {
  static commandName = 'dev'
  static description = 'Prepare database and demo region, then run the web server and the queue worker'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.boolean({ description: 'Prepare and print, but do not start the processes' })
  declare prepareOnly: boolean

  @flags.boolean({ flagName: 'demo-content', description: 'Fill the demo region with sample content (default; --no-demo-content skips it)', default: true })
  declare demoContent: boolean

  #children: ChildProcess[] = []

  async execute() {
    const database = await prepareCentralDatabase()
    this.logger.info(
      `Database ${settings.database.name}: ${database.created ? 'created' : 'exists'}, ${database.applied} central migration(s) applied`
    )
    const password = demoPassword()
    const tenants = await provisionCatalog(undefined, { demoPassword: password })
    if (this.demoContent) {
      for (const result of await seedDemoContent()) this.logger.info(`demo content ${describeSeeded(result)}`)
    }

    const lines = ['', 'Krai is ready. Tenants:', '']
    for (const tenant of tenants) {
      lines.push(`  ${tenant.slug.padEnd(20)} ${tenant.kind.padEnd(12)} ${tenant.url}`)
    }
    lines.push('', `  ${'(apex domain)'.padEnd(20)} ${'portal'.padEnd(12)} ${settings.appProtocol}://${settings.appDomain}:${settings.port}`, '')
    lines.push(`Demo logins (password: ${password}):`, '')
    // most municipalities have no demo accounts (the demo stays quick)
    for (const tenant of tenants.filter((candidate) => candidate.demoLogins.length)) {
      lines.push(`  ${tenant.slug}: ${tenant.demoLogins.map((login) => login.email).join(', ')}`)
    }
    lines.push('')
    console.log(lines.join('\n'))

    if (this.prepareOnly) {
      await this.app.terminate()
      return
    }
    this.#start(['ace', 'serve', '--watch'])
    this.#start(['ace', 'queue:listen'])
    const stop = () => {
      for (const child of this.#children) child.kill('SIGTERM')
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }

  #start(args: string[]) {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env })
    this.#children.push(child)
    child.on('exit', async (code) => {
      this.#children = this.#children.filter((other) => other !== child)
      for (const other of this.#children) other.kill('SIGTERM')
      if (!this.#children.length) {
        process.exitCode = code ?? 0
        await this.app.terminate()
      }
    })
  }
}
