/*
|--------------------------------------------------------------------------
| `npm test`: the whole suite in shards, side by side
|--------------------------------------------------------------------------
|
| Most of the suite's time is spent waiting — on PostgreSQL provisioning
| tenants, on Chromium, on workers a test started — so three runs side by
| side on the 2-core CI machine take about 0.6 of the time of two (1 112 s
| against 1 895 s for the same suite on the same busy machine, 08.12.2026).
| Each shard is an ordinary `node ace test --files=…` run on a database,
| port, Redis prefix and tmp/ directory of its own (krai_test_1 on 3334,
| krai_test_2 on 3344, krai_test_3 on 3354). Files are dealt out by their last known duration
| (tests/file_durations.json), longest first, to the shard with least work.
|
| With any argument (a suite, --files, --tests…) it is a single plain run,
| as before: `npm test -- --files=tests/functional/cli/tenant_commands.spec.ts`.
| TEST_SHARDS=1 runs the whole suite in one process.
|
*/

import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { existsSync, readFileSync, writeFileSync, mkdirSync, globSync } from 'node:fs'
import { ensureServicesOrExit } from '../app/core/preflight.js'
import { ensureTestToolsOrExit } from '../app/core/test_tools.js'

/** Seconds a file took last time; unknown files count as a typical functional file. */
const UNKNOWN_FILE_SECONDS = 8

function testFiles() {
  const patterns = ['tests/unit/**/*.spec.ts', 'tests/functional/**/*.spec.ts', 'tests/browser/**/*.spec.ts']
  return patterns.flatMap((pattern) => globSync(pattern).sort())
}

function lastDurations(): Record<string, number> {
  const file = 'tests/file_durations.json'
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
}

/** Longest first, each to the shard with the least work so far. */
function dealOut(files: string[], durations: Record<string, number>, shards: number) {
  const load = Array.from({ length: shards }, () => ({ seconds: 0, files: [] as string[] }))
  const weighted = files.map((file) => ({ file, seconds: durations[file] ?? UNKNOWN_FILE_SECONDS }))
  weighted.sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file))
  for (const { file, seconds } of weighted) {
    const lightest = load.reduce((best, shard) => (shard.seconds < best.seconds ? shard : best))
    lightest.seconds += seconds
    lightest.files.push(file)
  }
  return load
}

interface ShardResult {
  code: number
  passed: number
  failed: number
  skipped: number
  todo: number
}

async function runInShards(shards: number) {
  process.env.NODE_ENV = 'test'
  await ensureServicesOrExit()
  // Chromium and pg_dump are installed (or asked for) once, not by every shard at the same time
  ensureTestToolsOrExit([])

  const baseDatabase = process.env.TEST_DB_DATABASE || 'krai_test'
  const basePort = Number(process.env.TEST_PORT || 3334)
  const plan = dealOut(testFiles(), lastDurations(), shards)
  const started = performance.now()
  console.log(`Running ${plan.reduce((sum, shard) => sum + shard.files.length, 0)} test files in ${shards} shards:`)
  plan.forEach((shard, index) =>
    console.log(`  [${index + 1}] ${shard.files.length} files, ~${Math.round(shard.seconds)} s last time, database ${baseDatabase}_${index + 1}, port ${basePort + index * 10}`)
  )

  const results = await Promise.all(
    plan.map((shard, index) =>
      runShard(index + 1, shard.files, {
        TEST_DB_DATABASE: `${baseDatabase}_${index + 1}`,
        TEST_PORT: String(basePort + index * 10),
        // pre-bundled Vite deps of one shard are not rewritten under the other's feet
        VITE_CACHE_DIR: `node_modules/.vite/${baseDatabase}_${index + 1}`,
        KRAI_INSTALL_TEST_TOOLS: '0',
      })
    )
  )
  recordDurations(plan.map((_shard, index) => `${baseDatabase}_${index + 1}`))

  const total = results.reduce(
    (sum, result) => ({
      passed: sum.passed + result.passed,
      failed: sum.failed + result.failed,
      skipped: sum.skipped + result.skipped,
      todo: sum.todo + result.todo,
    }),
    { passed: 0, failed: 0, skipped: 0, todo: 0 }
  )
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  const extras = [total.failed ? `${total.failed} failed` : '', total.skipped ? `${total.skipped} skipped` : '', total.todo ? `${total.todo} todo` : '']
  console.log(`\nAll shards (${shards}):`)
  results.forEach((result, index) => console.log(`  [${index + 1}] ${result.passed} passed, ${result.failed} failed, exit code ${result.code}`))
  // the same shape as Japa's own summary line, which .ci/run reads
  console.log(`Tests  ${[`${total.passed} passed`, ...extras.filter(Boolean)].join(', ')} (${seconds}s)`)
  process.exit(results.some((result) => result.code !== 0) ? 1 : 0)
}

function runShard(number: number, files: string[], env: Record<string, string>) {
  return new Promise<ShardResult>((resolve) => {
    const child = spawn(process.execPath, ['ace', 'test', ...files.map((file) => `--files=${file}`)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const prefix = `[${number}] `
    let summary = ''
    let pending = ''
    const forward = (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        process.stdout.write(prefix + line + '\n')
        // Japa's summary: "Tests  880 passed, 1 failed, 2 skipped (1416s)"
        const plain = line.replace(/\x1b\[[0-9;]*m/g, '')
        if (/^\s*Tests\s+\d+ passed/.test(plain) || /^\s*Tests\s+\d+ failed/.test(plain)) summary = plain
      }
    }
    child.stdout.on('data', forward)
    child.stderr.on('data', forward)
    child.on('exit', (code, signal) => {
      if (pending) process.stdout.write(prefix + pending + '\n')
      const count = (what: string) => Number(summary.match(new RegExp(`(\\d+) ${what}`))?.[1] ?? 0)
      resolve({ code: signal ? 1 : (code ?? 1), passed: count('passed'), failed: count('failed'), skipped: count('skipped'), todo: count('todo') })
    })
  })
}

/** Every shard's file durations, together, in tmp/file-durations.json (copy it to tests/ to rebalance). */
function recordDurations(databases: string[]) {
  const merged: Record<string, number> = {}
  for (const database of databases) {
    const file = `tmp/${database}/file-durations.json`
    if (existsSync(file)) Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')))
  }
  if (Object.keys(merged).length === 0) return
  mkdirSync('tmp', { recursive: true })
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)))
  writeFileSync('tmp/file-durations.json', JSON.stringify(sorted, null, 2) + '\n')
}

const args = process.argv.slice(2)
// one more than the cores: the shards mostly wait (at least two even on one core)
const shardCount = Number(process.env.TEST_SHARDS ?? Math.max(2, Math.min(3, availableParallelism() + 1)))

if (args.length > 0 || shardCount <= 1) {
  const child = spawn(process.execPath, ['ace', 'test', ...args], { stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
} else {
  await runInShards(shardCount)
}
