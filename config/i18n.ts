import app from '@adonisjs/core/services/app'
import { defineConfig, loaders } from '@adonisjs/i18n'
import { CachedIcuFormatter } from '#core/cached_icu_formatter'

/**
 * Russian is the default language; English is the second one. Every string
 * shown to a user lives in resources/lang/<locale>/*.json.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'ru',
  supportedLocales: ['ru', 'en'],
  formatter: () => new CachedIcuFormatter(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
