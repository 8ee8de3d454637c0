import { test } from '@japa/runner'
import { ExpiringCache } from '#core/expiring_cache'

/** A load the test finishes by hand. */
function deferred(value: string) {
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  let calls = 0
  return {
    load: async () => {
      calls++
      await done
      return value
    },
    finish,
    calls: () => calls,
  }
}

test.group('Core | expiring cache', () => {
  test('callers that miss together share one load; later callers get the stored value', async ({ assert }) => {
    const cache = new ExpiringCache<string>(10_000)
    const first = deferred('one')
    const both = Promise.all([cache.fetch('k', first.load), cache.fetch('k', first.load)])
    first.finish()
    assert.deepEqual(await both, ['one', 'one'])
    assert.equal(first.calls(), 1)
    assert.equal(await cache.fetch('k', async () => 'other'), 'one')
  })

  test('a value read before a forget() is not kept, and a caller after it loads anew', async ({ assert }) => {
    const cache = new ExpiringCache<string>(10_000)
    const before = deferred('old')
    const early = cache.fetch('k', before.load)
    cache.forget('k')
    const after = deferred('new')
    const late = cache.fetch('k', after.load)
    before.finish()
    after.finish()
    assert.equal(await early, 'old')
    assert.equal(await late, 'new')
    // what the caller after the change read is kept; the older read was not
    assert.equal(await cache.fetch('k', async () => 'third'), 'new')
  })

  test('a forget() of another key does not stop this one from loading again later', async ({ assert }) => {
    const cache = new ExpiringCache<string>(0)
    const load = deferred('a')
    const pending = cache.fetch('a', load.load)
    cache.forget('b')
    load.finish()
    assert.equal(await pending, 'a')
    assert.equal(await cache.fetch('a', async () => 'fresh'), 'fresh')
  })

  test('entries expire and null is never stored', async ({ assert }) => {
    const cache = new ExpiringCache<string>(20)
    assert.isNull(await cache.fetch('k', async () => null))
    assert.equal(await cache.fetch('k', async () => 'v'), 'v')
    await new Promise((resolve) => setTimeout(resolve, 30))
    assert.equal(await cache.fetch('k', async () => 'w'), 'w')
  })
})
