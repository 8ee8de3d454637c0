/**
 * Writes the PNG icons of the installable web app to public/icons/: the
 * brand circle with a white "K" mark, drawn from shapes so that no image
 * tool or font is needed. Run after changing the design:
 *   node --import=@poppinss/ts-exec bin/generate_pwa_icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const BRAND = [0x0b, 0x4f, 0x8a]
const WHITE = [0xff, 0xff, 0xff]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Buffer) {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/**
 * One RGBA icon. `maskable` fills the whole square (the platform cuts its own
 * shape) and keeps the mark inside the 80 % safe zone.
 */
function icon(size: number, maskable: boolean) {
  const rows: Buffer[] = []
  const scale = maskable ? 0.62 : 0.78
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) {
      // sample the centre of the pixel in a -1..1 square
      const u = ((x + 0.5) / size) * 2 - 1
      const v = ((y + 0.5) / size) * 2 - 1
      const inside = maskable || Math.hypot(u, v) <= 1
      const mx = u / scale
      const my = v / scale
      const stroke = 0.17
      const mark =
        (mx >= -0.55 && mx <= -0.55 + 2 * stroke && my >= -0.75 && my <= 0.75) ||
        segmentDistance(mx, my, -0.2, 0, 0.55, -0.75) <= stroke ||
        segmentDistance(mx, my, -0.2, 0, 0.55, 0.75) <= stroke
      const [r, g, b] = mark ? WHITE : BRAND
      row.set([r, g, b, inside ? 255 : 0], 1 + x * 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const directory = new URL('../public/icons/', import.meta.url)
mkdirSync(directory, { recursive: true })
for (const size of [48, 72, 96, 144, 192, 512]) writeFileSync(new URL(`icon-${size}.png`, directory), icon(size, false))
writeFileSync(new URL('icon-maskable-512.png', directory), icon(512, true))
writeFileSync(new URL('apple-touch-icon.png', directory), icon(180, true))
console.log('icons written to public/icons/')
