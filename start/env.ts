/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Every variable has a development default so that a fresh clone runs with
| `npm install && npm run dev`. Production must set APP_KEY explicitly.
|
*/

import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum.optional(['development', 'production', 'test'] as const),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  APP_KEY: Env.schema.secret.optional(),
  APP_DOMAIN: Env.schema.string.optional(),
  APP_PROTOCOL: Env.schema.enum.optional(['http', 'https'] as const),
  LOG_LEVEL: Env.schema.string.optional(),
  TRUSTED_PROXIES: Env.schema.string.optional(),

  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),
  DB_POOL_IDLE_MS: Env.schema.number.optional(),
  DB_POOL_ACQUIRE_TIMEOUT_MS: Env.schema.number.optional(),
  DB_POOL_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_POOL_PORT: Env.schema.number.optional(),
  DB_RUNTIME_PASSWORD: Env.schema.string.optional(),

  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),

  QUEUE_CONCURRENCY: Env.schema.number.optional(),
  QUEUE_SCHEDULE_CHECK_SECONDS: Env.schema.number.optional(),
  BUS_MAX_ATTEMPTS: Env.schema.number.optional(),
  BUS_SWEEP_SECONDS: Env.schema.number.optional(),
  BUS_BATCH_SIZE: Env.schema.number.optional(),
  BUS_RETRY_DELAY_MS: Env.schema.number.optional(),
  BUS_RETENTION_DAYS: Env.schema.number.optional(),
  DEMO_PASSWORD: Env.schema.string.optional(),
  BACKUP_DIR: Env.schema.string.optional(),
  PG_DUMP_PATH: Env.schema.string.optional(),
  PG_RESTORE_PATH: Env.schema.string.optional(),

  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  DRIVE_LOCATION: Env.schema.string.optional(),
  AWS_ACCESS_KEY_ID: Env.schema.string.optional(),
  AWS_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),

  MAIL_MAILER: Env.schema.enum.optional(['log', 'smtp'] as const),
  MAIL_FROM: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USER: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SPEECH_TO_TEXT_URL: Env.schema.string.optional(),
  SPEECH_TO_TEXT_KEY: Env.schema.string.optional(),
  SPEECH_TO_TEXT_MODEL: Env.schema.string.optional(),
  SPEECH_TO_TEXT_LANGUAGE: Env.schema.string.optional(),
  SPEECH_TO_TEXT_TIMEOUT_MS: Env.schema.number.optional(),
  SPEECH_TO_TEXT_ATTEMPTS: Env.schema.number.optional(),
  SPEECH_TO_TEXT_RETRY_DELAY_MS: Env.schema.number.optional(),
  VOICE_MAX_UPLOAD_MB: Env.schema.number.optional(),
  PROBLEMS_PHOTO_MAX_MB: Env.schema.number.optional(),
  PROBLEMS_TILE_URL: Env.schema.string.optional(),
  PROBLEMS_TILE_ATTRIBUTION: Env.schema.string.optional(),
  PROBLEMS_REPORTS_PER_HOUR: Env.schema.number.optional(),
  LAWMAKING_MIN_CONSULTATION_DAYS: Env.schema.string.optional(),
  LAWMAKING_REMARKS_PER_HOUR: Env.schema.number.optional(),
  LAWMAKING_FLAGS_PER_HOUR: Env.schema.number.optional(),
  LAWMAKING_INITIATIVE_THRESHOLD_REGIONAL: Env.schema.number.optional(),
  LAWMAKING_INITIATIVE_THRESHOLD_MUNICIPAL: Env.schema.number.optional(),
  LAWMAKING_INITIATIVE_ANSWER_DAYS: Env.schema.number.optional(),
  LAWMAKING_INITIATIVES_PER_DAY: Env.schema.number.optional(),
  PROBLEMS_REGISTRATIONS_PER_HOUR: Env.schema.number.optional(),
  OPEN311_POSTS_PER_HOUR: Env.schema.number.optional(),
  MEDIA_FEED_ALLOW_HOSTS: Env.schema.string.optional(),
  MEDIA_FEED_TIMEOUT_MS: Env.schema.number.optional(),
})
