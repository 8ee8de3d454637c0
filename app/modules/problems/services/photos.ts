import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import env from '#start/env'
import { tenantScope } from '#tenancy/tenant_scope'

/** Formats accepted, as sharp names them after reading the bytes. */
const FORMATS: Record<string, { mimeType: string; extname: string }> = {
  jpeg: { mimeType: 'image/jpeg', extname: 'jpg' },
  png: { mimeType: 'image/png', extname: 'png' },
  webp: { mimeType: 'image/webp', extname: 'webp' },
}

export const MAX_PHOTOS = 5
export const MAX_PHOTO_SIDE = 1600

export function photoMaxMb() {
  return env.get('PROBLEMS_PHOTO_MAX_MB') ?? 10
}

export interface StoredPhoto {
  key: string
  mimeType: string
  width: number
  height: number
  size: number
}

/**
 * The real image format of a file by its content; null when it is not a
 * JPEG, PNG or WebP image or cannot be decoded to the end (a truncated or
 * damaged file passes a look at its header but not a full decode).
 */
export async function sniffPhoto(path: string) {
  try {
    const meta = await sharp(path).metadata()
    if (!FORMATS[meta.format ?? '']) return null
    await sharp(path, { failOn: 'truncated' }).resize({ width: 64, height: 64, fit: 'inside' }).raw().toBuffer()
    return meta.format!
  } catch {
    return null
  }
}

/**
 * Re-encodes an uploaded photo in its own format: turned upright by its EXIF
 * orientation, at most 1600 px a side, without any metadata (sharp writes
 * none unless asked: no GPS position, camera or owner reaches the public).
 */
export async function reencode(input: string | Buffer) {
  const image = sharp(input, { failOn: 'error' }).rotate()
  const meta = await sharp(input).metadata()
  const format = FORMATS[meta.format ?? '']
  if (!format) throw new Error('not a photo')
  const resized = image.resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
  const encoded =
    meta.format === 'png' ? resized.png({ compressionLevel: 9 }) : meta.format === 'webp' ? resized.webp({ quality: 82 }) : resized.jpeg({ quality: 82, mozjpeg: true })
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
  return { data, info, format }
}

/** Photos of the current tenant live under `tenants/<slug>/problems/<folder>/`. */
export function photoPrefix(folder: string, slug = tenantScope.currentOrFail().slug) {
  return `tenants/${slug}/problems/${folder}/`
}

/**
 * Processes uploaded photos and writes them to Drive. When `record` throws,
 * the written files are removed again.
 */
export async function storePhotos<T>(folder: string, files: MultipartFile[], record: (stored: StoredPhoto[]) => Promise<T>) {
  const disk = drive.use()
  const written: StoredPhoto[] = []
  try {
    for (const file of files) {
      const { data, info, format } = await reencode(file.tmpPath!)
      const key = `${photoPrefix(folder)}${randomUUID()}.${format.extname}`
      await disk.put(key, data, { contentType: format.mimeType })
      written.push({ key, mimeType: format.mimeType, width: info.width, height: info.height, size: data.length })
    }
    return await record(written)
  } catch (error) {
    await Promise.all(written.map(({ key }) => disk.delete(key).catch(() => {})))
    throw error
  }
}

/**
 * Copies photos another tenant named in a bus message into this tenant's
 * folder. Only keys under the sender's own prefix are accepted: a tenant
 * cannot make another one copy a third tenant's files.
 */
export async function copyPhotosFrom(sender: string, folder: string, photos: { key: string; mimeType: string }[]) {
  const disk = drive.use()
  const allowed = `tenants/${sender}/problems/`
  const copies: { key: string; mimeType: string; width: number; height: number; size: number }[] = []
  for (const photo of photos) {
    if (!photo.key.startsWith(allowed) || photo.key.includes('..')) throw new Error(`Photo key outside ${allowed}`)
    const key = `${photoPrefix(folder)}${photo.key.split('/').pop()}`
    if (!(await disk.exists(key))) await disk.copy(photo.key, key)
    const bytes = Buffer.from(await disk.getBytes(key))
    const meta = await sharp(bytes).metadata()
    copies.push({ key, mimeType: photo.mimeType, width: meta.width ?? 0, height: meta.height ?? 0, size: bytes.length })
  }
  return copies
}
