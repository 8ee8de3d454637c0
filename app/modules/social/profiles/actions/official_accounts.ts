import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { bus } from '#bus/bus'
import type { BusPayloads } from '#bus/message_types'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { tenantRegistry } from '#tenancy/tenant_registry'
import { recordAudit, type Actor } from '#core/audit'
import type User from '#modules/identity/models/user'
import OfficialAccount from '#modules/social/profiles/models/official_account'

/** A body's own official account as its admin last saved it (null before the first save). */
export async function bodyAccount() {
  return (await tenantDb().from('social_body_account').where('id', 1).first()) ?? null
}

/**
 * A body's admin saves its official account and publishes it to every
 * portal, in the transaction of the change (the bus delivers it exactly
 * once). The name is always the body's own; only the about text is written.
 */
export async function publishOfficialAccount(admin: User, about: string, actor: Actor) {
  const body = tenantScope.currentOrFail()
  const portals = (await tenantRegistry.active()).filter((tenant) => tenant.kind === 'portal')
  const publishedAt = DateTime.now()
  await tenantDb().transaction(async (trx) => {
    await trx
      .insertQuery()
      .table('social_body_account')
      .insert({ id: 1, about, updated_by: admin.id, published_at: publishedAt.toJSDate(), updated_at: publishedAt.toJSDate() })
      .onConflict('id')
      .merge()
    const payload: BusPayloads['social.official_account_published'] = { body: { nameRu: body.nameRu, nameEn: body.nameEn }, about, publishedAt: publishedAt.toISO()! }
    await bus.sendMany(trx, portals.map((portal) => ({ to: portal.slug, type: 'social.official_account_published' as const, payload })))
    await recordAudit(actor, 'social.official_account_published', { type: 'social_body_account', id: 1 }, { portals: portals.map((portal) => portal.slug) }, trx)
  })
  return portals.length
}

/**
 * The portal takes a body's official account: creates its portal user (no
 * password: it never signs in here), profile and official badge the first
 * time, updates them later — unless it already holds a newer publication.
 * `sender` is the relay's word for the body (never the payload's).
 */
export async function storeOfficialAccount(trx: TransactionClientContract, sender: { slug: string; kind: 'block' | 'municipality' }, facts: BusPayloads['social.official_account_published']) {
  const publishedAt = DateTime.fromISO(facts.publishedAt)
  const now = new Date()
  const known = await OfficialAccount.query({ client: trx }).where('body_slug', sender.slug).forUpdate().first()
  if (known && known.publishedAt >= publishedAt) return false
  let userId = known?.userId
  if (!userId) {
    const [user] = await trx
      .insertQuery()
      .table('users')
      .insert({ email: `official-${sender.slug}@official.invalid`, full_name: facts.body.nameRu, password: null, role: 'citizen', status: 'active', created_at: now, updated_at: now })
      .returning('id')
    userId = Number(user.id ?? user)
    await OfficialAccount.create({ userId, bodySlug: sender.slug, bodyKind: sender.kind, nameRu: facts.body.nameRu, nameEn: facts.body.nameEn, publishedAt }, { client: trx })
  } else {
    known!.merge({ bodyKind: sender.kind, nameRu: facts.body.nameRu, nameEn: facts.body.nameEn, publishedAt })
    await known!.useTransaction(trx).save()
    await trx.from('users').where('id', userId).update({ full_name: facts.body.nameRu, updated_at: now })
  }
  await trx
    .insertQuery()
    .table('social_profiles')
    .insert({ user_id: userId, display_name: facts.body.nameRu.slice(0, 120), about: facts.about || null, interests: [], created_at: now, updated_at: now })
    .onConflict('user_id')
    .merge(['display_name', 'about', 'updated_at'])
  return true
}
