import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { isBodyKind } from '#tenancy/naming'
import type { BusPayloads } from '#bus/message_types'
import KnownBody from '#modules/identity/models/known_body'
import KnownDepartment from '#modules/identity/models/known_department'

/**
 * The directory of bodies: every body (block or municipality) tells the
 * portal which departments it has, whether each is active and whether
 * anybody works in it. The portal routes citizens' problems from its own
 * copy (known_bodies, known_departments) and never reads a body's schema.
 */

/**
 * The tenants that keep a directory: the portal (it routes citizens' problems)
 * and the blocks (they may give orders to municipal departments).
 */
export const DIRECTORY_KEEPERS = ['portal', 'block'] as const

async function keepers(self: string) {
  return (await tenantRegistry.active()).filter((tenant) => (DIRECTORY_KEEPERS as readonly string[]).includes(tenant.kind) && tenant.slug !== self)
}

/**
 * Sends the current tenant's departments to every directory keeper, inside `trx` (the
 * transaction of the change) or a transaction of its own. Does nothing in a
 * tenant that is not a body. Returns the number of tenants addressed.
 */
export async function publishDirectory(trx?: TransactionClientContract): Promise<number> {
  const tenant = tenantScope.currentOrFail()
  if (!isBodyKind(tenant.kind)) return 0
  if (!trx) return tenantDb().transaction((own) => publishDirectory(own))
  const targets = await keepers(tenant.slug)
  if (!targets.length) return 0
  const rows = await trx
    .from('departments as d')
    .select('d.code', 'd.name_ru', 'd.name_en', 'd.is_active')
    .select(trx.raw(`exists (select 1 from users u where u.department_id = d.id and u.status = 'active') as staffed`))
    .orderBy('d.code')
  const payload: BusPayloads['directory.published'] = {
    body: { slug: tenant.slug, kind: tenant.kind, nameRu: tenant.nameRu, nameEn: tenant.nameEn },
    publishedAt: DateTime.now().toISO()!,
    departments: rows.map((row: any) => ({ code: row.code, nameRu: row.name_ru, nameEn: row.name_en, isActive: row.is_active, staffed: row.staffed })),
  }
  await bus.sendMany(trx, targets.map((keeper) => ({ to: keeper.slug, type: 'directory.published' as const, payload })))
  return targets.length
}

/**
 * The portal takes a body's publication: replaces what it knew of that body,
 * unless it already holds a newer one. `sender` is the relay's word for who
 * sent it (its registry kind is checked by the handler), never the payload's.
 */
export async function storeDirectory(trx: TransactionClientContract, sender: { slug: string; kind: 'block' | 'municipality' }, facts: BusPayloads['directory.published']) {
  const publishedAt = DateTime.fromISO(facts.publishedAt)
  const known = await KnownBody.query({ client: trx }).where('slug', sender.slug).forUpdate().first()
  if (known && known.publishedAt >= publishedAt) return false
  const fields = { kind: sender.kind, nameRu: facts.body.nameRu, nameEn: facts.body.nameEn, publishedAt }
  if (known) {
    known.merge(fields)
    await known.useTransaction(trx).save()
  } else {
    await KnownBody.create({ slug: sender.slug, ...fields }, { client: trx })
  }
  await KnownDepartment.query({ client: trx }).where('body_slug', sender.slug).delete()
  if (facts.departments.length) {
    await KnownDepartment.createMany(
      facts.departments.map((department) => ({
        bodySlug: sender.slug,
        code: department.code,
        nameRu: department.nameRu,
        nameEn: department.nameEn,
        isActive: department.isActive,
        staffed: department.staffed,
      })),
      { client: trx }
    )
  }
  return true
}
