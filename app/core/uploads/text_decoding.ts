import { createReadStream } from 'node:fs'
import iconv from 'iconv-lite'
import { UploadError } from '#core/uploads/upload_error'

export type TextEncoding = 'utf-8' | 'windows-1251'

/** Characters no spreadsheet text has: C0 controls but tab/LF/CR, DEL and the C1 block. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/

/**
 * The encoding of an uploaded text file: UTF-8 (with or without a BOM) when
 * every byte sequence is valid UTF-8, else Windows-1251, what Russian Excel
 * writes by "Save as CSV". Read as a stream: only a chunk is held at a time.
 */
export async function detectEncoding(path: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true })
    decoder.decode()
    return 'utf-8'
  } catch {
    return 'windows-1251'
  }
}

/**
 * The file as text chunks in its detected encoding (a BOM dropped). Text with
 * control characters is neither (a binary file, UTF-16, another code page):
 * `encoding` names the problem rather than storing garbage.
 */
export async function* decodedText(path: string): AsyncGenerator<string> {
  const encoding = await detectEncoding(path)
  const stream = createReadStream(path).pipe(iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'win1251', { stripBOM: true }))
  for await (const chunk of stream as AsyncIterable<string>) {
    if (CONTROL.test(chunk)) throw new UploadError('encoding')
    yield chunk
  }
}
