import { open } from 'node:fs/promises'

/** Extensions a voice recording may have (what browsers record and phones save). */
export const AUDIO_EXTENSIONS = ['webm', 'ogg', 'oga', 'opus', 'mp3', 'm4a', 'mp4', 'wav']

export interface AudioType {
  mimeType: string
  extname: string
}

/**
 * The real audio format of some bytes, by their magic numbers; null when
 * they are not one of the accepted formats, whatever the file name says.
 */
export function sniffAudio(head: Buffer): AudioType | null {
  const ascii = (start: number, end: number) => head.subarray(start, end).toString('latin1')
  // EBML header (Matroska/WebM): what Chromium and Firefox's MediaRecorder write
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return { mimeType: 'audio/webm', extname: 'webm' }
  if (ascii(0, 4) === 'OggS') return { mimeType: 'audio/ogg', extname: 'ogg' }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return { mimeType: 'audio/wav', extname: 'wav' }
  // ISO base media (M4A, Safari's MediaRecorder): "ftyp" box at offset 4
  if (ascii(4, 8) === 'ftyp') return { mimeType: 'audio/mp4', extname: 'm4a' }
  if (ascii(0, 3) === 'ID3') return { mimeType: 'audio/mpeg', extname: 'mp3' }
  // a bare MPEG audio frame: 11 sync bits, a layer that is not "reserved"
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) {
    return { mimeType: 'audio/mpeg', extname: 'mp3' }
  }
  return null
}

/** Reads the first bytes of a file and sniffs them. */
export async function sniffAudioFile(path: string): Promise<AudioType | null> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(16)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return sniffAudio(head.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}
