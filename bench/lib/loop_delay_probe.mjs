/**
 * Loaded into a server or worker process by a benchmark
 * (NODE_OPTIONS=--import=<this file>, KRAI_BENCH_LOOP_FILE=<path>): every
 * second it appends the event-loop delay of that second to the file as a
 * JSON line (ms: p50, p99, max, mean). Nothing in the application changes.
 */
import { appendFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.KRAI_BENCH_LOOP_FILE
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  const ms = (ns) => Math.round(ns / 1e4) / 100
  setInterval(() => {
    appendFileSync(
      file,
      JSON.stringify({ at: Date.now(), p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) }) + '\n'
    )
    histogram.reset()
  }, 1000).unref()
}
