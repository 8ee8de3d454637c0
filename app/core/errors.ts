import { Exception } from '@adonisjs/core/exceptions'
import { settings } from '#core/settings'

/** The ports of the services a request depends on (PostgreSQL directly or through PgBouncer, Redis). */
function serverPorts() {
  return [settings.database.port, settings.database.poolPort, settings.redis.port]
}

/**
 * Every error the platform raises on purpose, with a stable code and the HTTP
 * status it maps to. Commands print `error.message` as their one line.
 */
export class KraiError extends Exception {}

function define(code: string, status: number) {
  return class extends KraiError {
    static code = code
    static status = status
  }
}

export const errors = {
  E_TENANT_NOT_FOUND: define('E_TENANT_NOT_FOUND', 404),
  E_TENANT_SUSPENDED: define('E_TENANT_SUSPENDED', 503),
  E_TENANT_EXISTS: define('E_TENANT_EXISTS', 409),
  E_INVALID_SLUG: define('E_INVALID_SLUG', 422),
  E_RESERVED_SLUG: define('E_RESERVED_SLUG', 422),
  E_INVALID_TENANT_INPUT: define('E_INVALID_TENANT_INPUT', 422),
  E_NO_TENANT_SCOPE: define('E_NO_TENANT_SCOPE', 500),
  E_PROVISIONING_FAILED: define('E_PROVISIONING_FAILED', 500),
  E_BACKUP_FAILED: define('E_BACKUP_FAILED', 500),
  E_RESTORE_FAILED: define('E_RESTORE_FAILED', 500),
  E_MIGRATION_FAILED: define('E_MIGRATION_FAILED', 500),
  E_UNKNOWN_JOB: define('E_UNKNOWN_JOB', 500),
  E_NOT_FOUND: define('E_NOT_FOUND', 404),
  /** PostgreSQL or Redis cannot serve the request now (no free connection, down); answered 503 with Retry-After. */
  E_SERVICE_UNAVAILABLE: define('E_SERVICE_UNAVAILABLE', 503),
  E_FORBIDDEN_TRANSITION: define('E_FORBIDDEN_TRANSITION', 409),
  E_TEXT_PENDING: define('E_TEXT_PENDING', 422),
  E_BUS_UNKNOWN_TYPE: define('E_BUS_UNKNOWN_TYPE', 500),
  E_BUS_UNKNOWN_TARGET: define('E_BUS_UNKNOWN_TARGET', 422),
  E_BUS_NO_TRANSACTION: define('E_BUS_NO_TRANSACTION', 500),
  E_BUS_NO_HANDLER: define('E_BUS_NO_HANDLER', 500),
  E_BUS_HANDLER_EXISTS: define('E_BUS_HANDLER_EXISTS', 500),
  E_BUS_INVALID_PAYLOAD: define('E_BUS_INVALID_PAYLOAD', 422),
}

/**
 * A database error in one readable line: knex prefixes PostgreSQL's message
 * with the whole statement (`<sql> - <message>`); an operator needs the
 * message.
 */
export function describeDatabaseError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error)
  const separator = message.lastIndexOf(' - ')
  return (error as { code?: string })?.code && separator >= 0 ? message.slice(separator + 3) : message
}

/**
 * The messages of a pool with no free connection: pg-pool's own timeout and
 * knex's (`KnexTimeoutError`). Such a request waited its DB_POOL_ACQUIRE_TIMEOUT_MS
 * and is answered 503 with Retry-After instead of a stack trace.
 */
const POOL_EXHAUSTED = /timeout exceeded when trying to connect|Knex: Timeout acquiring a connection/i

/**
 * PostgreSQL saying it cannot take a connection now (too many connections,
 * shutting down or starting up) or that the connection failed.
 */
const POSTGRES_UNAVAILABLE = new Set(['53300', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])

/** Whether `error` says the database or Redis cannot take the request now (rather than that the request is wrong). */
export function isServiceUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; name?: string; message?: string; port?: number; cause?: unknown } | null
  if (!candidate || typeof candidate !== 'object') return false
  if (candidate.code === 'E_SERVICE_UNAVAILABLE' || candidate.name === 'KnexTimeoutError') return true
  if (POOL_EXHAUSTED.test(candidate.message ?? '')) return true
  if (candidate.code && POSTGRES_UNAVAILABLE.has(candidate.code)) return true
  // Redis gave up reconnecting, or PostgreSQL/Redis refuse connections on their own ports
  if (candidate.name === 'MaxRetriesPerRequestError' || candidate.message === 'Connection is closed.') return true
  if (candidate.code === 'ECONNREFUSED' && candidate.port !== undefined && serverPorts().includes(Number(candidate.port))) return true
  return candidate.cause !== undefined && candidate.cause !== error && isServiceUnavailable(candidate.cause)
}
