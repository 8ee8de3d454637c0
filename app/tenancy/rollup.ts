import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import pg from 'pg'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import Tenant from '#tenancy/tenant'
import { BODY_KINDS, isBodyKind, rolePrefix } from '#tenancy/naming'
import { settings } from '#core/settings'
import { setRegionTodayFor } from '#core/region_time'
import { modules } from '#modules/main'
import type { RollupAggregate, RollupSource, RollupView } from '#core/module_manifest'

export const ROLLUP_SCHEMA = 'rollup'
/** Serialises rebuilds and refreshes across processes. */
const LOCK_KEY = 'krai:rollup'

/** Owner of the rollup schema: may read exactly the declared tables of every block. */
export function rollupRoleName() {
  return `${rolePrefix()}rollup`
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`

/** The bodies a rollup covers, as a short fingerprint kept in the schema's comment. */
function coverageOf(bodies: Pick<Tenant, 'slug'>[]) {
  return `bodies:${createHash('sha256').update(bodies.map((body) => body.slug).sort().join(',')).digest('hex').slice(0, 32)}`
}

/** A view's rows of one tenant table; `empty` keeps only the column types. */
function branch(view: RollupView, tenant: Tenant, options: { empty?: boolean; as?: string } = {}) {
  const block = options.as ?? (options.empty ? null : tenant.slug)
  // `{schema}.<table>` in a column reads another declared table of the same tenant (e.g. the order's privacy)
  const columns = view.columns.map((column) => column.replaceAll('{schema}', quote(tenant.schemaName)))
  return `select ${block === null ? 'null' : literal(block)}::text as block, ${columns.join(', ')} from ${quote(tenant.schemaName)}.${quote(view.from)} t${options.empty ? ' where false' : ''}`
}

class MissingSource extends Error {}

function declaredViews(): RollupView[] {
  return modules.flatMap((module) => module.rollup ?? [])
}

function declaredAggregates(): RollupAggregate[] {
  return modules.flatMap((module) => module.rollupAggregates ?? [])
}

/**
 * The control tenant reads the blocks only through the `rollup` schema:
 * views with explicit columns over every block tenant's tables (declared by
 * the modules), and materialized aggregates for the heavy dashboards. The
 * views are owned by a dedicated role that may read just those tables; the
 * control tenants' roles may read the rollup schema and nothing of a block.
 * The schema is rebuilt whenever bodies are created, and whenever tenants are
 * dropped or migrated; a new control tenant is only granted reading (`admit`).
 */
export class RollupBuilder {
  async #lock(trx: TransactionClientContract) {
    await trx.rawQuery('select pg_advisory_xact_lock(hashtext(?))', [LOCK_KEY])
  }

  /**
   * Runs `work` that grants on a tenant's schema or on the database (a
   * tenant's creation or migration) while no rebuild or refresh runs:
   * PostgreSQL refuses two concurrent GRANTs on one catalog row ("tuple
   * concurrently updated"), and a rebuild grants on every body's schema and
   * on the database. Such works share the lock with each other (a batch
   * creates tenants side by side); the rollup's exclusive lock waits for
   * them, and they for it. `work` must not rebuild the rollup itself.
   */
  async excluding<T>(work: () => Promise<T>): Promise<T> {
    // a connection of its own, not a pooled one: the work itself draws on the pools
    const database = settings.database
    const client = new pg.Client({ host: database.host, port: database.port, user: database.user, password: database.password, database: database.name })
    client.on('error', () => {})
    await client.connect()
    try {
      await client.query('select pg_advisory_lock_shared(hashtext($1))', [LOCK_KEY])
      return await work()
    } finally {
      await client.end().catch(() => {})
    }
  }

  /** Recreates every view and aggregate over the block tenants, leaving out `without` (a tenant about to be dropped). */
  async rebuild(options: { without?: string[] } = {}) {
    const tenants = (await Tenant.query().whereIn('kind', [...BODY_KINDS, 'control']).orderBy('slug')).filter(
      (tenant) => !options.without?.includes(tenant.slug)
    )
    // the bodies: blocks and municipalities (their rows carry the slug in `block`)
    const blocks = tenants.filter((tenant) => isBodyKind(tenant.kind))
    const controls = tenants.filter((tenant) => tenant.kind === 'control')
    const role = rollupRoleName()
    const startedAt = performance.now()

    await db.transaction(async (trx) => {
      await this.#lock(trx)
      // the aggregates' "today" (REGION_TODAY_SQL) is the region's, by the platform's clock
      await setRegionTodayFor(trx)
      // As in refresh(): the estimates over the union-all views would make JIT compile for seconds.
      await trx.rawQuery('set local jit = off')
      const existing = await trx.rawQuery('select 1 from pg_roles where rolname = ?', [role])
      if (!existing.rowCount) await trx.rawQuery(`create role ${quote(role)} nologin noinherit`)
      // REFRESH ... CONCURRENTLY runs as the views' owner and diffs through a temporary table;
      // temporary objects are otherwise revoked from everyone (tenant_roles.ts).
      await trx.rawQuery(`grant temporary on database ${quote(settings.database.name)} to ${quote(role)}`)
      await trx.rawQuery(`drop schema if exists ${ROLLUP_SCHEMA} cascade`)
      await trx.rawQuery(`create schema ${ROLLUP_SCHEMA} authorization ${quote(role)}`)
      await trx.rawQuery(`revoke all on schema ${ROLLUP_SCHEMA} from public`)

      // Which declared tables each tenant has (a module may be newer than a tenant's migrations).
      const views = declaredViews()
      const found = await trx.rawQuery(
        `select table_schema, table_name from information_schema.tables where table_schema = any(?) and table_name = any(?)`,
        [tenants.map((tenant) => tenant.schemaName), [...new Set(views.map((view) => view.from))]]
      )
      const has = new Set(found.rows.map((row: { table_schema: string; table_name: string }) => `${row.table_schema}.${row.table_name}`))
      const hasTable = (tenant: Tenant, table: string) => has.has(`${tenant.schemaName}.${table}`)

      // Grants first, one statement per tenant: the role reads exactly the declared tables.
      const readers = new Map<Tenant, Set<string>>()
      const plans = views.map((view) => {
        const sources = blocks.filter((block) => hasTable(block, view.from))
        // Without blocks the view still exists, empty, typed after any tenant that has the table.
        const template = sources.length ? null : (tenants.find((tenant) => hasTable(tenant, view.from)) ?? null)
        for (const tenant of template ? [template] : sources) {
          if (!readers.has(tenant)) readers.set(tenant, new Set())
          readers.get(tenant)!.add(view.from)
          for (const table of view.reads ?? []) readers.get(tenant)!.add(table)
        }
        return { view, sources, template }
      })
      for (const [tenant, tables] of readers) {
        const schema = quote(tenant.schemaName)
        await trx.rawQuery(`grant usage on schema ${schema} to ${quote(role)}`)
        await trx.rawQuery(`grant select on ${[...tables].map((table) => `${schema}.${quote(table)}`).join(', ')} to ${quote(role)}`)
      }

      const built = new Set<string>()
      await trx.rawQuery(`set local role ${quote(role)}`)
      for (const { view, sources, template } of plans) {
        if (!sources.length && !template) continue
        const branches = sources.length ? sources.map((source) => branch(view, source)) : [branch(view, template!, { empty: true })]
        await trx.rawQuery(`create view ${ROLLUP_SCHEMA}.${quote(view.name)} as ${branches.join('\nunion all\n')}`)
        built.add(view.name)
      }

      // One block's rows of a view, from its own table (typed after the template if it lacks the table).
      const source: RollupSource = (slug, name) => {
        const plan = plans.find((candidate) => candidate.view.name === name)
        const block = blocks.find((candidate) => candidate.slug === slug)
        if (!plan || !block || !built.has(name)) throw new MissingSource(name)
        const reads = plan.sources.includes(block)
        return `(${branch(plan.view, reads ? block : (plan.template ?? plan.sources[0]), { empty: !reads, as: slug })})`
      }
      await trx.rawQuery('reset role')

      await trx.rawQuery(`set local role ${quote(role)}`)
      await trx.rawQuery(`create table ${ROLLUP_SCHEMA}.freshness (name text primary key, refreshed_at timestamptz not null)`)
      for (const aggregate of declaredAggregates()) {
        let sql: string
        try {
          sql = typeof aggregate.sql === 'function' ? aggregate.sql(blocks.map((block) => block.slug), source) : aggregate.sql
        } catch (error) {
          if (error instanceof MissingSource) continue
          throw error
        }
        const needs = [...sql.matchAll(/rollup\.(\w+)/g)].map((match) => match[1])
        if (!needs.every((name) => built.has(name))) continue
        await trx.rawQuery(`create materialized view ${ROLLUP_SCHEMA}.${quote(aggregate.name)} as ${sql}`)
        await trx.rawQuery(
          `create unique index ${quote(`${aggregate.name}_unique`)} on ${ROLLUP_SCHEMA}.${quote(aggregate.name)} (${aggregate.uniqueBy.map(quote).join(', ')})`
        )
        await trx.rawQuery(`insert into ${ROLLUP_SCHEMA}.freshness values (?, now())`, [aggregate.name])
      }
      await trx.rawQuery('reset role')

      // One grant for all control roles: each GRANT rewrites every view's ACL, and a GRANT per
      // control tenant cost ~0.3 s each with 200 bodies in the views.
      if (controls.length) await this.#grantReaders(trx, controls)
      await trx.rawQuery(`comment on schema ${ROLLUP_SCHEMA} is ${literal(coverageOf(blocks))}`)
    })
    const ms = Math.round(performance.now() - startedAt)
    logger.info({ blocks: blocks.length, controls: controls.length, ms }, 'rollup rebuilt')
  }

  /**
   * Rebuilds the rollup when the bodies it covers are not the registry's
   * (a batch created with `rebuildRollup: false`, a rebuild that failed).
   * Returns whether it rebuilt. The scheduled refresh starts with it.
   */
  async rebuildIfStale(): Promise<boolean> {
    const bodies = await Tenant.query().whereIn('kind', [...BODY_KINDS]).select('slug')
    const current = await db.rawQuery(`select obj_description(oid, 'pg_namespace') as coverage from pg_namespace where nspname = ?`, [ROLLUP_SCHEMA])
    if (current.rows[0]?.coverage === coverageOf(bodies)) return false
    await this.rebuild()
    return true
  }

  /**
   * Takes a new tenant that is not a body into the rollup without rebuilding
   * it: the views and aggregates read only bodies, so a control tenant just
   * gets its read grants and a portal nothing. Returns false (the caller
   * rebuilds) unless every declared view is already there, the case where a
   * rebuild would produce the same rollup.
   */
  async admit(tenant: Pick<Tenant, 'kind' | 'roleName'>): Promise<boolean> {
    if (isBodyKind(tenant.kind)) return false
    return db.transaction(async (trx) => {
      await this.#lock(trx)
      const present = await trx.rawQuery(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('v', 'r')`,
        [ROLLUP_SCHEMA]
      )
      const names = new Set(present.rows.map((row: { name: string }) => row.name))
      if (!names.has('freshness') || !declaredViews().every((view) => names.has(view.name))) return false
      if (tenant.kind === 'control') await this.#grantReaders(trx, [tenant])
      return true
    })
  }

  /** Lets control tenants' roles read (only read) the rollup schema. */
  async #grantReaders(trx: TransactionClientContract, controls: Pick<Tenant, 'roleName'>[]) {
    const roles = controls.map((control) => quote(control.roleName)).join(', ')
    await trx.rawQuery(`grant usage on schema ${ROLLUP_SCHEMA} to ${roles}`)
    await trx.rawQuery(`grant select on all tables in schema ${ROLLUP_SCHEMA} to ${roles}`)
  }

  /** Removes the rollup (before migrations that may change the tables it reads). */
  async drop() {
    await db.transaction(async (trx) => {
      await this.#lock(trx)
      await trx.rawQuery(`drop schema if exists ${ROLLUP_SCHEMA} cascade`)
    })
  }

  /**
   * Refreshes the materialized aggregates without blocking readers: every
   * one, or with `dueOnly` (the schedule) those whose `refreshEverySeconds`
   * has passed since their last refresh. Returns the names refreshed.
   */
  async refresh(options: { dueOnly?: boolean } = {}): Promise<string[]> {
    await this.rebuildIfStale()
    const intervals = new Map(declaredAggregates().map((aggregate) => [aggregate.name, aggregate.refreshEverySeconds ?? 0]))
    return db.transaction(async (trx) => {
      await this.#lock(trx)
      await setRegionTodayFor(trx)
      const present = await trx.rawQuery(
        `select m.matviewname as name, extract(epoch from now() - f.refreshed_at)::float as age
           from pg_matviews m left join ${ROLLUP_SCHEMA}.freshness f on f.name = m.matviewname
          where m.schemaname = ? order by m.matviewname`,
        [ROLLUP_SCHEMA]
      )
      const names: string[] = present.rows
        .filter((row: { name: string; age: number | null }) => !options.dueOnly || row.age === null || row.age >= (intervals.get(row.name) ?? 0) - 1)
        .map((row: { name: string }) => row.name)
      // The planner's estimates over the union-all views are far too high and make JIT compile for
      // seconds; the refresh is cheaper without it (bench/rollup.ts).
      await trx.rawQuery('set local jit = off')
      for (const name of names) {
        await trx.rawQuery(`refresh materialized view concurrently ${ROLLUP_SCHEMA}.${quote(name)}`)
        await trx.rawQuery(
          `insert into ${ROLLUP_SCHEMA}.freshness values (?, now()) on conflict (name) do update set refreshed_at = excluded.refreshed_at`,
          [name]
        )
      }
      return names
    })
  }
}

export const rollupBuilder = new RollupBuilder()
