import { execFileSync, spawn } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Builds the app (compiled JavaScript and assets), as it runs in production.
 */
export function buildApp() {
  console.log('building the app (node ace build)…')
  execFileSync(process.execPath, ['ace', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (!existsSync(`${ROOT}build/node_modules`)) symlinkSync('../node_modules', `${ROOT}build/node_modules`)
}

/**
 * Starts the built server; its error output is labelled.
 */
export function startServer(port: number, extraEnv: Record<string, string> = {}) {
  const server = spawn(process.execPath, ['bin/server.js'], {
    cwd: `${ROOT}build`,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  server.stderr!.on('data', (chunk) => process.stderr.write(`[server] ${chunk}`))
  return server
}
