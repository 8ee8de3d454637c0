import { accessSync, constants } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'
import { spawnSync } from 'node:child_process'

/**
 * The programs the test suite runs besides Node: Debian's Chromium for the
 * browser suite and pg_dump for tenant backups (functional suite). Checked by
 * bin/test.ts before any test runs: a missing one is installed from Debian
 * when the runner is root (as .ci/run is), unless KRAI_INSTALL_TEST_TOOLS=0;
 * otherwise the run stops with one line that says what to install.
 */

export interface TestTool {
  /** How the line names it. */
  name: string
  /** An absolute path or a command looked up on PATH. */
  command: string
  /** The Debian package that provides it. */
  debianPackage: string
  /** The suites that cannot run without it. */
  suites: string[]
}

export function testTools(env: NodeJS.ProcessEnv = process.env): TestTool[] {
  return [
    { name: 'Chromium', command: env.CHROMIUM_PATH || '/usr/bin/chromium', debianPackage: 'chromium', suites: ['browser'] },
    { name: 'pg_dump', command: 'pg_dump', debianPackage: 'postgresql-client', suites: ['functional', 'browser'] },
  ]
}

/** Whether `command` names an executable file (absolute, or found on PATH). */
export function isInstalled(command: string, env: NodeJS.ProcessEnv = process.env) {
  const candidates = isAbsolute(command) ? [command] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command))
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/**
 * The suites a `node ace test …` command line will run: the suites named
 * (all when none is), narrowed by `--files` filters to the suites whose
 * folders they point at.
 */
export function suitesToRun(argv: string[], allSuites = ['unit', 'functional', 'browser']): string[] {
  const named = argv.filter((arg) => allSuites.includes(arg))
  const files = argv
    .flatMap((arg, index) => (arg.startsWith('--files=') ? [arg.slice(8)] : argv[index - 1] === '--files' ? [arg] : []))
    .flatMap((value) => value.split(','))
    .filter(Boolean)
  const suites = named.length ? named : allSuites
  const inFolder = (file: string, suite: string) => file.includes(`${suite}/`)
  // only filters that all point into suite folders narrow the run; a bare file name may match any suite
  if (!files.length || !files.every((file) => allSuites.some((suite) => inFolder(file, suite)))) return suites
  return suites.filter((suite) => files.some((file) => inFolder(file, suite)))
}

/** The one line that tells a person what to install. */
export function missingToolLine(tool: TestTool, suites: string[]) {
  const where = isAbsolute(tool.command) ? ` at ${tool.command}` : ' on PATH'
  const hint = tool.name === 'Chromium' ? ' (or point CHROMIUM_PATH at a Chromium)' : ''
  return `${tool.name} is missing${where}; the ${suites.join(' and ')} tests need it. Install it with: apt-get install -y ${tool.debianPackage}${hint}`
}

function aptInstall(packages: string[]) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  if (update.status !== 0) return false
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0
}

/**
 * Makes sure the tools of the suites about to run are there: installs the
 * missing ones from Debian when allowed, else prints one line per missing
 * tool and exits 1 before any test runs.
 */
export function ensureTestToolsOrExit(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const suites = suitesToRun(argv)
  const needed = testTools(env).filter((tool) => tool.suites.some((suite) => suites.includes(suite)))
  let missing = needed.filter((tool) => !isInstalled(tool.command, env))
  if (!missing.length) return

  const mayInstall = process.getuid?.() === 0 && env.KRAI_INSTALL_TEST_TOOLS !== '0' && isInstalled('apt-get', env)
  if (mayInstall) {
    const packages = missing.map((tool) => tool.debianPackage)
    console.log(`Installing from Debian what the tests need: ${packages.join(', ')}`)
    aptInstall(packages)
    missing = missing.filter((tool) => !isInstalled(tool.command, env))
  }
  if (!missing.length) return
  for (const tool of missing) {
    console.error(missingToolLine(tool, tool.suites.filter((suite) => suites.includes(suite))))
  }
  process.exit(1)
}
