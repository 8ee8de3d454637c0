import logger from '@adonisjs/core/services/logger'
import { rollupBuilder } from '#tenancy/rollup'
import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import Tenant from '#tenancy/tenant'
import { errors } from '#core/errors'
import { recordCentralAudit } from '#core/central_audit'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { TenantMigrator } from '#tenancy/tenant_migrator'
import { closeTenantConnection } from '#tenancy/tenant_connections'
import { ensureBusRole, grantBusAccess } from '#bus/bus_role'
import { adoptSchema, backupTenant, readBackup, restoreSchema } from '#tenancy/tenant_backups'
import {
  assertNoLeftovers,
  dropTenantRoles,
  ensurePlatformRoles,
  ensureTenantRoles,
  revokeBookkeeping,
  secureTenantSchema,
} from '#tenancy/tenant_roles'
import {
  assertValidSlug,
  normalizeHost,
  ownerRoleNameFor,
  roleNameFor,
  schemaNameFor,
  TENANT_KINDS,
  type TenantKind,
} from '#tenancy/naming'

export interface MigrationResult {
  tenant: Tenant
  applied: string[]
  error?: Error
}

export interface NewTenant {
  slug: string
  kind: string
  nameRu: string
  nameEn: string
  hosts?: string[]
}

const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/
/** The registry's name columns are varchar(255). */
const NAME_MAX_LENGTH = 255
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
    for (const [flag, value] of [['--name-ru', input.nameRu], ['--name-en', input.nameEn]] as const) {
      if (!value?.trim()) throw new errors.E_INVALID_TENANT_INPUT('Both --name-ru and --name-en are required')
      if (value.trim().length > NAME_MAX_LENGTH) {
        throw new errors.E_INVALID_TENANT_INPUT(`${flag} is ${value.trim().length} characters long; at most ${NAME_MAX_LENGTH} are allowed`)
      }
    }
    const hosts = [...new Set((input.hosts ?? []).map(normalizeHost))]
    for (const host of hosts) {
      if (!HOST_PATTERN.test(host)) {
        throw new errors.E_INVALID_TENANT_INPUT(`Invalid host "${host}"`)
      }
      tenantRegistry.forget()
      const owner = await tenantRegistry.findByHost(host)
      if (owner && owner.slug !== input.slug) {
        throw new errors.E_INVALID_TENANT_INPUT(`Host "${host}" already serves tenant "${owner.slug}"`)
      }
    }
    return hosts
  }

  /**
   * Creates the tenant: a registry row marked `provisioning` first, then its
   * roles and schema, its migrations (as the owner role) and the runtime
   * role's privileges; only then is it `active`. A failure undoes
   * everything; a process killed half-way leaves a `provisioning` row that
   * is never served, and running create again finishes it.
   */
  async create(input: NewTenant, options: { rebuildRollup?: boolean } = {}): Promise<Tenant> {
    const tenant = await this.#create(input, { platformReady: false })
    // a batch (a region's catalog) rebuilds the rollup once at its end
    if (options.rebuildRollup !== false) await this.#takeIntoRollup(tenant)
    return tenant
  }

  /**
   * A body changes the rollup's views, so they are rebuilt; a control tenant
   * or a portal is taken in without a rebuild once the rollup exists (a
   * rebuild over ~200 bodies takes seconds).
   */
  async #takeIntoRollup(tenant: Tenant) {
    const admitted = await rollupBuilder.admit(tenant).catch((error) => {
      logger.warn({ error: (error as Error).message, tenant: tenant.slug }, 'rollup admit failed; rebuilding')
      return false
    })
    if (!admitted) await this.#rebuildRollup()
  }

  /**
   * Creates a batch of tenants (a region's catalog): the platform roles
   * once, up to `concurrency` tenants side by side (default 2; each migrates
   * under its own lock, on its own schema; most of a creation is waiting for
   * PostgreSQL's DDL, so two overlap well even on two cores), `onCreated`
   * after each, and one rollup rebuild at the end (unless `rebuildRollup`
   * is false: the caller rebuilds it later). A failure stops taking new
   * tenants; those already created stay, the failed one is undone as by
   * `create`, and the first error is thrown once the tenants in flight are
   * done.
   */
  async createMany(
    inputs: NewTenant[],
    options: { concurrency?: number; rebuildRollup?: boolean; onCreated?: (tenant: Tenant) => Promise<unknown> } = {}
  ): Promise<Tenant[]> {
    await rollupBuilder.excluding(() => ensurePlatformRoles())
    await ensureBusRole()
    const created: Tenant[] = []
    const queue = [...inputs]
    let failure: unknown
    const worker = async () => {
      for (let input = queue.shift(); input && failure === undefined; input = queue.shift()) {
        try {
          const tenant = await this.#create(input, { platformReady: true })
          created.push(tenant)
          await options.onCreated?.(tenant)
        } catch (error) {
          failure ??= error
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker))
    } finally {
      if (created.length && options.rebuildRollup !== false) await this.#rebuildRollup()
    }
    if (failure !== undefined) throw failure
    return created
  }

  async #create(input: NewTenant, options: { platformReady: boolean }): Promise<Tenant> {
    const hosts = await this.#validate(input)
    const existing = await Tenant.findBy('slug', input.slug)
    if (existing && existing.status !== 'provisioning') {
      throw new errors.E_TENANT_EXISTS(`Tenant "${input.slug}" already exists`)
    }
    if (existing && existing.kind !== input.kind) {
      throw new errors.E_TENANT_EXISTS(
        `Tenant "${input.slug}" was being provisioned as a ${existing.kind}: finish it with --kind=${existing.kind}, or drop it with "node ace tenant:drop ${input.slug} --force"`
      )
    }
    if (!existing) await assertNoLeftovers(input.slug)

    const tenant =
      existing ??
      (await Tenant.create({
        slug: input.slug,
        kind: input.kind as TenantKind,
        nameRu: input.nameRu.trim(),
        nameEn: input.nameEn.trim(),
        hosts,
        status: 'provisioning',
        schemaName: schemaNameFor(input.slug),
        roleName: roleNameFor(input.slug),
      }))

    try {
      await rollupBuilder.excluding(() => this.#build(tenant, options))
    } catch (error) {
      await this.#destroy(tenant).catch(() => {})
      throw new errors.E_PROVISIONING_FAILED(
        `Creating tenant "${input.slug}" failed while migrating (${(error as Error).message}); nothing was kept`,
        { cause: error }
      )
    }
    tenant.status = 'active'
    await tenant.save()

    await recordCentralAudit(existing ? 'tenant.creation_finished' : 'tenant.created', tenant.slug, { kind: tenant.kind, hosts })
    await tenantRegistry.announceChange()
    return tenant
  }

  /** Rebuilds the rollup over every block and municipality (after a batch of creates). */
  async rebuildRollup() {
    await this.#rebuildRollup()
  }

  /**
   * Roles, schema, migrations and privileges; each step may be repeated.
   * The schema is secured before migrating, so the default privileges reach
   * every table the migrations create; afterwards only Lucid's bookkeeping
   * is taken away from the runtime role.
   */
  async #build(tenant: Tenant, options: { platformReady: boolean }) {
    if (!options.platformReady) await ensurePlatformRoles()
    await ensureTenantRoles(tenant.slug)
    await db.rawQuery(
      `create schema if not exists ${quote(tenant.schemaName)} authorization ${quote(ownerRoleNameFor(tenant.slug))};
       revoke all on schema ${quote(tenant.schemaName)} from public`
    )
    await secureTenantSchema(tenant.slug, { rolesReady: true })
    await new TenantMigrator(tenant).migrate()
    await revokeBookkeeping(tenant.slug)
    await grantBusAccess(tenant)
  }

  /** Migrates one tenant; throws what failed. */
  async migrate(tenant: Tenant) {
    const [result] = await this.migrateMany([tenant])
    if (result.error) throw result.error
    return result.applied
  }

  /**
   * Migrates tenants one after another, going on past a tenant that fails
   * (its error is in its result), with one rollup rebuild at the end.
   */
  async migrateMany(tenants: Tenant[]): Promise<MigrationResult[]> {
    await rollupBuilder.excluding(() => ensurePlatformRoles())
    return this.#withoutRollup(async () => {
      const results: MigrationResult[] = []
      for (const tenant of tenants) {
        try {
          results.push({ tenant, applied: await rollupBuilder.excluding(() => this.#migrateOne(tenant)) })
        } catch (error) {
          logger.error({ tenant: tenant.slug, error: (error as Error).message }, 'tenant migration failed')
          results.push({ tenant, applied: [], error: error as Error })
        }
      }
      return results
    })
  }

  async #migrateOne(tenant: Tenant) {
    // also converts schemas created when the runtime role owned everything (docs/operations.md)
    await secureTenantSchema(tenant.slug)
    const applied = await new TenantMigrator(tenant).migrate()
    await secureTenantSchema(tenant.slug)
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
      // SQLSTATE 53200: the lock table is full (docs/operations.md, "Many tenants on one server")
      const hint = (error as { code?: string }).code === '53200' ? '; raise max_locks_per_transaction' : ''
      logger.error({ error: (error as Error).message }, `rollup rebuild failed${hint}; run node ace rollup:rebuild`)
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

  /** A custom-format pg_dump of the tenant's schema that carries its registry row. */
  async backup(tenant: Tenant): Promise<string> {
    return backupTenant(tenant)
  }

  /**
   * Brings a dropped tenant back from the dump `tenant:drop` wrote: the
   * registry row (from the dump), roles, schema and rows, under its own slug
   * or `as` another one. Refused while the schema it was dumped from exists.
   */
  async restore(file: string, options: { as?: string } = {}): Promise<Tenant> {
    const backedUp = await readBackup(file)
    const slug = options.as ?? backedUp.slug
    assertValidSlug(slug)
    if (await Tenant.findBy('slug', slug)) throw new errors.E_TENANT_EXISTS(`Tenant "${slug}" already exists`)
    const present = await db.rawQuery('select 1 from pg_namespace where nspname = ?', [backedUp.schemaName])
    if (present.rowCount) {
      throw new errors.E_TENANT_EXISTS(
        `Schema ${backedUp.schemaName} still exists: a backup is restored only where its tenant was dropped`
      )
    }
    await assertNoLeftovers(slug)
    const freeHosts: string[] = []
    for (const host of backedUp.hosts) if (!(await tenantRegistry.findByHost(host))) freeHosts.push(host)

    const tenant = await Tenant.create({
      slug,
      kind: backedUp.kind,
      nameRu: backedUp.nameRu,
      nameEn: backedUp.nameEn,
      hosts: freeHosts,
      status: 'provisioning',
      schemaName: schemaNameFor(slug),
      roleName: roleNameFor(slug),
    })
    try {
      await ensurePlatformRoles()
      await ensureTenantRoles(slug)
      await restoreSchema(file)
      if (backedUp.schemaName !== tenant.schemaName) {
        await db.rawQuery(`alter schema ${quote(backedUp.schemaName)} rename to ${quote(tenant.schemaName)}`)
      }
      await adoptSchema(tenant.schemaName, ownerRoleNameFor(slug))
      await secureTenantSchema(slug)
      await new TenantMigrator(tenant).migrate()
      await secureTenantSchema(slug)
      await grantBusAccess(tenant)
    } catch (error) {
      await db.rawQuery(`drop schema if exists ${quote(backedUp.schemaName)} cascade`).catch(() => {})
      await this.#destroy(tenant).catch(() => {})
      throw error
    }
    tenant.status = 'active'
    await tenant.save()
    await recordCentralAudit('tenant.restored', tenant.slug, { file, from: backedUp.slug, hosts: freeHosts })
    await tenantRegistry.announceChange()
    await this.#rebuildRollup()
    return tenant
  }

  async #destroy(tenant: Tenant) {
    await closeTenantConnection(tenant.slug)
    await db.transaction(async (trx) => {
      await trx.rawQuery(`drop schema if exists ${quote(tenant.schemaName)} cascade`)
      await dropTenantRoles(tenant.slug, trx)
      await trx.from('tenants').where('id', tenant.id).delete()
    })
  }
}

export const tenantProvisioner = new TenantProvisioner()
