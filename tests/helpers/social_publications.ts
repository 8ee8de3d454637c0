import type { ApiClient } from '@japa/api-client'
import sharp from 'sharp'
import type Tenant from '#tenancy/tenant'
import type User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import { SavePublication, type PublicationInput } from '#modules/social/publications/actions/save_publication'
import { addComment } from '#modules/social/publications/actions/comment'
import Publication from '#modules/social/publications/models/publication'
import { inTenant } from '#tests/helpers/tenants'
import { portalWithPeople, postMultipart, type UploadField } from '#tests/helpers/problems'

/** A portal with municipalities, a moderator, an expert and three citizens (sign in with TEST_PASSWORD). */
export function publicationsPortal(slug: string) {
  return portalWithPeople(slug, { moderator: 'moderator', expert: 'expert', anna: 'citizen', boris: 'citizen', vera: 'citizen' })
}

export type PublicationsPortal = Awaited<ReturnType<typeof publicationsPortal>>

const t = (key: string) => key

/** A publication written directly (no HTTP), by `author`. */
export function publish(tenant: Tenant, author: User, input: Partial<PublicationInput> & { title: string }) {
  return inTenant(tenant, () => new SavePublication().handle(author, { body: `${input.title}: текст публикации.`, subjectCode: 'transport', ...input }, t))
}

export function comment(tenant: Tenant, author: User, publication: Publication, body: string, parentId?: number) {
  return inTenant(tenant, () => addComment(author, publication, { body, parentId }, t))
}

export function follow(tenant: Tenant, follower: User, targetType: 'user' | 'organisation' | 'subject' | 'municipality', targetKey: string | number) {
  return inTenant(tenant, () =>
    tenantDb()
      .insertQuery()
      .table('social_follows')
      .insert({ follower_id: follower.id, target_type: targetType, target_key: String(targetKey), created_at: clockDate() })
      .onConflict(['follower_id', 'target_type', 'target_key'])
      .ignore()
  )
}

export function hideInDb(tenant: Tenant, table: 'social_publications' | 'social_comments' | 'social_gallery_photos', id: number, hidden = true) {
  return inTenant(tenant, () => tenantDb().from(table).where('id', id).update({ hidden_at: hidden ? clockDate() : null }))
}

export function publicationById(tenant: Tenant, id: number) {
  return inTenant(tenant, () => Publication.find(id))
}

/** A small real photo (PNG or JPEG) of a given colour. */
export function smallPhoto(format: 'png' | 'jpeg' = 'png', background = '#3366aa') {
  const image = sharp({ create: { width: 320, height: 200, channels: 3, background } })
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer()
}

/** Posts a (multipart) form as JSON from a page: answers with the status and body the server gives a script. */
export function postJsonMultipart(
  client: ApiClient,
  host: string,
  session: string,
  pagePath: string,
  action: string,
  fields: Record<string, string | string[]>,
  files: UploadField[] = [],
  locale?: 'ru' | 'en'
) {
  return postMultipart(client, host, session, pagePath, action, fields, files, { json: true, locale })
}
