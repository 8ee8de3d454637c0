import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { settings } from '#core/settings'
import { errors } from '#core/errors'
import { describeSeeded, seedDemoContent } from '#tenants/demo_content/seed'

export default class DemoSeed extends KraiCommand {
  static commandName = 'demo:seed'
  static description = 'Fill the demo region with sample content (orders, programmes, staffing, ratings, lawsuits, problems, draft acts); idempotent'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Catalog directory (government.json + municipalities.csv); default: tenants/catalog', required: false })
  declare catalog?: string

  @flags.array({ description: 'Only these tenants (slugs); messages to others wait for the queue' })
  declare tenant?: string[]

  @flags.boolean({ description: 'Seed even when NODE_ENV is production' })
  declare force?: boolean

  async execute() {
    if (settings.environment === 'production' && !this.force) {
      throw new errors.E_INVALID_TENANT_INPUT('Refusing to write demo content in production; pass --force if you mean it')
    }
    const started = performance.now()
    const results = await seedDemoContent({ catalog: this.catalog, only: this.tenant, onProgress: (result) => this.logger.info(describeSeeded(result)) })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const seeded = results.filter((result) => result.outcome === 'seeded').length
    this.logger.success(`Demo content: ${seeded} of ${results.length} tenants seeded in ${seconds} s`)
  }
}
