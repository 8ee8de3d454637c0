import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import app from '@adonisjs/core/services/app'

/**
 * Runs `node ace …` as a separate process, the way a sysadmin does.
 */
function ace(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['ace', ...args],
      { cwd: app.makePath(), env: { ...process.env, FORCE_COLOR: '0', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

function meaningfulLines(text: string) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)
}

test.group('Tenant CLI | real processes', () => {
  test('a bad slug exits 1 with one readable line', async ({ assert }) => {
    const result = await ace(['tenant:create', 'Bad', '--kind=block', '--name-ru=Блок', '--name-en=Block'])
    assert.equal(result.code, 1)
    const lines = meaningfulLines(result.stderr + result.stdout)
    assert.lengthOf(lines, 1)
    assert.match(lines[0], /Invalid tenant slug "Bad"/)
  })

  test('an unknown tenant exits 1 with one readable line', async ({ assert }) => {
    const result = await ace(['tenant:suspend', 'nosuch'])
    assert.equal(result.code, 1)
    assert.deepEqual(meaningfulLines(result.stderr + result.stdout), ['[ error ] Unknown tenant "nosuch"'])
  })

  test('tenant:list --json prints parseable JSON', async ({ assert }) => {
    const result = await ace(['tenant:list', '--json'])
    assert.equal(result.code, 0)
    assert.isArray(JSON.parse(result.stdout))
  })
})

test.group('Platform | preflight | services down', () => {
  test('Redis down: one line that says which, where and how to start it; exit 1', async ({ assert }) => {
    const result = await ace(['tenant:list'], { REDIS_PORT: '6399' })
    assert.equal(result.code, 1)
    const lines = meaningfulLines(result.stderr + result.stdout)
    assert.lengthOf(lines, 1)
    assert.match(lines[0], /^Redis is not reachable at 127\.0\.0\.1:6399 .*Start it with: redis-server/)
  })

  test('PostgreSQL down: one line that says which, where and how to start it; exit 1', async ({ assert }) => {
    const result = await ace(['queue:failed'], { DB_PORT: '5499' })
    assert.equal(result.code, 1)
    const lines = meaningfulLines(result.stderr + result.stdout)
    assert.lengthOf(lines, 1)
    assert.match(lines[0], /^PostgreSQL is not reachable at 127\.0\.0\.1:5499 .*Start it with: pg_ctlcluster/)
  })

  test('the test runner checks the same way', async ({ assert }) => {
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import=@poppinss/ts-exec', 'bin/test.ts'],
        { cwd: app.makePath(), env: { ...process.env, REDIS_PORT: '6399' }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
      )
    })
    assert.equal(result.code, 1)
    assert.match(meaningfulLines(result.output)[0], /^Redis is not reachable/)
  })
})
