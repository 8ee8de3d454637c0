/**
 * A small in-process cache whose entries live a fixed time, for values that
 * are read on many requests and change seldom (the signed-in user, the
 * dashboard's figures). What changes them calls forget(); the lifetime
 * bounds what nobody announces. A load that started before a forget() does
 * not store what it read, so a value read just before a change is not kept.
 * Callers that miss at the same time share one load (when the figures of a
 * busy page expire, twenty requests make one query, not twenty); a caller
 * that comes after a forget() starts a load of its own.
 */
export class ExpiringCache<T> {
  #entries = new Map<string, { value: T; expiresAt: number }>()
  #loading = new Map<string, Promise<T | null>>()
  #generation = 0

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000
  ) {}

  /** The cached value, or the one `load` returns (stored unless null). */
  async fetch(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.#entries.get(key)
    if (cached && cached.expiresAt > Date.now()) return cached.value

    const pending = this.#loading.get(key)
    if (pending) return pending
    const loading: Promise<T | null> = this.#load(key, load).finally(() => {
      if (this.#loading.get(key) === loading) this.#loading.delete(key)
    })
    this.#loading.set(key, loading)
    return loading
  }

  async #load(key: string, load: () => Promise<T | null>) {
    const generation = this.#generation
    const value = await load()
    if (value !== null && generation === this.#generation) {
      this.#entries.delete(key)
      if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!)
      this.#entries.set(key, { value, expiresAt: Date.now() + this.ttlMs })
    }
    return value
  }

  forget(key: string) {
    this.#generation++
    this.#entries.delete(key)
    this.#loading.delete(key)
  }

  clear() {
    this.#generation++
    this.#entries.clear()
    this.#loading.clear()
  }
}
