import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KraiCommand } from '#core/krai_command'
import { rollupBuilder } from '#tenancy/rollup'

export default class RollupRebuild extends KraiCommand {
  static commandName = 'rollup:rebuild'
  static description = 'Recreate the control rollup (views over every block and the materialized figures)'
  static options: CommandOptions = { startApp: true }

  async execute() {
    await rollupBuilder.rebuild()
    const refreshed = await rollupBuilder.refresh()
    this.logger.success(`rollup rebuilt; figures refreshed: ${refreshed.join(', ') || 'none'}`)
  }
}
