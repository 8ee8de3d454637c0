import { randomUUID } from 'node:crypto'
import { open } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { sniffPhoto, storePhotos } from '#modules/problems/services/photos'
import { tenantScope } from '#tenancy/tenant_scope'

export interface StoredAttachment {
  kind: 'image' | 'pdf'
  fileKey: string
  mimeType: string
  fileName: string
  size: number
  width: number | null
  height: number | null
}

/** What a file is by its bytes: a photo sharp decodes to the end, a PDF by its magic bytes, or nothing we take. */
export async function attachmentKind(path: string): Promise<'image' | 'pdf' | null> {
  if (await isPdf(path)) return 'pdf'
  return (await sniffPhoto(path)) ? 'image' : null
}

async function isPdf(path: string) {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(5)
    await handle.read(head, 0, 5, 0)
    return head.toString('latin1') === '%PDF-'
  } finally {
    await handle.close()
  }
}

/** A file name safe to show and to put in Content-Disposition. */
export function safeFileName(name: string | undefined, fallback: string) {
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f"\\/]/gu, '').trim().slice(0, 150)
  return cleaned || fallback
}

/**
 * Stores a message's files: photos re-encoded without metadata (the problems'
 * code), PDFs as they are (checked by content and size by the validator).
 * When `record` throws, the written files are removed again.
 */
export async function storeAttachments<T>(conversationId: number, files: MultipartFile[], record: (stored: StoredAttachment[]) => Promise<T>) {
  const images: MultipartFile[] = []
  const pdfs: MultipartFile[] = []
  for (const file of files) ((await attachmentKind(file.tmpPath!)) === 'pdf' ? pdfs : images).push(file)
  const disk = drive.use()
  const written: string[] = []
  try {
    const stored: StoredAttachment[] = []
    for (const file of pdfs) {
      const key = `tenants/${tenantScope.currentOrFail().slug}/social/messages/${conversationId}/${randomUUID()}.pdf`
      await disk.copyFromFs(file.tmpPath!, key, { contentType: 'application/pdf' })
      written.push(key)
      stored.push({ kind: 'pdf', fileKey: key, mimeType: 'application/pdf', fileName: safeFileName(file.clientName, 'document.pdf'), size: file.size, width: null, height: null })
    }
    return await storePhotos(`social-messages/${conversationId}`, images, (photos) =>
      record([
        ...photos.map((photo, index) => ({
          kind: 'image' as const,
          fileKey: photo.key,
          mimeType: photo.mimeType,
          fileName: safeFileName(images[index].clientName, 'photo'),
          size: photo.size,
          width: photo.width,
          height: photo.height,
        })),
        ...stored,
      ])
    )
  } catch (error) {
    await Promise.all(written.map((key) => disk.delete(key).catch(() => {})))
    throw error
  }
}
