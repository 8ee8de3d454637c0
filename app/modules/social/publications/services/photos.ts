import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantScope } from '#tenancy/tenant_scope'
import { reencode } from '#modules/problems/services/photos'

/** At most this many photos on one publication. */
export const MAX_PUBLICATION_PHOTOS = 10
/** At most this many photos added to a gallery at once. */
export const MAX_GALLERY_UPLOAD = 10
export const THUMB_SIDE = 400

export interface StoredSocialPhoto {
  storageKey: string
  thumbKey: string
  mimeType: string
  width: number
  height: number
}

/** Photos of the social network live under `tenants/<slug>/social/<folder>/`. */
function prefix(folder: string) {
  return `tenants/${tenantScope.currentOrFail().slug}/social/${folder}/`
}

/**
 * Re-encodes uploaded photos as the problems' photos are (checked by content,
 * upright, ≤ 1600 px, no metadata) plus a small thumbnail, writes both to
 * Drive and hands them to `record`; when `record` throws, the files go again.
 */
export async function storeSocialPhotos<T>(folder: string, files: MultipartFile[], record: (stored: StoredSocialPhoto[]) => Promise<T>) {
  const disk = drive.use()
  const written: StoredSocialPhoto[] = []
  try {
    for (const file of files) {
      const { data, info, format } = await reencode(file.tmpPath!)
      const name = randomUUID()
      const storageKey = `${prefix(folder)}${name}.${format.extname}`
      const thumbKey = `${prefix(folder)}${name}.thumb.webp`
      const thumb = await sharp(data).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer()
      await disk.put(storageKey, data, { contentType: format.mimeType })
      written.push({ storageKey, thumbKey, mimeType: format.mimeType, width: info.width, height: info.height })
      await disk.put(thumbKey, thumb, { contentType: 'image/webp' })
    }
    return await record(written)
  } catch (error) {
    await removeSocialPhotos(written)
    throw error
  }
}

/** Removes photos' files (after their rows are gone). */
export async function removeSocialPhotos(photos: { storageKey: string; thumbKey: string }[]) {
  const disk = drive.use()
  await Promise.all(photos.flatMap((photo) => [photo.storageKey, photo.thumbKey].map((key) => disk.delete(key).catch(() => {}))))
}
