import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** A process's peak resident set so far (VmHWM, bytes), 0 once it is gone. */
export function peakRssOf(pid: number) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/**
 * Runs a command in a process of its own and reports its exit code, its
 * time and its peak RSS: VmHWM is the kernel's high-water mark, read every
 * 20 ms while the process lives (the last reading before it exits holds the
 * peak, since the mark only grows). Its stderr is passed through, labelled (unless `quiet`).
 */
export function runMeasured(command: string, argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; label: string; quiet?: boolean }) {
  return new Promise<{ code: number; seconds: number; peakBytes: number }>((resolve, reject) => {
    const begin = performance.now()
    const child = spawn(command, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] })
    child.stderr!.on('data', (chunk) => options.quiet || process.stderr.write(`[${options.label}] ${chunk}`))
    let peakBytes = 0
    const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, peakRssOf(child.pid!))), 20)
    child.on('error', (error) => {
      clearInterval(sampler)
      reject(error)
    })
    child.on('exit', (code) => {
      clearInterval(sampler)
      resolve({ code: code ?? 1, seconds: (performance.now() - begin) / 1000, peakBytes })
    })
  })
}
