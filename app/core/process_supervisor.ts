import { spawn, type ChildProcess } from 'node:child_process'
import { watch, type FSWatcher } from 'node:fs'
import { relative } from 'node:path'

/** A long-running child process that `npm run dev` looks after. */
export interface SupervisedSpec {
  /** How the console names it: "web server", "queue worker". */
  name: string
  /** Arguments to `node` (e.g. ['ace', 'queue:listen']). */
  args: string[]
  /** Start it again when it exits on its own, after a growing delay. Otherwise its exit stops everything. */
  restart: boolean
  /** Directories whose changes restart it at once (code reload); none when it reloads itself. */
  watch?: string[]
  /** What asks it to stop (SIGTERM unless it only listens to Ctrl+C, like `ace serve --watch`). */
  stopSignal?: NodeJS.Signals
}

export interface SupervisorOptions {
  cwd: string
  env: NodeJS.ProcessEnv
  /** One line on the console. */
  log: (line: string) => void
  /** First delay before a restart; it doubles with each quick crash, up to maxDelayMs. */
  initialDelayMs?: number
  maxDelayMs?: number
  /** A process that ran this long before exiting counts as healthy: the delay starts over. */
  healthyAfterMs?: number
  /** How long a process may take to stop after SIGTERM before it gets SIGKILL. */
  stopTimeoutMs?: number
}

interface Running {
  spec: SupervisedSpec
  child: ChildProcess | null
  exited: Promise<void>
  startedAt: number
  delayMs: number
  timer?: NodeJS.Timeout
  reloading: boolean
  watchers: FSWatcher[]
}

/** Files that are code: a change to anything else (uploads, logs, tmp) reloads nothing. */
const CODE_FILE = /\.(ts|js|json|edge)$/

/**
 * Runs the development processes: starts each in its own process group (so
 * a signal reaches the process and whatever it started, such as the HTTP
 * server under `serve --watch`), restarts one that may restart when it exits
 * (with a doubling delay, said on the console), reloads one whose watched
 * code changed, and stops them all on `stop()`. A process that may not
 * restart takes everything down with it, and `onFatal` hears its exit code.
 */
export class ProcessSupervisor {
  #processes: Running[] = []
  #stopping = false
  #options: Required<Omit<SupervisorOptions, 'env' | 'cwd' | 'log'>> & SupervisorOptions
  onFatal: (code: number) => void = () => {}

  constructor(options: SupervisorOptions) {
    this.#options = {
      initialDelayMs: 1000,
      maxDelayMs: 30_000,
      healthyAfterMs: 60_000,
      stopTimeoutMs: 15_000,
      ...options,
    }
  }

  start(spec: SupervisedSpec) {
    const running: Running = {
      spec,
      child: null,
      exited: Promise.resolve(),
      startedAt: 0,
      delayMs: this.#options.initialDelayMs,
      reloading: false,
      watchers: [],
    }
    this.#processes.push(running)
    this.#spawn(running)
    for (const directory of spec.watch ?? []) {
      let debounce: NodeJS.Timeout | undefined
      const watcher = watch(directory, { recursive: true }, (_event, file) => {
        if (!file || !CODE_FILE.test(String(file))) return
        clearTimeout(debounce)
        debounce = setTimeout(() => this.#reload(running, relative(this.#options.cwd, `${directory}/${file}`)), 200)
      })
      watcher.on('error', (error) => this.#options.log(`Cannot watch ${directory} for the ${spec.name}: ${error.message}`))
      running.watchers.push(watcher)
    }
  }

  /** Stops every process (its stop signal to its group, SIGKILL after stopTimeoutMs) and waits for them. */
  async stop() {
    this.#stopping = true
    for (const running of this.#processes) {
      clearTimeout(running.timer)
      for (const watcher of running.watchers) watcher.close()
    }
    await Promise.all(this.#processes.map((running) => this.#terminate(running)))
  }

  #spawn(running: Running) {
    const child = spawn(process.execPath, running.spec.args, {
      cwd: this.#options.cwd,
      env: this.#options.env,
      stdio: 'inherit',
      detached: true,
    })
    running.child = child
    running.startedAt = Date.now()
    running.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(this.#exited(running, child, code, signal))))
    this.#options.log(`${capitalise(running.spec.name)} started (pid ${child.pid})`)
  }

  #exited(running: Running, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    if (running.child === child) running.child = null
    if (this.#stopping) return
    if (running.reloading) {
      running.reloading = false
      this.#spawn(running)
      return
    }
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`
    if (!running.spec.restart) {
      this.#options.log(`${capitalise(running.spec.name)} ${how}: stopping everything`)
      this.onFatal(code ?? 1)
      return
    }
    if (Date.now() - running.startedAt >= this.#options.healthyAfterMs) running.delayMs = this.#options.initialDelayMs
    const delay = running.delayMs
    running.delayMs = Math.min(delay * 2, this.#options.maxDelayMs)
    this.#options.log(`${capitalise(running.spec.name)} ${how}: restarting in ${formatDelay(delay)}`)
    running.timer = setTimeout(() => this.#spawn(running), delay)
  }

  async #reload(running: Running, file: string) {
    if (this.#stopping || running.reloading) return
    if (!running.child) return // waiting for a restart anyway: it starts with the new code
    this.#options.log(`${file} changed: reloading the ${running.spec.name}`)
    running.reloading = true
    running.delayMs = this.#options.initialDelayMs
    await this.#terminate(running)
  }

  async #terminate(running: Running) {
    const child = running.child
    if (!child?.pid) return running.exited
    signalGroup(child.pid, running.spec.stopSignal ?? 'SIGTERM')
    const killer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), this.#options.stopTimeoutMs)
    await running.exited
    clearTimeout(killer)
  }
}

/** Signals a process group (the child and what it started); a group already gone is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal)
  } catch {}
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function formatDelay(ms: number) {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}
