import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { settings } from '#core/settings'
import { ProcessSupervisor } from '#core/process_supervisor'
import { prepareCentralDatabase } from '#core/prepare_database'
import { provisionCatalog } from '#tenants/provision_catalog'
import { demoPassword } from '#tenants/demo_password'
import { describeSeeded, seedDemoContent } from '#tenants/demo_content/seed'

/** Where the queue worker's code lives: a change there reloads it (the web server reloads itself). */
const WORKER_CODE = ['app', 'commands', 'config', 'providers', 'start', 'tenants']

/**
 * `npm run dev`: prepares the database and the demo region, prints where
 * everything is, then runs the web server (with file watching) and the
 * queue worker until Ctrl+C or SIGTERM, which stop both. A worker that exits
 * is started again after a growing delay, and a code change reloads it; the
 * web server exiting stops everything.
 */
export default class Dev extends KraiCommand {
  static commandName = 'dev'
  static description = 'Prepare database and demo region, then run the web server and the queue worker'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.boolean({ description: 'Prepare and print, but do not start the processes' })
  declare prepareOnly: boolean

  @flags.boolean({ flagName: 'demo-content', description: 'Fill the demo region with sample content (default; --no-demo-content skips it)', default: true })
  declare demoContent: boolean

  async execute() {
    // Stopped while preparing: nothing runs yet, so just go (a half-provisioned tenant resumes next time).
    const stopPreparing = (signal: NodeJS.Signals) => {
      this.logger.info(`${signal}: stopped before the web server and the worker started`)
      process.exit(signal === 'SIGINT' ? 130 : 143)
    }
    process.once('SIGINT', stopPreparing)
    process.once('SIGTERM', stopPreparing)

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

    process.off('SIGINT', stopPreparing)
    process.off('SIGTERM', stopPreparing)

    // Prepared: from here on this process only looks after the others. It lets go of PostgreSQL,
    // Redis and the queue now, so stopping later closes nothing under a running command.
    await this.app.terminate()
    if (this.prepareOnly) return

    const supervisor = new ProcessSupervisor({
      cwd: this.app.makePath(),
      env: process.env,
      log: (line) => this.logger.info(line),
    })
    let stopping: Promise<void> | undefined
    const stop = (code: number) => {
      stopping ??= supervisor.stop().then(() => {
        this.exitCode = code
        process.exitCode = code
      })
      return stopping
    }
    supervisor.onFatal = (code) => stop(code)
    process.once('SIGINT', () => stop(0))
    process.once('SIGTERM', () => stop(0))
    // `serve --watch` outlives SIGTERM (the HTTP server below it stops, the watcher stays): stop it like Ctrl+C does
    supervisor.start({ name: 'web server', args: ['ace', 'serve', '--watch'], restart: false, stopSignal: 'SIGINT' })
    supervisor.start({
      name: 'queue worker',
      args: ['ace', 'queue:listen'],
      restart: true,
      watch: WORKER_CODE.map((directory) => this.app.makePath(directory)),
    })
  }
}
