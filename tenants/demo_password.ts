import { settings } from '#core/settings'
import env from '#start/env'
import { errors } from '#core/errors'

/**
 * The password of the demo accounts: DEMO_PASSWORD, or a fixed local one
 * outside production. Production never gets demo accounts without it.
 */
export function demoPassword(): string {
  const fromEnv = env.get('DEMO_PASSWORD')
  if (fromEnv) return fromEnv
  if (settings.environment === 'production') {
    throw new errors.E_INVALID_TENANT_INPUT('Set DEMO_PASSWORD to create demo accounts in production')
  }
  return 'krai-demo-2026'
}
