import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { tenantScope } from '#tenancy/tenant_scope'
import { sniffPhoto } from '#modules/problems/services/photos'

/** An avatar is shown at most this big (a square, in CSS pixels ×2 for dense screens). */
export const AVATAR_SIDE = 256
export const AVATAR_MAX_MB = 5
/** More pixels than any camera takes: a "decompression bomb" is refused before it is decoded. */
export const AVATAR_MAX_PIXELS = 40_000_000

/**
 * Why an uploaded file cannot be an avatar, or null when it can: its bytes
 * must be a JPEG, PNG or WebP image that decodes to the end (the problems'
 * photo check), of a sane size in pixels.
 */
export async function avatarProblem(path: string): Promise<'not_image' | 'too_large' | null> {
  try {
    // the header only (nothing decoded): sharp's own pixel limit would hide why the file is refused
    const meta = await sharp(path, { limitInputPixels: false }).metadata()
    if ((meta.width ?? 0) * (meta.height ?? 0) > AVATAR_MAX_PIXELS) return 'too_large'
  } catch {
    return 'not_image'
  }
  return (await sniffPhoto(path)) ? null : 'not_image'
}

/**
 * Re-encodes an avatar as a square WebP of AVATAR_SIDE pixels, turned upright
 * by its EXIF orientation, without any metadata (sharp writes none unless
 * asked), and stores it on Drive under the tenant's own prefix.
 */
export async function storeAvatar(path: string) {
  const data = await sharp(path, { failOn: 'error', limitInputPixels: AVATAR_MAX_PIXELS })
    .rotate()
    .resize({ width: AVATAR_SIDE, height: AVATAR_SIDE, fit: 'cover' })
    .webp({ quality: 82 })
    .toBuffer()
  const key = `tenants/${tenantScope.currentOrFail().slug}/social/avatars/${randomUUID()}.webp`
  await drive.use().put(key, data, { contentType: 'image/webp' })
  return key
}

export async function deleteAvatar(key: string | null | undefined) {
  if (key) await drive.use().delete(key).catch(() => {})
}

export async function avatarBytes(key: string) {
  return Buffer.from(await drive.use().getBytes(key))
}
