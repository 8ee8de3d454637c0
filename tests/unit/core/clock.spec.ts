import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { clockOffsetFor } from '#core/clock'

const REAL_NOW = DateTime.fromISO('2026-12-07T17:45:00', { zone: 'Europe/Moscow' }).toMillis()
const regionTime = (offset: number) => DateTime.fromMillis(REAL_NOW + offset, { zone: 'Europe/Moscow' }).toFormat("yyyy-LL-dd'T'HH:mm")

test.group('Core | clock | KRAI_TODAY', () => {
  test('in tests it moves the clock to noon of {day} in the region, and hands the offset to child processes')
    .with([{ day: '2026-12-06' }, { day: '2026-12-31' }, { day: '2027-05-08' }])
    .run(({ assert }, { day }) => {
      const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', KRAI_TODAY: day }
      const offset = clockOffsetFor(env, REAL_NOW)
      assert.equal(regionTime(offset), `${day}T12:00`)
      assert.equal(env.KRAI_CLOCK_OFFSET_MS, String(offset))
      // a child process started later keeps the parent's offset, so both agree on the time
      assert.equal(clockOffsetFor({ ...env }, REAL_NOW + 5000), offset)
    })

  test('ignored outside tests ({env})')
    .with([{ env: 'development' }, { env: 'production' }])
    .run(({ assert }, { env }) => {
      assert.equal(clockOffsetFor({ NODE_ENV: env, KRAI_TODAY: '2026-12-06' }, REAL_NOW), 0)
    })

  test('without KRAI_TODAY the clock is the system clock', ({ assert }) => {
    assert.equal(clockOffsetFor({ NODE_ENV: 'test' }, REAL_NOW), 0)
  })

  test('a value that is not an ISO date stops the run with the reason: {$self}')
    .with(['06.12.2026', '2026-02-30', 'tomorrow'])
    .run(({ assert }, value) => {
      assert.throws(() => clockOffsetFor({ NODE_ENV: 'test', KRAI_TODAY: value }, REAL_NOW), `KRAI_TODAY must be an ISO date (YYYY-MM-DD), not "${value}"`)
    })
})
