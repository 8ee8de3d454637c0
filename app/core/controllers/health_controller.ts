import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { queueService } from '#queue/queue_service'

async function probe(check: () => Promise<unknown>) {
  const started = performance.now()
  try {
    const details = await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000)),
    ])
    return { ok: true, ms: Math.round(performance.now() - started), ...(details ? { details } : {}) }
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message }
  }
}

/**
 * Load-balancer probes: `/health/live` answers as long as the process runs;
 * `/health` checks PostgreSQL, Redis and the queue and answers 503 when one
 * of them fails.
 */
export default class HealthController {
  async live({ response }: HttpContext) {
    return response.ok({ ok: true })
  }

  async show({ response }: HttpContext) {
    const [postgres, redisCheck, queue] = await Promise.all([
      probe(async () => {
        await db.rawQuery('select 1')
      }),
      probe(async () => {
        await redis.ping()
      }),
      probe(() => queueService.counts()),
    ])
    const ok = postgres.ok && redisCheck.ok && queue.ok
    return response.status(ok ? 200 : 503).json({ ok, checks: { postgres, redis: redisCheck, queue } })
  }
}
