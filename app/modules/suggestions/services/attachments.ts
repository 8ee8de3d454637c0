import { randomUUID } from 'node:crypto'
import { open, readFile, stat } from 'node:fs/promises'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantScope } from '#tenancy/tenant_scope'
import { MAX_PHOTO_SIDE, sniffPhoto } from '#modules/problems/services/photos'

export const MAX_ATTACHMENTS = 5
export const MAX_ATTACHMENT_MB = 10

const IMAGE_TYPES: Record<string, { mimeType: string; extname: string }> = {
  jpeg: { mimeType: 'image/jpeg', extname: 'jpg' },
  png: { mimeType: 'image/png', extname: 'png' },
  webp: { mimeType: 'image/webp', extname: 'webp' },
}

/** Active content a PDF viewer would run or unpack: such a file is refused. */
const PDF_ACTIVE = [/\/JavaScript\b/, /\/JS\b/, /\/Launch\b/, /\/EmbeddedFile\b/, /\/RichMedia\b/]

/**
 * A PDF by its bytes: the header, an end-of-file marker near the end, and
 * nothing a viewer would run (scripts, launch actions, embedded files).
 */
export async function isSafePdf(path: string) {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(8)
    await handle.read(head, 0, 8, 0)
    if (!head.toString('latin1').startsWith('%PDF-')) return false
  } finally {
    await handle.close()
  }
  const bytes = await readFile(path)
  if (!bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1').includes('%%EOF')) return false
  const text = bytes.toString('latin1')
  return !PDF_ACTIVE.some((pattern) => pattern.test(text))
}

/** 'image' or 'pdf' by the file's content; null for anything else. */
export async function attachmentKind(path: string): Promise<'image' | 'pdf' | null> {
  if (await sniffPhoto(path)) return 'image'
  if (await isSafePdf(path)) return 'pdf'
  return null
}

export interface StoredAttachment {
  key: string
  mimeType: string
  name: string
  size: number
}

/** A display name without a path or control characters. */
function cleanName(name: string, extname: string) {
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f<>"]/g, '').slice(0, 120) || 'file'
  return base.toLowerCase().endsWith(`.${extname}`) ? base : `${base}.${extname}`
}

/**
 * Writes the attachments to Drive under the tenant's suggestions folder:
 * images re-encoded (upright, at most 1600 px a side, no metadata — no GPS,
 * camera or owner reaches the public), PDFs as they are (already checked).
 * When `record` throws, the written files are removed again.
 */
export async function storeAttachments<T>(files: MultipartFile[], record: (stored: StoredAttachment[]) => Promise<T>) {
  const disk = drive.use()
  const written: StoredAttachment[] = []
  const prefix = `tenants/${tenantScope.currentOrFail().slug}/suggestions/`
  try {
    for (const file of files) {
      const path = file.tmpPath!
      const format = await sniffPhoto(path)
      if (format && IMAGE_TYPES[format]) {
        const type = IMAGE_TYPES[format]
        const resized = sharp(path, { failOn: 'error' }).rotate().resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
        const encoded = format === 'png' ? resized.png({ compressionLevel: 9 }) : format === 'webp' ? resized.webp({ quality: 82 }) : resized.jpeg({ quality: 82, mozjpeg: true })
        const data = await encoded.toBuffer()
        const key = `${prefix}${randomUUID()}.${type.extname}`
        await disk.put(key, data, { contentType: type.mimeType })
        written.push({ key, mimeType: type.mimeType, name: cleanName(file.clientName, type.extname), size: data.length })
      } else {
        const data = await readFile(path)
        const key = `${prefix}${randomUUID()}.pdf`
        await disk.put(key, data, { contentType: 'application/pdf' })
        written.push({ key, mimeType: 'application/pdf', name: cleanName(file.clientName, 'pdf'), size: (await stat(path)).size })
      }
    }
    return await record(written)
  } catch (error) {
    await Promise.all(written.map(({ key }) => disk.delete(key).catch(() => {})))
    throw error
  }
}
