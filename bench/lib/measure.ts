import { loadavg } from 'node:os'
import { request } from './http.js'
import { percentile } from './percentiles.js'

/** Median and 95th percentile of a series of timings, in milliseconds. */
export interface Latency {
  p50: number
  p95: number
}

/**
 * Runs `work` warmUp + runs times one after the other and returns the
 * latency of the last `runs`: the first calls fill pools, caches and the JIT.
 */
export async function timeRuns(runs: number, warmUp: number, work: () => Promise<unknown>): Promise<Latency> {
  const timings: number[] = []
  for (let index = 0; index < warmUp + runs; index++) {
    const begin = performance.now()
    await work()
    if (index >= warmUp) timings.push(performance.now() - begin)
  }
  return { p50: percentile(timings, 50), p95: percentile(timings, 95) }
}

/**
 * Latency of `samples` sequential GET requests to one page, after ten
 * warm-up requests, signed in when a session cookie is given. Any answer
 * but 200 stops the benchmark: an error page would be timed instead.
 * `inspect` sees the body of the first answer (to count what the page holds).
 */
export function measurePage(
  port: number,
  page: { host: string; path: string; cookie?: string; samples: number; inspect?: (body: string) => void; headers?: Record<string, string> }
): Promise<Latency> {
  let first = true
  return timeRuns(page.samples, 10, async () => {
    const response = await request(port, { path: page.path, host: page.host, headers: { ...page.headers, ...(page.cookie ? { cookie: page.cookie } : {}) } })
    if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}: ${response.body.slice(0, 300)}`)
    if (first) page.inspect?.(response.body)
    first = false
  })
}

/** "p50 1.2 ms, p95 3.4 ms" */
export function formatLatency(result: Latency) {
  return `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`
}

/** "target p95 < 100 ms: ok", or MISSED. */
export function p95Verdict(result: Latency, targetMs: number) {
  return `target p95 < ${targetMs} ms: ${result.p95 < targetMs ? 'ok' : 'MISSED'}`
}

/** Seconds since `started` (a `performance.now()` reading). */
export function secondsSince(started: number) {
  return (performance.now() - started) / 1000
}

/** The load average (1 / 5 / 15 min) a bench prints beside its figures: they mean little on a busy machine. */
export function loadAverage() {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')
}
