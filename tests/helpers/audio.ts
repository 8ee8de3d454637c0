import { ApiRequest } from '@japa/api-client'

/** Audio responses arrive in response.body() as one Buffer. */
const collectBinary = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}
for (const type of ['audio/wav', 'audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4']) ApiRequest.addParser(type, collectBinary as any)

/**
 * A valid PCM WAV file of silence (8 kHz, mono, 16-bit), of roughly the
 * given size in bytes.
 */
export function wavFile(bytes = 16_044) {
  const dataSize = Math.max(0, bytes - 44) & ~1
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(36 + dataSize, 4)
  header.write('WAVE', 8, 'latin1')
  header.write('fmt ', 12, 'latin1')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(8000, 24)
  header.writeUInt32LE(16000, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'latin1')
  header.writeUInt32LE(dataSize, 40)
  return Buffer.concat([header, Buffer.alloc(dataSize)])
}

/** The first bytes of a WebM (EBML) file, as MediaRecorder writes it. */
export function webmFile() {
  return Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]), Buffer.from('webm'), Buffer.alloc(2048, 7)])
}
