/*
|--------------------------------------------------------------------------
| Ace entry point
|--------------------------------------------------------------------------
|
| Commands that touch PostgreSQL or Redis first check that both answer and
| print one clear line when one does not. Pure code generators and help
| screens skip the check.
|
*/

await import('reflect-metadata')

const OFFLINE_COMMANDS = /^(list|help|build|add|configure|generate:key|env:add|inspect:rcfile|make:.*|--help|-h|--version)$/
const commandName = process.argv[2]
if (commandName && !OFFLINE_COMMANDS.test(commandName) && !process.argv.includes('--help')) {
  const { ensureServicesOrExit } = await import('../app/core/preflight.js')
  await ensureServicesOrExit()
}

const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

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
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
