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

/** bin/test.ts as `npm test` starts it, on a database of its own (a run that got past the checks must not reset ours). */
function testRunner(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/test.ts', ...args],
      {
        cwd: app.makePath(),
        env: {
          ...process.env,
          FORCE_COLOR: '0',
          TEST_DB_DATABASE: `${process.env.DB_DATABASE}_child`,
          TEST_PORT: String(Number(process.env.PORT) + 3000),
          // never apt-get from a test: this is the branch of a runner that is not root
          KRAI_INSTALL_TEST_TOOLS: '0',
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
    )
  })
}

test.group('Platform | preflight | tools the tests need', () => {
  test('no Chromium: the browser suite stops before any test with one line saying what to install', async ({ assert }) => {
    const result = await testRunner(['browser'], { CHROMIUM_PATH: '/nonexistent/chromium' })
    assert.equal(result.code, 1, result.output)
    assert.deepEqual(meaningfulLines(result.output), [
      'Chromium is missing at /nonexistent/chromium; the browser tests need it. Install it with: apt-get install -y chromium (or point CHROMIUM_PATH at a Chromium)',
    ])
  }).timeout(120_000)

  test('no pg_dump: the functional suite stops the same way', async ({ assert }) => {
    const result = await testRunner(['--files', 'tests/functional/cli/generated_files.spec.ts'], { PATH: '/nonexistent-bin' })
    assert.equal(result.code, 1, result.output)
    assert.deepEqual(meaningfulLines(result.output), [
      'pg_dump is missing on PATH; the functional tests need it. Install it with: apt-get install -y postgresql-client',
    ])
  }).timeout(120_000)
})
