import sharp from 'sharp'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#tenancy/tenant'
import { tenantDb } from '#tenancy/tenant_model'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import { inTenant } from '#tests/helpers/tenants'
import { portalWithPeople } from '#tests/helpers/problems'
import { SESSION_COOKIE } from '#tests/helpers/http'

/** A portal with the region's municipalities, a moderator, an admin and four citizens. */
export function socialPortal(slug: string) {
  return portalWithPeople(slug, { admin: 'admin', moderator: 'moderator', anna: 'citizen', boris: 'citizen', vera: 'citizen', gleb: 'citizen' })
}

export type SocialPortal = Awaited<ReturnType<typeof socialPortal>>

/** A page's response (HTML) on a host, with a session or without. */
export function pageOf(client: ApiClient, host: string, path: string, session?: string) {
  const request = client.get(path).header('host', host).redirects(0)
  return session ? request.withCookie(SESSION_COOKIE, session) : request
}

/** A verified law-making expert profile for the user, written directly (the law-making module's moderation is tested there). */
export function verifiedExpert(tenant: Tenant, userId: number, organisation = 'КубГУ') {
  return inTenant(tenant, () =>
    ExpertProfile.updateOrCreate(
      { userId },
      { publicName: 'Эксперт', organisation, credentials: 'Кандидат наук', fields: ['transport'] as any, status: 'verified' }
    )
  )
}

/** One row of a table in the tenant (or null). */
export function rowOf(tenant: Tenant, table: string, where: Record<string, unknown>) {
  return inTenant(tenant, async () => (await tenantDb().from(table).where(where).first()) ?? null)
}

/** A JPEG with EXIF (camera, owner) of the given size. */
export function jpegWithExif(width = 800, height = 600) {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg({ quality: 70 })
    .withExif({ IFD0: { Make: 'SpyCam', Artist: 'Ivan Petrov', Copyright: 'Ivan Petrov' } })
    .toBuffer()
}

/**
 * A PNG whose header claims 30 000 × 30 000 pixels (900 megapixels) with almost no data:
 * a "decompression bomb" that must be refused before anything decodes it.
 */
export async function hugePng() {
  const small = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer()
  const bytes = Buffer.from(small)
  // IHDR starts at byte 8 (length) + 4 (type): width and height are the next 8 bytes; fix its CRC after
  bytes.writeUInt32BE(30_000, 16)
  bytes.writeUInt32BE(30_000, 20)
  const { crc32 } = await import('node:zlib')
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)) >>> 0, 29)
  return bytes
}
