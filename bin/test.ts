/*
|--------------------------------------------------------------------------
| Test runner entrypoint
|--------------------------------------------------------------------------
|
| The suite always runs against its own database (krai_test unless
| TEST_DB_DATABASE says otherwise), recreated from nothing on every run.
|
*/

process.env.NODE_ENV = 'test'
process.env.DB_DATABASE = process.env.TEST_DB_DATABASE || 'krai_test'
process.env.APP_DOMAIN = 'localhost'
process.env.PORT = process.env.TEST_PORT || '3334'
process.env.HOST = '127.0.0.1'
// Vite's socket (pages connect to it) on a port of this run's own: not the default 24678 that a developer's
// `npm run dev` or the other shard of `npm test` holds, whose server refuses this run's token
process.env.VITE_HMR_PORT = String(20000 + Number(process.env.PORT))
process.env.DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'demo-password-for-tests'
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn'
// files of this run's database only (tests/helpers/environment.ts testTmpPath)
process.env.DRIVE_LOCATION = `tmp/${process.env.DB_DATABASE}/files`
// Mail goes over real SMTP to a server the mail tests start on this port.
process.env.MAIL_MAILER = 'smtp'
process.env.SMTP_HOST = '127.0.0.1'
process.env.SMTP_PORT = String(Number(process.env.PORT) + 1000)

import 'reflect-metadata'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { ensureTestToolsOrExit } from '../app/core/test_tools.js'
await ensureServicesOrExit()
// Chromium and pg_dump: installed from Debian when running as root, else one line saying what to install
ensureTestToolsOrExit(process.argv.slice(2))

const { Ignitor, prettyPrintError } = await import('@adonisjs/core')
const { configure, processCLIArgs, run } = await import('@japa/runner')

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
