import { createHash, createHmac } from 'node:crypto'
import env from '#start/env'

/** The application key, as config/encryption.ts resolves it (development derives one from the database name). */
function applicationKey() {
  const key = env.get('APP_KEY')
  if (key) return typeof key === 'string' ? key : key.release()
  const seed = `krai-local-only:${env.get('DB_DATABASE') ?? 'krai'}`
  return createHash('sha256').update(seed).digest('base64url').slice(0, 32)
}

/**
 * A ballot's receipt: an HMAC of (voter, quarter, priority) under the
 * application key. The voter's session recomputes it to find, refuse a
 * second, or withdraw their own ballot; the ballot itself carries no user id
 * and the receipt is never published.
 */
export function ballotReceipt(userId: number, quarter: string, priorityId: number) {
  return createHmac('sha256', `priorities:${applicationKey()}`).update(`${userId}|${quarter}|${priorityId}`).digest('hex')
}

/** An address as the burst report keeps it: an HMAC under the application key, never the address itself. */
export function addressHash(address: string) {
  return createHmac('sha256', `priorities-address:${applicationKey()}`).update(address).digest('hex')
}
