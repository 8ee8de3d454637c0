import { settings } from '#core/settings'
import { errors } from '#core/errors'

export const TENANT_KINDS = ['block', 'control', 'portal', 'municipality'] as const
export type TenantKind = (typeof TENANT_KINDS)[number]

/**
 * Governing bodies: a vice-governor's block or a municipal administration.
 * They answer orders and citizens' problems and are summed up in the rollup.
 */
export const BODY_KINDS = ['block', 'municipality'] as const satisfies readonly TenantKind[]
/** Tenants whose users are civil servants (the bodies and the Department of Control). */
export const STAFF_KINDS = ['block', 'municipality', 'control'] as const satisfies readonly TenantKind[]

export function isBodyKind(kind: string): kind is (typeof BODY_KINDS)[number] {
  return (BODY_KINDS as readonly string[]).includes(kind)
}

/**
 * Host names cannot hold "_" and slugs cannot hold "-" (they name schemas and
 * roles): a host label's "-" stands for the slug's "_" (goryachy-klyuch ↔ goryachy_klyuch).
 */
export function slugFromHostLabel(label: string) {
  return label.replace(/-/g, '_')
}

export function hostLabelFor(slug: string) {
  return slug.replace(/_/g, '-')
}

/** The slug of a catalog code such as a municipality's `goryachy-klyuch`. */
export function slugFromCode(code: string) {
  return slugFromHostLabel(code.trim().toLowerCase())
}

/** `provisioning`: created in the registry, not yet fully migrated; never served. */
export const TENANT_STATUSES = ['provisioning', 'active', 'suspended'] as const
export type TenantStatus = (typeof TENANT_STATUSES)[number]

const SLUG_PATTERN = /^[a-z][a-z0-9_]{1,30}$/

/**
 * Slugs that would shadow infrastructure host names or database objects.
 */
export const RESERVED_SLUGS = new Set([
  'www', 'api', 'admin', 'central', 'public', 'static', 'assets', 'cdn', 'mail', 'smtp', 'ftp',
  'app', 'apps', 'auth', 'login', 'root', 'postgres', 'pg', 'redis', 'system', 'support', 'status',
  'health', 'metrics', 'docs', 'help', 'bus', 'rollup', 'test', 'localhost', 'information_schema',
])

/**
 * Throws a readable error unless the slug may name a tenant.
 */
export function assertValidSlug(slug: string) {
  if (!SLUG_PATTERN.test(slug)) {
    throw new errors.E_INVALID_SLUG(
      `Invalid tenant slug "${slug}": use 2-31 characters, a lowercase letter first, then lowercase letters, digits or "_"`
    )
  }
  if (RESERVED_SLUGS.has(slug)) {
    throw new errors.E_RESERVED_SLUG(`Tenant slug "${slug}" is reserved`)
  }
}

export function schemaNameFor(slug: string) {
  return `tenant_${slug}`
}

/**
 * Database roles are cluster-wide, so their names start with the database
 * name: the development and test databases on one server never collide.
 */
export function rolePrefix() {
  return `${settings.database.name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}__`
}

/** The tenant's runtime role: what requests and jobs run as; reads and writes rows, owns nothing. */
export function roleNameFor(slug: string) {
  return `${rolePrefix()}t_${slug}`
}

/** The tenant's owner role: owns its schema and objects; used only by the provisioner and migrations. */
export function ownerRoleNameFor(slug: string) {
  return `${rolePrefix()}o_${slug}`
}

export function busRoleName() {
  return `${rolePrefix()}bus`
}

/** The login of the runtime pool: no privileges of its own, it may only switch to runtime roles. */
export function runtimeLoginName() {
  return `${rolePrefix()}app`
}

/**
 * Lower-cases and strips the port from a Host header value.
 */
export function normalizeHost(host: string) {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '')
}
