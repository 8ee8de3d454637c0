import { CHROMIUM_ARGS, CHROMIUM_PATH } from '#tests/helpers/chromium'
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { chromium } from 'playwright'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { browserClient } from '@japa/browser-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { spec } from '@japa/runner/reporters'
import { awaitBackgroundCleanup, resetTestDatabase, resetTestRedis } from '#tests/helpers/environment'
import { slowestFiles } from '#tests/helpers/slowest_files_reporter'

/**
 * The suite runs on its own database (krai_test), recreated from nothing on
 * every run, with real PostgreSQL, Redis, HTTP server and Chromium.
 */
export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  apiClient({ baseURL: `http://127.0.0.1:${process.env.PORT}` }),
  browserClient({
    runInSuites: ['browser'],
    launcher: (config) =>
      chromium.launch({
        ...config,
        headless: true,
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
      }),
  }),
]

export const reporters: Config['reporters'] = {
  activated: ['spec', 'slowest-files'],
  list: [spec(), slowestFiles()],
}

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [resetTestDatabase, resetTestRedis],
  teardown: [awaitBackgroundCleanup],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
