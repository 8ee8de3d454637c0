import env from '#start/env'

/**
 * Resolved runtime settings with their defaults in one place, so that the
 * config files, commands and preflight checks agree on every value.
 */
export const settings = {
  get environment() {
    return env.get('NODE_ENV') ?? 'development'
  },
  get port() {
    return env.get('PORT') ?? 3333
  },
  get host() {
    return env.get('HOST') ?? 'localhost'
  },
  /** Tenants live on `<slug>.<appDomain>`; the apex domain serves the portal. */
  get appDomain() {
    return (env.get('APP_DOMAIN') ?? 'localhost').toLowerCase()
  },
  get appProtocol() {
    return env.get('APP_PROTOCOL') ?? 'http'
  },
  database: {
    get host() {
      return env.get('DB_HOST') ?? '127.0.0.1'
    },
    get port() {
      return env.get('DB_PORT') ?? 5432
    },
    get user() {
      return env.get('DB_USER') ?? 'postgres'
    },
    get password() {
      return env.get('DB_PASSWORD') ?? ''
    },
    get name() {
      return env.get('DB_DATABASE') ?? 'krai'
    },
    get poolMax() {
      return env.get('DB_POOL_MAX') ?? 5
    },
  },
  redis: {
    get host() {
      return env.get('REDIS_HOST') ?? '127.0.0.1'
    },
    get port() {
      return env.get('REDIS_PORT') ?? 6379
    },
    get password() {
      return env.get('REDIS_PASSWORD') || undefined
    },
    /** Keys of one database never mix with another's (dev and test share Redis). */
    get keyPrefix() {
      return `krai:${settings.database.name}`
    },
  },
  get queueConcurrency() {
    return env.get('QUEUE_CONCURRENCY') ?? 4
  },
  get backupDir() {
    return env.get('BACKUP_DIR') ?? 'storage/backups'
  },
  get pgDumpPath() {
    return env.get('PG_DUMP_PATH') ?? 'pg_dump'
  },
}
