import env from '#start/env'
import { createHash } from 'node:crypto'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/**
 * APP_KEY comes only from the environment in production. Development and
 * test derive a key from the database name so that a fresh clone runs
 * without a .env file; such a key is never accepted in production.
 */
function resolveAppKey() {
  const key = env.get('APP_KEY')
  if (key) return key
  if ((env.get('NODE_ENV') ?? 'development') === 'production') {
    throw new Error('APP_KEY must be set in production (generate one with: node ace generate:key)')
  }
  const seed = `krai-local-only:${env.get('DB_DATABASE') ?? 'krai'}`
  return createHash('sha256').update(seed).digest('base64url').slice(0, 32)
}

const encryptionConfig = defineConfig({
  default: 'gcm',
  list: {
    gcm: drivers.aes256gcm({ id: 'gcm', keys: [resolveAppKey()] }),
  },
})

export default encryptionConfig

declare module '@adonisjs/core/types' {
  export interface EncryptorsList extends InferEncryptors<typeof encryptionConfig> {}
}
