import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { tenantScope } from '#tenancy/tenant_scope'
import { checkZip } from '#core/uploads/zip_guard'
import { UploadError } from '#core/uploads/upload_error'
import { decodedText, detectEncoding } from '#core/uploads/text_decoding'
import { storeUploadedFile } from '#modules/lawmaking/services/conclusion_files'

/** Largest file of a draft (a scanned, signed explanatory note of some dozens of pages). */
export const DRAFT_FILE_MAX_MB = 20
/** Files a draft may have at once. */
export const MAX_DRAFT_FILES = 10

export type DraftFileExtname = 'pdf' | 'docx' | 'odt' | 'xlsx' | 'rtf' | 'txt'

/** What the upload field accepts by name; the bytes decide. */
export const DRAFT_FILE_EXTENSIONS: DraftFileExtname[] = ['pdf', 'docx', 'odt', 'xlsx', 'rtf', 'txt']

const MIME_TYPES: Record<DraftFileExtname, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  rtf: 'application/rtf',
  txt: 'text/plain',
}

export interface DraftFileType {
  extname: DraftFileExtname
  /** With the charset for a text file (`text/plain; charset=windows-1251`). */
  mimeType: string
}

/** The kind a stored type is shown as (PDF, DOCX…), from its MIME type. */
export function draftFileKind(mimeType: string) {
  const bare = mimeType.split(';')[0].trim()
  const found = (Object.entries(MIME_TYPES) as [DraftFileExtname, string][]).find(([, mime]) => mime === bare)
  return found ? found[0].toUpperCase() : bare
}

/** A file whose bytes unpack into far more than a document does (a zip bomb): refused with its own message. */
export class ZipBomb extends Error {}

/** The extension the person gave the file, lower-case ('' when it has none). */
export function extnameOf(name: string) {
  return (name.match(/\.([^.\\/]+)$/)?.[1] ?? '').toLowerCase()
}

async function headOf(path: string, length = 4096) {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(length)
    const { bytesRead } = await handle.read(head, 0, length, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** The names of a zip's entries once its directory and every entry proved sane; a bomb throws ZipBomb, a broken zip gives null. */
async function zipEntries(path: string) {
  try {
    return new Set(await checkZip(path))
  } catch (error) {
    if (error instanceof UploadError && (error.reason === 'compression_ratio' || error.reason === 'too_large_unpacked')) throw new ZipBomb(error.reason)
    if (error instanceof UploadError) return null
    throw error
  }
}

/**
 * An OpenDocument text: its first entry is `mimetype`, stored uncompressed,
 * holding `application/vnd.oasis.opendocument.text` (ODF 1.2, part 3, 3.3).
 */
function isOdtHead(head: Buffer) {
  if (head.length < 38 || head.readUInt16LE(8) !== 0 || head.readUInt16LE(26) !== 8) return false
  const extra = head.readUInt16LE(28)
  const length = head.readUInt32LE(18)
  if (head.subarray(30, 38).toString('latin1') !== 'mimetype') return false
  const start = 38 + extra
  return head.subarray(start, start + length).toString('latin1') === MIME_TYPES.odt
}

/** Text with no control characters, in UTF-8 or Windows-1251 (read through to the end). */
async function textEncoding(path: string) {
  try {
    for await (const _chunk of decodedText(path));
    return await detectEncoding(path)
  } catch (error) {
    if (error instanceof UploadError) return null
    throw error
  }
}

/**
 * The real kind of a draft's file by its content, when it is the kind its
 * name says: PDF (`%PDF-`), RTF (`{\rtf`), DOCX and XLSX (a sane zip with the
 * Office Open XML parts of a document or a workbook), ODT (a sane zip whose
 * first entry says so), TXT (text without control characters). Null for
 * anything else — an executable renamed to `.pdf`, a PDF renamed to
 * `.docx` — and ZipBomb for a zip that unpacks beyond the upload limits.
 */
export async function sniffDraftFile(path: string, clientName: string): Promise<DraftFileType | null> {
  const extname = extnameOf(clientName) as DraftFileExtname
  if (!DRAFT_FILE_EXTENSIONS.includes(extname)) return null
  const head = await headOf(path)
  const type = (mimeType = MIME_TYPES[extname]) => ({ extname, mimeType })
  const starts = (magic: string) => head.subarray(0, magic.length).toString('latin1') === magic
  switch (extname) {
    case 'pdf':
      return starts('%PDF-') ? type() : null
    case 'rtf':
      return starts('{\\rtf') ? type() : null
    case 'txt': {
      const encoding = await textEncoding(path)
      return encoding ? type(`text/plain; charset=${encoding}`) : null
    }
    default: {
      if (!starts('PK\u0003\u0004')) return null
      const names = await zipEntries(path)
      if (!names) return null
      if (extname === 'odt') return isOdtHead(head) && names.has('content.xml') ? type() : null
      const part = extname === 'docx' ? 'word/document.xml' : 'xl/workbook.xml'
      return names.has('[Content_Types].xml') && names.has(part) ? type() : null
    }
  }
}

/** Characters a file name shown and sent back never needs: controls, path and shell punctuation, bidirectional overrides. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F"*:<>?|\\/\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/**
 * The name a file is kept and downloaded under: the person's own words
 * without any path, control or bidirectional characters, at most 255
 * characters, always ending with the extension of its real kind.
 */
export function sanitizeFileName(clientName: string, extname: DraftFileExtname) {
  const base = clientName.split(/[\\/]/).pop() ?? ''
  const clean = base.normalize('NFC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '')
  const stem = (extnameOf(clean) === extname ? clean.slice(0, -(extname.length + 1)) : clean).trim().replace(/[.\s]+$/, '')
  return `${[...(stem || 'file')].slice(0, 240).join('')}.${extname}`
}

/** A body's draft files live under `tenants/<slug>/lawmaking/draft_files/`. */
export function draftFilePrefix(slug = tenantScope.currentOrFail().slug) {
  return `tenants/${slug}/lawmaking/draft_files/`
}

/** Writes an uploaded file of a draft to Drive under a new name; returns its key. */
export function storeDraftFile(tmpPath: string, type: DraftFileType) {
  return storeUploadedFile(draftFilePrefix(), tmpPath, type)
}

const KEY_NAME = new RegExp(`^[0-9a-f-]{36}\\.(${DRAFT_FILE_EXTENSIONS.join('|')})$`)

/**
 * Copies a file a body named in a bus message into the portal's folder for
 * that body (once: an existing copy is kept). Only a key of the sender's own
 * draft files is accepted: a tenant cannot make the portal copy a third
 * tenant's files.
 */
export async function copyDraftFileFrom(sender: string, key: string) {
  const allowed = draftFilePrefix(sender)
  const name = key.slice(allowed.length)
  if (!key.startsWith(allowed) || !KEY_NAME.test(name)) throw new Error(`Draft file key outside ${allowed}`)
  const copy = `${draftFilePrefix()}${sender}/${name}`
  const disk = drive.use()
  if (!(await disk.exists(copy))) await disk.copy(key, copy)
  return copy
}

/**
 * Sends a stored file as a download: its own type (the browser may not
 * guess another), as an attachment under its kept name, never rendered.
 */
export function sendStoredFile(
  response: HttpContext['response'],
  file: { fileName: string; mimeType: string; size: number },
  stream: Readable,
  cacheControl: string
) {
  response.header('content-type', file.mimeType)
  response.header('x-content-type-options', 'nosniff')
  response.header('content-length', String(file.size))
  response.header('cache-control', cacheControl)
  response.attachment(file.fileName)
  return response.stream(stream)
}
