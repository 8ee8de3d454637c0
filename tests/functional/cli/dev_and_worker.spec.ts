import { test } from '@japa/runner'
import { execFile, spawn } from 'node:child_process'
import { utimes } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import pg from 'pg'
import { queueService } from '#queue/queue_service'
import { postgresTarget } from '#core/preflight'
import { dropDatabaseAndRoles } from '#core/database_bootstrap'
import { ensureTenant } from '#tests/helpers/tenants'
import { cleanUpInBackground } from '#tests/helpers/environment'
import { eventually } from '#tests/helpers/bus'
import { settings } from '#core/settings'

// named after the suite's database, so two suites on one server never drop each other's
const DEV_DATABASE = `${settings.database.name}_dev`
const DEV_PORT = String(settings.port + 2000)

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function answers(port: string) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })
    return true
  } catch {
    return false
  }
}

function count(text: string, what: string) {
  return text.split(what).length - 1
}

function runAce(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ['ace', ...args],
      { cwd: app.makePath(), env: { ...process.env, FORCE_COLOR: '0', ...env }, timeout: 280_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
    )
  })
}

async function countRows(database: string, sql: string) {
  const client = new pg.Client({ ...postgresTarget(), database })
  await client.connect()
  try {
    return Number((await client.query(sql)).rows[0].total)
  } finally {
    await client.end()
  }
}

test.group('Platform | npm run dev | preparation', (group) => {
  group.setup(() => dropDatabaseAndRoles(DEV_DATABASE, `${DEV_DATABASE}__`))
  // dropping the region's database is a long checkpoint: it runs beside the next tests
  group.teardown(() => cleanUpInBackground(() => dropDatabaseAndRoles(DEV_DATABASE, `${DEV_DATABASE}__`)))

  test('creates the database, provisions the demo region and prints URLs and logins; twice is harmless', async ({ assert }) => {
    const env = { DB_DATABASE: DEV_DATABASE, NODE_ENV: 'development', PORT: '3333', DEMO_PASSWORD: 'dev-test-password' }
    const first = await runAce(['dev', '--prepare-only'], env)
    assert.equal(first.code, 0, first.output)
    assert.match(first.output, new RegExp(`Database ${DEV_DATABASE}: created`))
    for (const slug of ['social', 'economy', 'construction', 'agro', 'resorts', 'internal', 'property', 'security', 'control', 'portal']) {
      assert.match(first.output, new RegExp(`${slug}\\s+\\w+\\s+http://${slug}\\.localhost:3333`))
    }
    assert.match(first.output, /Demo logins \(password: dev-test-password\)/)
    assert.include(first.output, 'admin@social.krai.local')
    // 8 blocks, control, portal and one tenant per municipality, with hyphens of codes as "-" in hosts
    for (const [slug, host] of [['sochi', 'sochi'], ['goryachy_klyuch', 'goryachy-klyuch']]) {
      assert.match(first.output, new RegExp(`${slug}\\s+municipality\\s+http://${host}\\.localhost:3333`))
    }
    assert.include(first.output, 'admin@sochi.krai.local')
    assert.notInclude(first.output, 'admin@anapa.krai.local')
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenants'), 54)
    assert.equal(await countRows(DEV_DATABASE, "select count(*) as total from tenants where kind = 'municipality' and status = 'active'"), 44)
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenant_portal.municipalities'), 44)
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenant_sochi.departments'), 7)
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenant_anapa.users'), 0)
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenant_social.departments'), 5)

    const second = await runAce(['dev', '--prepare-only'], env)
    assert.equal(second.code, 0, second.output)
    assert.match(second.output, new RegExp(`Database ${DEV_DATABASE}: exists, 0 central migration\\(s\\) applied`))
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenants'), 54)
    assert.equal(await countRows(DEV_DATABASE, 'select count(*) as total from tenant_social.users'), 5)
  }).timeout(300_000)

  test('runs the web server and the worker: a worker that dies is restarted, code changes reload it, SIGTERM stops all', async ({
    assert,
  }) => {
    // NODE_ENV=test: no Vite hot-reload socket on its fixed port, which another developer's `npm run dev` may hold
    const env = { ...process.env, FORCE_COLOR: '0', DB_DATABASE: DEV_DATABASE, NODE_ENV: 'test', PORT: DEV_PORT, DEMO_PASSWORD: 'dev-test-password' }
    const dev = spawn(process.execPath, ['ace', 'dev', '--no-demo-content'], { cwd: app.makePath(), env })
    let output = ''
    dev.stdout.on('data', (chunk) => (output += chunk))
    dev.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)))
    const workerPids = () => [...output.matchAll(/Queue worker started \(pid (\d+)\)/g)].map((match) => Number(match[1]))
    const ready = (times: number) =>
      eventually(async () => count(output, 'Queue worker ready') >= times, 120_000, () => `worker ready ×${times}: ${output}`)

    try {
      await ready(1)
      await eventually(() => answers(DEV_PORT), 120_000, () => `the web server on ${DEV_PORT}: ${output}`)
      const [first] = workerPids()

      // the worker dies: it is started again after a delay, and the console says so; the web server stays
      process.kill(first, 'SIGKILL')
      await ready(2)
      assert.include(output, 'Queue worker was killed (SIGKILL): restarting in 1s')
      assert.isTrue(await answers(DEV_PORT))

      // a code change reloads it
      const now = new Date()
      await utimes(app.makePath('app/core/clock.ts'), now, now)
      await ready(3)
      assert.include(output, 'app/core/clock.ts changed: reloading the queue worker')
      assert.lengthOf(workerPids(), 3)

      // SIGTERM stops everything, cleanly
      dev.kill('SIGTERM')
      assert.equal(await exited, 0, output)
      assert.isFalse(await answers(DEV_PORT), 'the web server still answers')
      for (const pid of workerPids()) assert.isFalse(isAlive(pid), `worker ${pid} still runs`)
      const unclean = output.split('\n').filter((line) => /Connection is closed|Unhandled|unhandledRejection/i.test(line))
      assert.deepEqual(unclean, [], 'lines of an unclean stop')
    } finally {
      dev.kill('SIGKILL')
      for (const pid of workerPids()) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    }
  }).timeout(180_000)
})

test.group('Queue | worker process', (group) => {
  // jobs must be picked up by the spawned worker, not by one in this process
  group.setup(() => queueService.close())

  test('queue:listen processes tenant jobs and stops gracefully on SIGTERM', async ({ assert }) => {
    await ensureTenant('worker_alpha')
    const worker = spawn(process.execPath, ['ace', 'queue:listen', '--concurrency=1'], {
      cwd: app.makePath(),
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    let output = ''
    worker.stdout.on('data', (chunk) => (output += chunk))
    worker.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)))

    const deadline = Date.now() + 30_000
    while (!output.includes('Queue worker ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    assert.include(output, 'Queue worker ready')

    const job = await queueService.dispatch('identity.purge_expired_credentials', {}, { tenant: 'worker_alpha' })
    let state = await job.getState()
    while (state !== 'completed' && state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      state = await job.getState()
    }
    assert.equal(state, 'completed')
    const repeatables = await queueService.queue.getRepeatableJobs()
    assert.includeMembers(repeatables.map((entry) => entry.name), ['queue.fan_out'])

    worker.kill('SIGTERM')
    assert.equal(await exited, 0)
    await queueService.close()
  }).timeout(60_000)
})
