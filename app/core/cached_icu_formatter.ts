import { IntlMessageFormat } from 'intl-messageformat'
import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/**
 * ICU message formatting with parsed messages kept in memory. The stock
 * formatter parses every message again on each call, which dominated the
 * cost of rendering a page; messages are a fixed set, so the cache is bounded.
 */
export class CachedIcuFormatter implements TranslationsFormatterContract {
  readonly name = 'icu'
  #parsed = new Map<string, IntlMessageFormat>()

  format(message: string, locale: string, data?: Record<string, any>): string {
    const key = `${locale}\u0000${message}`
    let formatter = this.#parsed.get(key)
    if (!formatter) {
      formatter = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true })
      this.#parsed.set(key, formatter)
    }
    return String(formatter.format(data ?? {}))
  }
}
