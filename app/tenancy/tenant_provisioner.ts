import logger from '@adonisjs/core/services/logger'
import { rollupBuilder } from '#tenancy/rollup'
import pg from 'pg'
import { spawn } from 'node:child_process'
import { mkdir, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Tenant from '#tenancy/tenant'
import { errors } from '#core/errors'
import { settings } from '#core/settings'
import { recordCentralAudit } from '#core/central_audit'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { TenantMigrator } from '#tenancy/tenant_migrator'
import { closeTenantConnection } from '#tenancy/tenant_connections'
import { grantBusAccess } from '#bus/bus_role'
import {
  assertValidSlug,
  normalizeHost,
  roleNameFor,
  schemaNameFor,
  TENANT_KINDS,
  type TenantKind,
} from '#tenancy/naming'

export interface NewTenant {
  slug: string
  kind: string
  nameRu: string
  nameEn: string
  hosts?: string[]
}

const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/
const quote = pg.escapeIdentifier

/**
 * Creates, migrates, suspends and drops tenants. Every step that creates
 * something is undone when a later step fails, so a failed create leaves no
 * schema, role or registry row behind.
 */
export class TenantProvisioner {
  async #validate(input: NewTenant) {
    assertValidSlug(input.slug)
    if (!TENANT_KINDS.includes(input.kind as TenantKind)) {
      throw new errors.E_INVALID_TENANT_INPUT(
        `Invalid tenant kind "${input.kind}": use one of ${TENANT_KINDS.join(', ')}`
      )
    }
    if (!input.nameRu?.trim() || !input.nameEn?.trim()) {
      throw new errors.E_INVALID_TENANT_INPUT('Both --name-ru and --name-en are required')
    }
    const hosts = (input.hosts ?? []).map(normalizeHost)
    for (const host of hosts) {
      if (!HOST_PATTERN.test(host)) {
        throw new errors.E_INVALID_TENANT_INPUT(`Invalid host "${host}"`)
      }
      const owner = await tenantRegistry.findByHost(host)
      if (owner) {
        throw new errors.E_INVALID_TENANT_INPUT(`Host "${host}" already serves tenant "${owner.slug}"`)
      }
    }
    if (await Tenant.findBy('slug', input.slug)) {
      throw new errors.E_TENANT_EXISTS(`Tenant "${input.slug}" already exists`)
    }
    return hosts
  }

  /**
   * Creates role, schema and registry row, then migrates the schema and lets
   * the bus role reach its inbox.
   */
  async create(input: NewTenant): Promise<Tenant> {
    const hosts = await this.#validate(input)
    const schemaName = schemaNameFor(input.slug)
    const roleName = roleNameFor(input.slug)

    const leftovers = await db.rawQuery(
      `select (select count(*) from pg_roles where rolname = ?) as roles,
              (select count(*) from pg_namespace where nspname = ?) as schemas`,
      [roleName, schemaName]
    )
    if (Number(leftovers.rows[0].roles) || Number(leftovers.rows[0].schemas)) {
      throw new errors.E_TENANT_EXISTS(
        `Role ${roleName} or schema ${schemaName} already exists without a registry row; remove it before creating "${input.slug}"`
      )
    }

    const tenant = await db.transaction(async (trx) => {
      await trx.rawQuery(`create role ${quote(roleName)} nologin noinherit`)
      await trx.rawQuery(`grant ${quote(roleName)} to current_user`)
      await trx.rawQuery(`create schema ${quote(schemaName)} authorization ${quote(roleName)}`)
      await trx.rawQuery(`revoke all on schema ${quote(schemaName)} from public`)
      return Tenant.create(
        {
          slug: input.slug,
          kind: input.kind as TenantKind,
          nameRu: input.nameRu.trim(),
          nameEn: input.nameEn.trim(),
          hosts,
          status: 'active',
          schemaName,
          roleName,
        },
        { client: trx }
      )
    })

    try {
      await new TenantMigrator(tenant).migrate()
      await grantBusAccess(tenant)
    } catch (error) {
      await this.#destroy(tenant).catch(() => {})
      throw new errors.E_PROVISIONING_FAILED(
        `Creating tenant "${input.slug}" failed while migrating (${(error as Error).message}); nothing was kept`,
        { cause: error }
      )
    }

    await recordCentralAudit('tenant.created', tenant.slug, { kind: tenant.kind, hosts })
    await tenantRegistry.announceChange()
    await this.#rebuildRollup()
    return tenant
  }

  async migrate(tenant: Tenant) {
    return (await this.migrateMany([tenant]))[0].applied
  }

  /** Migrates tenants one after another (Lucid's lock is database-wide) with one rollup rebuild at the end. */
  async migrateMany(tenants: Tenant[]) {
    return this.#withoutRollup(async () => {
      const results: { tenant: Tenant; applied: string[] }[] = []
      for (const tenant of tenants) results.push({ tenant, applied: await this.#migrateOne(tenant) })
      return results
    })
  }

  async #migrateOne(tenant: Tenant) {
    const applied = await new TenantMigrator(tenant).migrate()
    // also repairs the bus role's grants of tenants created before the bus existed
    await grantBusAccess(tenant)
    if (applied.length) await recordCentralAudit('tenant.migrated', tenant.slug, { applied })
    return applied
  }

  async rollback(tenant: Tenant) {
    const reverted = await this.#withoutRollup(() => new TenantMigrator(tenant).rollback())
    await recordCentralAudit('tenant.rolled_back', tenant.slug, { reverted })
    return reverted
  }

  /**
   * Migrations may change the tables the rollup views read (PostgreSQL then
   * refuses the change), so the rollup is taken down for the migration and
   * rebuilt after it, whatever the outcome.
   */
  async #withoutRollup<T>(work: () => Promise<T>): Promise<T> {
    await rollupBuilder.drop()
    try {
      return await work()
    } finally {
      await this.#rebuildRollup()
    }
  }

  /** The tenant change stands even if the rollup cannot be rebuilt; `rollup:rebuild` retries. */
  async #rebuildRollup(options: { without?: string[] } = {}) {
    try {
      await rollupBuilder.rebuild(options)
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'rollup rebuild failed; run node ace rollup:rebuild')
    }
  }

  async setStatus(tenant: Tenant, status: 'active' | 'suspended') {
    tenant.status = status
    await tenant.save()
    await recordCentralAudit(status === 'active' ? 'tenant.resumed' : 'tenant.suspended', tenant.slug)
    await tenantRegistry.announceChange()
  }

  /**
   * Writes a pg_dump of the schema, then removes schema, role and row.
   * Returns the path of the backup.
   */
  async drop(tenant: Tenant): Promise<string> {
    const backupPath = await this.backup(tenant)
    // The rollup views read the tenant's tables: rebuild them without it first.
    await rollupBuilder.rebuild({ without: [tenant.slug] })
    await this.#destroy(tenant)
    await recordCentralAudit('tenant.dropped', tenant.slug, { backupPath })
    await tenantRegistry.announceChange()
    return backupPath
  }

  /**
   * A custom-format pg_dump of the tenant's schema (restore with pg_restore).
   */
  async backup(tenant: Tenant): Promise<string> {
    const directory = isAbsolute(settings.backupDir) ? settings.backupDir : app.makePath(settings.backupDir)
    await mkdir(directory, { recursive: true })
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
    const file = join(directory, `${settings.database.name}-${tenant.slug}-${stamp}.dump`)

    const args = [
      '--format=custom',
      `--schema=${tenant.schemaName}`,
      `--file=${file}`,
      `--host=${settings.database.host}`,
      `--port=${settings.database.port}`,
      `--username=${settings.database.user}`,
      '--no-password',
      settings.database.name,
    ]
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(settings.pgDumpPath, args, {
        env: { ...process.env, PGPASSWORD: settings.database.password },
      })
      let output = ''
      child.stderr.on('data', (chunk) => (output += chunk))
      child.on('error', (error) =>
        reject(new errors.E_BACKUP_FAILED(`Cannot run ${settings.pgDumpPath}: ${error.message}`))
      )
      child.on('close', (code) =>
        code === 0
          ? resolve(output)
          : reject(new errors.E_BACKUP_FAILED(`pg_dump failed (exit ${code}): ${output.trim()}; nothing was dropped`))
      )
    })
    const size = (await stat(file)).size
    if (!size) throw new errors.E_BACKUP_FAILED(`pg_dump wrote an empty file ${file}${stderr}; nothing was dropped`)
    return file
  }

  async #destroy(tenant: Tenant) {
    await closeTenantConnection(tenant.slug)
    await db.transaction(async (trx) => {
      await trx.rawQuery(`drop schema if exists ${quote(tenant.schemaName)} cascade`)
      const role = await trx.rawQuery('select 1 from pg_roles where rolname = ?', [tenant.roleName])
      if (role.rowCount) {
        await trx.rawQuery(`drop owned by ${quote(tenant.roleName)}`)
        await trx.rawQuery(`drop role ${quote(tenant.roleName)}`)
      }
      await trx.from('tenants').where('id', tenant.id).delete()
    })
  }
}

export const tenantProvisioner = new TenantProvisioner()
