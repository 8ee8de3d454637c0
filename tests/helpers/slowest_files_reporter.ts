import { mkdirSync, writeFileSync } from 'node:fs'
import type { NamedReporterContract } from '@japa/runner/types'

/**
 * Prints, at the end of a run, the test files that took longest, counting
 * their groups' setup and teardown (where tenants are provisioned — the
 * spec reporter times tests only), so the suite's time can be kept under
 * its budget (docs/testing.md).
 */
export function slowestFiles(limit = 15): NamedReporterContract {
  return {
    name: 'slowest-files',
    handler: (_runner, emitter) => {
      const started = new Map<string, number>()
      const took = new Map<string, number>()
      const fileOf = (group: { title: string; meta: Record<string, any> }) => String(group.meta?.fileName ?? group.title)
      const runStarted = performance.now()
      emitter.on('group:start', (group) => {
        started.set(`${fileOf(group)}\0${group.title}`, performance.now())
      })
      emitter.on('group:end', (group) => {
        const file = fileOf(group)
        const since = started.get(`${file}\0${group.title}`)
        if (since === undefined) return
        took.set(file, (took.get(file) ?? 0) + performance.now() - since)
      })
      emitter.on('runner:end', () => {
        if (took.size < 2) return
        recordDurations(took)
        const total = (performance.now() - runStarted) / 1000
        const lines = [...took].sort((a, b) => b[1] - a[1]).slice(0, limit)
        console.log(`\nSlowest test files (setup included; the whole run ${total.toFixed(0)} s):`)
        for (const [file, ms] of lines) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file.replace(/^.*?(tests\/)/, '$1')}`)
      })
    },
  }
}

/**
 * Every file's seconds, for bin/test_shards.ts to deal files out evenly
 * next time (it merges the shards' records into tmp/file-durations.json).
 */
function recordDurations(took: Map<string, number>) {
  const directory = `tmp/${process.env.DB_DATABASE}`
  const seconds = Object.fromEntries([...took].map(([file, ms]) => [file.replace(/^.*?(tests\/)/, '$1'), Math.round(ms / 100) / 10]))
  mkdirSync(directory, { recursive: true })
  writeFileSync(`${directory}/file-durations.json`, JSON.stringify(seconds, null, 2) + '\n')
}
