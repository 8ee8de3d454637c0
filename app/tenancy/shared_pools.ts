import { EventEmitter } from 'node:events'
import pg from 'pg'
import logger from '@adonisjs/core/services/logger'
import { settings } from '#core/settings'
import { runtimeLoginName } from '#tenancy/naming'

/**
 * The process's database connections: two bounded pools, whatever the
 * number of tenants.
 *
 * - `admin`: the configured DB_USER, straight to PostgreSQL. The central
 *   registry, provisioning, and migrations (as each tenant's owner role).
 * - `runtime`: a login role that can do nothing itself but switch to the
 *   runtime roles (tenants, bus). Requests and jobs. May go through
 *   PgBouncer in transaction mode (DB_POOL_HOST / DB_POOL_PORT).
 *
 * A connection is lent for one statement or one transaction at a time
 * (`RoleSession`); the role and search path are set with SET LOCAL inside
 * that transaction, so they end with it and nothing of one tenant's session
 * reaches the next borrower, on a direct connection or behind PgBouncer.
 */

/** The role every statement of a session runs as, and the only schemas it sees. */
export interface SessionIdentity {
  role: string
  /** A ready SQL list of quoted schema names. */
  searchPath: string
}

export type PoolName = 'admin' | 'runtime'

const TRANSACTION_BEGIN = /^\s*(begin|start\s+transaction)\b/i
const TRANSACTION_COMMIT = /^\s*(commit|end)\s*;?\s*$/i
const TRANSACTION_ROLLBACK = /^\s*(rollback|abort)\s*;?\s*$/i
/**
 * Statements whose effect outlives the transaction on the session (and so
 * would reach the next borrower of the connection): refused. Settings are
 * made with SET LOCAL; whatever a statement changed for the session with
 * set_config() is undone by the RESET ALL that precedes every commit.
 */
const SESSION_STATE = /^\s*(set\s+(?!(local|transaction|constraints)\b)|reset\b|discard\b|prepare\b|listen\b|declare\b|load\b)/i
/** Undoes session-level settings made inside the transaction (role and session authorization are not reset; SET LOCAL covers them). */
const COMMIT = 'reset all; commit'

/** Results the one-trip form adds before the statement's (begin, set role, set search_path) and after it (reset, commit). */
const SWITCH_STATEMENTS = 3
const COMMIT_STATEMENTS = 2

/** A plain statement without parameters: pg sends it over the simple query protocol. */
function sendsAsText(query: pg.QueryConfig) {
  const submittable = typeof (query as { submit?: unknown }).submit === 'function'
  return !submittable && !query.name && !(query.values && query.values.length > 0) && typeof query.text === 'string'
}

let sessionCounter = 0

/**
 * One borrowed connection, in the shape knex expects of a pg client. Every
 * statement runs inside a transaction that first switches to the identity:
 * knex's own BEGIN gets the switch right after it; a statement outside a
 * transaction is wrapped in one of its own (committed before it returns, so
 * a caller reads its writes on the next borrowed connection).
 */
export class RoleSession {
  __knexUid = `krai_session_${++sessionCounter}`
  __knexTxId?: string
  __knex__disposed?: unknown
  #inTransaction = false
  readonly #client: pg.PoolClient
  readonly #switch: string | null
  /** pg-pool listens for errors only on idle clients; a borrowed one that dies must not crash the process. */
  readonly #onError = (error: Error) => {
    this.__knex__disposed = error
    logger.warn({ error: error.message }, 'database connection lost while in use')
  }

  constructor(client: pg.PoolClient, identity: SessionIdentity | null) {
    this.#client = client
    client.on('error', this.#onError)
    this.#switch = identity
      ? `set local role ${pg.escapeIdentifier(identity.role)}; set local search_path to ${identity.searchPath}`
      : null
  }

  get processID() {
    return (this.#client as unknown as { processID: number }).processID
  }

  query(config: pg.QueryConfig | string, callback: (error: Error | null, result?: unknown) => void) {
    const query = typeof config === 'string' ? { text: config } : config
    this.#run(query).then(
      (result) => callback(null, result),
      (error) => callback(error)
    )
  }

  async #run(query: pg.QueryConfig) {
    if (!this.#switch) return this.#client.query(query)
    if (SESSION_STATE.test(query.text)) {
      throw new Error(`Refused on a shared connection (it would outlive the transaction): ${query.text.trim().slice(0, 60)}`)
    }
    if (this.#inTransaction) {
      if (TRANSACTION_COMMIT.test(query.text)) {
        this.#inTransaction = false
        return this.#client.query(COMMIT)
      }
      const result = await this.#client.query(query)
      if (TRANSACTION_ROLLBACK.test(query.text)) this.#inTransaction = false
      return result
    }
    if (TRANSACTION_BEGIN.test(query.text)) {
      const result = await this.#client.query(query)
      try {
        await this.#client.query(this.#switch)
      } catch (error) {
        await this.#client.query('rollback').catch(() => {})
        throw error
      }
      this.#inTransaction = true
      return result
    }
    if (sendsAsText(query)) return this.#runInOneTrip(query)
    try {
      // inside the try: a switch that fails (a role just revoked) must not leave the connection in an aborted transaction
      await this.#client.query(`begin; ${this.#switch}`)
      const result = await this.#client.query(query)
      await this.#client.query(COMMIT)
      return result
    } catch (error) {
      await this.#client.query('rollback').catch((rollbackError) => (this.__knex__disposed = rollbackError))
      throw error
    }
  }

  /**
   * A statement without parameters goes over the simple query protocol,
   * which takes several statements in one message: the switch, the
   * statement and the commit travel together (one round trip instead of
   * three). PostgreSQL parses the whole text before running any of it, so a
   * statement that does not parse runs nothing; one that fails skips the
   * rest and leaves the transaction to roll back. The statement ends on a
   * new line so that a trailing `--` comment cannot swallow the commit.
   */
  async #runInOneTrip(query: pg.QueryConfig) {
    try {
      const results = (await this.#client.query({ ...query, text: `begin; ${this.#switch};\n${query.text}\n; ${COMMIT}` })) as unknown as pg.QueryResult[]
      const own = results.slice(SWITCH_STATEMENTS, -COMMIT_STATEMENTS)
      return own.length === 1 ? own[0] : own
    } catch (error) {
      await this.#client.query('rollback').catch((rollbackError) => (this.__knex__disposed = rollbackError))
      throw error
    }
  }

  /** Back to the shared pool; a connection that broke or was left inside a transaction is closed instead. */
  end() {
    const discard = this.__knex__disposed !== undefined || this.#inTransaction
    this.#client.removeListener('error', this.#onError)
    this.#client.release(discard ? new Error('session discarded') : undefined)
  }
}

/**
 * What knex sees as the pool of one Lucid connection (a tenant, the bus, an
 * owner): a tarn-compatible view of a shared pool that lends `RoleSession`s
 * with that connection's identity. Knex never destroys an external pool.
 */
class IdentityPool extends EventEmitter {
  constructor(
    readonly pools: SharedPools,
    readonly poolName: PoolName,
    readonly identity: SessionIdentity | null
  ) {
    super()
  }

  /** Looked up on every use: the shared pool may have been closed and opened again. */
  get shared() {
    return this.pools.pool(this.poolName)
  }

  acquire() {
    return { promise: this.shared.connect().then((client) => new RoleSession(client, this.identity)) }
  }

  release(session: RoleSession) {
    session.end()
    return true
  }

  async destroy() {}

  numUsed() {
    return this.shared.totalCount - this.shared.idleCount
  }

  numFree() {
    return this.shared.idleCount
  }

  numPendingAcquires() {
    return this.shared.waitingCount
  }

  numPendingCreates() {
    return 0
  }
}

export class SharedPools {
  #pools = new Map<PoolName, pg.Pool>()

  /** `max` overrides DB_POOL_MAX (tests prove isolation on a pool of one). */
  constructor(readonly options: { max?: number } = {}) {}

  #create(name: PoolName): pg.Pool {
    const database = settings.database
    const common = {
      database: database.name,
      max: this.options.max ?? database.poolMax,
      idleTimeoutMillis: database.poolIdleMs,
      connectionTimeoutMillis: database.poolAcquireTimeoutMs,
      // idle connections do not keep a finished command alive
      allowExitOnIdle: true,
    }
    const pool =
      name === 'admin'
        ? new pg.Pool({
            ...common,
            host: database.host,
            port: database.port,
            user: database.user,
            password: database.password,
            options: '-c search_path=public',
          })
        : new pg.Pool({
            ...common,
            host: database.poolHost,
            port: database.poolPort,
            user: runtimeLoginName(),
            password: database.runtimePassword,
          })
    // An idle connection that dies (server restart, a dropped database) is simply replaced.
    pool.on('error', (error) => logger.warn({ pool: name, error: error.message }, 'idle database connection lost'))
    return pool
  }

  pool(name: PoolName): pg.Pool {
    let pool = this.#pools.get(name)
    if (!pool) {
      pool = this.#create(name)
      this.#pools.set(name, pool)
    }
    return pool
  }

  /** A pool view for one Lucid connection; `identity` null lends plain connections (the central registry). */
  view(name: PoolName, identity: SessionIdentity | null) {
    return new IdentityPool(this, name, identity)
  }

  /** Connections open now, per pool (for benchmarks and health). */
  counts() {
    return Object.fromEntries([...this.#pools].map(([name, pool]) => [name, { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }]))
  }

  /** Closes every pool (process shutdown); a later use opens new ones. */
  async end() {
    const pools = [...this.#pools.values()]
    this.#pools.clear()
    await Promise.all(pools.map((pool) => pool.end().catch(() => {})))
  }
}

export const sharedPools = new SharedPools()
