/*
|--------------------------------------------------------------------------
| Monitoring modules benchmark
|--------------------------------------------------------------------------
|
| npm run bench:monitoring
|
| Runs the benchmark of each monitoring registry one after another (each
| recreates its own database and prints p50/p95 of its dashboards against a
| bare route of the same stack): staffing (80 departments × 5 000 positions
| of history), ratings and media (20 ratings × 10 editions × 200 indicators,
| 50 000 media items) and lawsuits (20 000 cases). Target: p95 < 100 ms.
|
*/

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const PARTS = ['monitoring_staffing.ts', 'monitoring_ratings.ts', 'monitoring_lawsuits.ts']

for (const part of PARTS) {
  const path = fileURLToPath(new URL(part, import.meta.url))
  if (!existsSync(path)) continue
  console.log(`\n=== ${part}`)
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', path], { stdio: 'inherit', env: process.env })
    child.on('exit', resolve)
  })
  if (code !== 0) {
    console.error(`${part} exited with ${code}`)
    process.exitCode = 1
  }
}
