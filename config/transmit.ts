import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@adonisjs/transmit/transports/redis'
import { settings } from '#core/settings'

/**
 * Server-Sent Events (live conversations). Several web processes share one
 * Redis channel, so a message sent through one process reaches the streams
 * another holds; the channel carries the database's prefix like every other
 * Redis key, so development, tests and their shards never hear each other.
 * Only ids travel (never a message's text): browsers fetch what they may read.
 */
export default defineConfig({
  // a comment line every 30 s keeps idle streams open through proxies
  pingInterval: '30s',
  // only processes that hold streams (the web server, the tests' server) listen on Redis: Ace commands and the
  // worker never announce to browsers, and a subscription opened only to be closed at exit crashed them
  transport: ['web', 'test'].includes(app.getEnvironment())
    ? {
        driver: redis({
          host: settings.redis.host,
          port: settings.redis.port,
          password: settings.redis.password,
        }),
        channel: `${settings.redis.keyPrefix}:transmit`,
      }
    : null,
})
