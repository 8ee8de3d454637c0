import yauzl from 'yauzl'
import { UploadError } from '#core/uploads/upload_error'
import { UPLOAD_LIMITS } from '#core/uploads/limits'

type Limits = Pick<typeof UPLOAD_LIMITS, 'maxUnpackedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes' | 'maxEntries'>

function open(path: string) {
  return new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip!)))
  )
}

function entries(zip: yauzl.ZipFile) {
  return new Promise<yauzl.Entry[]>((resolve, reject) => {
    const list: yauzl.Entry[] = []
    zip.on('entry', (entry: yauzl.Entry) => {
      list.push(entry)
      zip.readEntry()
    })
    zip.once('end', () => resolve(list))
    zip.once('error', reject)
    zip.readEntry()
  })
}

/** Inflates one entry to nowhere; yauzl fails when it yields more bytes than the directory declares. */
function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry) {
  return new Promise<void>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error)
      stream!.on('error', reject).on('end', resolve).resume()
    })
  })
}

/**
 * Checks an XLSX (zip) file before any parser sees it, from its central
 * directory: a readable directory (a truncated or non-zip file is
 * `unreadable`), few entries, a total declared uncompressed size under the
 * limit and no entry packed at a ratio only a zip bomb has. Then every entry
 * is inflated once without keeping the bytes (zlib works off the main
 * thread), which proves the declared sizes true and the data intact — so the
 * parser that follows reads at most `maxUnpackedBytes`. Returns the entries'
 * names (what a caller may judge the kind of document by).
 */
export async function checkZip(path: string, limits: Limits = UPLOAD_LIMITS): Promise<string[]> {
  let zip: yauzl.ZipFile
  try {
    zip = await open(path)
  } catch {
    throw new UploadError('unreadable')
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new UploadError('unreadable')
    let list: yauzl.Entry[]
    try {
      list = await entries(zip)
    } catch {
      throw new UploadError('unreadable')
    }
    const unpacked = list.reduce((sum, entry) => sum + entry.uncompressedSize, 0)
    const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024)
    if (unpacked > limits.maxUnpackedBytes) throw new UploadError('too_large_unpacked', { size: mb(unpacked), max: mb(limits.maxUnpackedBytes) })
    for (const entry of list) {
      if (entry.uncompressedSize < limits.ratioFloorBytes) continue
      if (entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxCompressionRatio) {
        throw new UploadError('compression_ratio', { ratio: Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1)) })
      }
    }
    for (const entry of list) {
      if (entry.fileName.endsWith('/')) continue
      try {
        await inflate(zip, entry)
      } catch {
        throw new UploadError('unreadable')
      }
    }
    return list.map((entry) => entry.fileName)
  } finally {
    zip.close()
  }
}
