import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BusPayloads } from '#bus/message_types'
import OfficialAccount from '#modules/social/profiles/models/official_account'

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
