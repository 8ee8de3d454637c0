import net from 'node:net'
import pg from 'pg'

/**
 * Checks that PostgreSQL and Redis answer before anything else runs, so that
 * a stopped service shows up as one readable line instead of a stack trace.
 * It reads process.env directly because it runs before the app boots.
 */

export interface ServiceTarget {
  host: string
  port: number
}

export function postgresTarget(): ServiceTarget & { user: string; password?: string } {
  return {
    host: process.env.DB_HOST || '127.0.0.1',
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USER || 'postgres',
    password: process.env.DB_PASSWORD || undefined,
  }
}

export function redisTarget(): ServiceTarget {
  return {
    host: process.env.REDIS_HOST || '127.0.0.1',
    port: Number(process.env.REDIS_PORT || 6379),
  }
}

async function checkPostgres(): Promise<string | null> {
  const target = postgresTarget()
  const client = new pg.Client({ ...target, database: 'postgres', connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return null
  } catch (error) {
    const reason = (error as Error).message || String(error)
    return (
      `PostgreSQL is not reachable at ${target.host}:${target.port} (${reason}). ` +
      `Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`
    )
  } finally {
    await client.end().catch(() => {})
  }
}

function checkRedis(): Promise<string | null> {
  const target = redisTarget()
  const failure = (reason: string) =>
    `Redis is not reachable at ${target.host}:${target.port} (${reason}). ` +
    `Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port ${target.port}`

  return new Promise((resolve) => {
    const socket = net.createConnection({ host: target.host, port: target.port })
    const done = (result: string | null) => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(3000, () => done(failure('timed out')))
    socket.once('error', (error) => done(failure(error.message)))
    socket.once('connect', () => {
      const auth = process.env.REDIS_PASSWORD ? `AUTH ${process.env.REDIS_PASSWORD}\r\n` : ''
      socket.write(`${auth}PING\r\n`)
    })
    socket.on('data', (chunk) => {
      const text = chunk.toString()
      if (text.includes('PONG')) return done(null)
      if (text.startsWith('-')) return done(failure(text.trim()))
    })
  })
}

/**
 * Returns one line per unreachable service; an empty list means all is up.
 */
export async function findUnreachableServices(): Promise<string[]> {
  const results = await Promise.all([checkPostgres(), checkRedis()])
  return results.filter((line): line is string => line !== null)
}

/**
 * Prints the problems and exits with code 1 when a service is down.
 */
export async function ensureServicesOrExit() {
  const problems = await findUnreachableServices()
  if (problems.length) {
    for (const line of problems) console.error(line)
    process.exit(1)
  }
}
