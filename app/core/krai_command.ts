import { BaseCommand } from '@adonisjs/core/ace'
import { errors as vineErrors } from '@vinejs/vine'
import Tenant from '#tenancy/tenant'
import { errors } from '#core/errors'
import { tenantRegistry } from '#tenancy/tenant_registry'

/**
 * Base of the platform's commands: `execute()` does the work; any failure is
 * printed as one readable line and exits with code 1.
 */
export abstract class KraiCommand extends BaseCommand {
  abstract execute(): Promise<void>

  async run() {
    try {
      await this.execute()
    } catch (error) {
      this.fail(this.describe(error))
      if ((this.constructor as typeof BaseCommand).options.staysAlive) await this.app.terminate()
    }
  }

  /** Prints one line to stderr and marks the command as failed. */
  fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }

  describe(error: unknown): string {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      return (error.messages as { message: string }[]).map((entry) => entry.message).join('; ')
    }
    const pgCode = (error as { code?: string })?.code
    if (pgCode === '42P01' && /tenants/.test((error as Error).message)) {
      return 'The central registry is missing: run "node ace migration:run" (or "npm run dev") first'
    }
    return (error as Error)?.message ?? String(error)
  }

  async findTenantOrFail(slug: string): Promise<Tenant> {
    if (!slug) throw new errors.E_TENANT_NOT_FOUND('Name a tenant slug')
    return tenantRegistry.findBySlugOrFail(slug)
  }
}
