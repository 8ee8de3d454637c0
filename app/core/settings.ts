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
  /**
   * Addresses or CIDRs of our own reverse proxies (TRUSTED_PROXIES, comma
   * separated). Only their X-Forwarded-* headers count; empty trusts nobody.
   */
  get trustedProxies(): string[] {
    return list(env.get('TRUSTED_PROXIES'))
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
    /** Connections of each of the process's two pools (admin, runtime), whatever the number of tenants. */
    get poolMax() {
      return env.get('DB_POOL_MAX') ?? 10
    },
    get poolIdleMs() {
      return env.get('DB_POOL_IDLE_MS') ?? 30_000
    },
    /** How long a request waits for a free connection before it is answered 503. */
    get poolAcquireTimeoutMs() {
      return env.get('DB_POOL_ACQUIRE_TIMEOUT_MS') ?? 10_000
    },
    /** Where the runtime pool connects: PgBouncer (transaction mode) in front of PostgreSQL, or PostgreSQL itself. */
    get poolHost() {
      return env.get('DB_POOL_HOST') ?? settings.database.host
    },
    get poolPort() {
      return env.get('DB_POOL_PORT') ?? settings.database.port
    },
    /** Password of the runtime login role (`<database>__app`); set on the role by the provisioner. */
    get runtimePassword() {
      return env.get('DB_RUNTIME_PASSWORD') || undefined
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
  /** Seconds between checks that the repeatable schedules still exist in Redis (a flush drops them). */
  get queueScheduleCheckSeconds() {
    return env.get('QUEUE_SCHEDULE_CHECK_SECONDS') ?? 30
  },
  /** The tenant bus (app/bus). */
  bus: {
    /** Tries before a message is set aside as failed (poison). */
    get maxAttempts() {
      return env.get('BUS_MAX_ATTEMPTS') ?? 10
    },
    /** The sweep that delivers and applies whatever a lost job left behind. */
    get sweepSeconds() {
      return env.get('BUS_SWEEP_SECONDS') ?? 5
    },
    /** Messages moved per query (relay) or per transaction (apply). */
    get batchSize() {
      return env.get('BUS_BATCH_SIZE') ?? 500
    },
    /** First retry delay; doubled on every further failure, at most 5 minutes. */
    get retryDelayMs() {
      return env.get('BUS_RETRY_DELAY_MS') ?? 1000
    },
    /** Days delivered and applied messages are kept before the daily prune. */
    get retentionDays() {
      return env.get('BUS_RETENTION_DAYS') ?? 30
    },
  },
  get backupDir() {
    return env.get('BACKUP_DIR') ?? 'storage/backups'
  },
  mail: {
    /** `log` writes every message to the log (development); `smtp` sends it. */
    get mailer() {
      return env.get('MAIL_MAILER') ?? (settings.environment === 'production' ? 'smtp' : 'log')
    },
    get from() {
      return env.get('MAIL_FROM') ?? `Krai <no-reply@${settings.appDomain}>`
    },
    get smtpHost() {
      return env.get('SMTP_HOST') ?? '127.0.0.1'
    },
    get smtpPort() {
      return env.get('SMTP_PORT') ?? 25
    },
    get smtpSecure() {
      return env.get('SMTP_SECURE') ?? false
    },
    get smtpUser() {
      return env.get('SMTP_USER') || undefined
    },
    get smtpPassword() {
      return env.get('SMTP_PASSWORD') || undefined
    },
  },
  get pgRestorePath() {
    return env.get('PG_RESTORE_PATH') ?? 'pg_restore'
  },
  get pgDumpPath() {
    return env.get('PG_DUMP_PATH') ?? 'pg_dump'
  },
  /**
   * Speech-to-text for voice orders: an OpenAI-compatible
   * `POST /v1/audio/transcriptions` endpoint. Without a URL, recordings are
   * kept untranscribed.
   */
  speechToText: {
    get url() {
      return env.get('SPEECH_TO_TEXT_URL') || null
    },
    get key() {
      return env.get('SPEECH_TO_TEXT_KEY') || null
    },
    get model() {
      return env.get('SPEECH_TO_TEXT_MODEL') || 'whisper-1'
    },
    get language() {
      return env.get('SPEECH_TO_TEXT_LANGUAGE') || null
    },
    get timeoutMs() {
      return Number(env.get('SPEECH_TO_TEXT_TIMEOUT_MS') ?? 120_000)
    },
    get attempts() {
      return Number(env.get('SPEECH_TO_TEXT_ATTEMPTS') ?? 4)
    },
    /** First retry delay; Bull doubles it on each further attempt. */
    get retryDelayMs() {
      return Number(env.get('SPEECH_TO_TEXT_RETRY_DELAY_MS') ?? 10_000)
    },
  },
  /** Media monitoring feeds (ratings module). */
  mediaFeeds: {
    /**
     * Hosts or addresses a feed may be fetched from although they are
     * loopback, private or link-local (MEDIA_FEED_ALLOW_HOSTS, comma
     * separated). Everything else internal is refused.
     */
    get allowHosts(): string[] {
      return list(env.get('MEDIA_FEED_ALLOW_HOSTS')).map((host) => host.toLowerCase())
    },
    get timeoutMs() {
      return Number(env.get('MEDIA_FEED_TIMEOUT_MS') ?? 15_000)
    },
  },
  /** Largest voice recording accepted, in megabytes. */
  get voiceMaxUploadMb() {
    return Number(env.get('VOICE_MAX_UPLOAD_MB') ?? 25)
  },
}

/** A comma-separated setting as a list of trimmed, non-empty items. */
function list(value: string | undefined | null): string[] {
  return String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}
