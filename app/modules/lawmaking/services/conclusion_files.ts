import { randomUUID } from 'node:crypto'
import { open } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import { tenantScope } from '#tenancy/tenant_scope'

/** Largest signed file of a conclusion (a scanned, signed PDF of some pages). */
export const CONCLUSION_FILE_MAX_MB = 10
/** What the upload field accepts by name; the bytes decide. */
export const CONCLUSION_FILE_EXTENSIONS = ['pdf', 'sig', 'p7s']

export interface ConclusionFileType {
  mimeType: 'application/pdf' | 'application/pkcs7-signature'
  extname: 'pdf' | 'p7s'
}

const PDF: ConclusionFileType = { mimeType: 'application/pdf', extname: 'pdf' }
const CMS: ConclusionFileType = { mimeType: 'application/pkcs7-signature', extname: 'p7s' }
/** DER of the object identifier 1.2.840.113549.1.7.2 (PKCS #7 / CMS signedData). */
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02])
const PEM = /^-----BEGIN (PKCS7|CMS|SIGNED MESSAGE)-----/
const BASE64 = /^[A-Za-z0-9+/=\r\n]+$/

/** A DER (or BER) ContentInfo of signedData: a SEQUENCE whose first element is the signedData OID. */
function isCms(bytes: Buffer) {
  if (bytes.length < 16 || bytes[0] !== 0x30) return false
  const start = bytes.subarray(0, 24).indexOf(SIGNED_DATA_OID)
  return start >= 2 && start <= 6
}

/**
 * The real kind of a conclusion's file by its first bytes: a PDF
 * (`%PDF-`), or a CMS/PKCS #7 signature (.sig/.p7s, as CryptoPro and
 * OpenSSL write it: DER, PEM or bare Base64). Null for anything else,
 * whatever its name or the browser claims.
 */
export function sniffConclusionFile(head: Buffer): ConclusionFileType | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return PDF
  if (isCms(head)) return CMS
  const text = head.toString('latin1').trimStart()
  if (PEM.test(text)) {
    const body = text.split('\n').slice(1).join('').replace(/[^A-Za-z0-9+/=]/g, '')
    return isCms(Buffer.from(body.slice(0, 64), 'base64')) ? CMS : null
  }
  if (BASE64.test(text.slice(0, 256))) return isCms(Buffer.from(text.replace(/\s/g, '').slice(0, 64), 'base64')) ? CMS : null
  return null
}

/** Reads the first bytes of an uploaded file and sniffs them. */
export async function sniffConclusionUpload(path: string) {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(512)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return sniffConclusionFile(head.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

/** Conclusion files of the current tenant live under `tenants/<slug>/lawmaking/conclusions/`. */
export function conclusionPrefix(slug = tenantScope.currentOrFail().slug) {
  return `tenants/${slug}/lawmaking/conclusions/`
}

/** Writes an uploaded file to Drive under `prefix` and a new name (a UUID and the extension of its real kind); returns its key. */
export async function storeUploadedFile(prefix: string, tmpPath: string, type: { mimeType: string; extname: string }) {
  const key = `${prefix}${randomUUID()}.${type.extname}`
  const handle = await open(tmpPath, 'r')
  try {
    await drive.use().putStream(key, handle.createReadStream(), { contentType: type.mimeType })
  } finally {
    await handle.close().catch(() => {})
  }
  return key
}

/** Writes an uploaded conclusion file to Drive under a new name; returns its key. */
export function storeConclusionFile(tmpPath: string, type: ConclusionFileType) {
  return storeUploadedFile(conclusionPrefix(), tmpPath, type)
}

/**
 * Copies a conclusion's file the portal named in a bus message into this
 * body's folder (once). Only keys under the sender's own conclusions are
 * accepted: a tenant cannot make another copy a third tenant's files.
 */
export async function copyConclusionFileFrom(sender: string, key: string) {
  const allowed = conclusionPrefix(sender)
  if (!key.startsWith(allowed) || key.includes('..')) throw new Error(`Conclusion file key outside ${allowed}`)
  const copy = `${conclusionPrefix()}${key.split('/').pop()}`
  const disk = drive.use()
  if (!(await disk.exists(copy))) await disk.copy(key, copy)
  return copy
}
