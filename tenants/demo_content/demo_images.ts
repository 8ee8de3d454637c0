import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { MultipartFile } from '@adonisjs/core/bodyparser'

/**
 * Made-up pictures for the demo network, drawn with sharp from SVG (no file
 * of anybody's in the repository): an avatar with initials, and a "photo" —
 * a sky, a horizon, a few houses and trees in the colours of its seed. They
 * go through the modules' own checks and re-encoding like any upload.
 */
export class DemoImages {
  #directory: string | null = null
  #count = 0

  async #path(extension: string) {
    this.#directory ??= await mkdtemp(join(tmpdir(), 'krai-demo-images-'))
    return join(this.#directory, `${++this.#count}.${extension}`)
  }

  /** A 512 px PNG avatar: initials on a coloured disc. */
  async avatar(initials: string, hue: number) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
      <rect width="512" height="512" fill="hsl(${hue},45%,88%)"/>
      <circle cx="256" cy="256" r="220" fill="hsl(${hue},55%,42%)"/>
      <text x="256" y="300" font-family="DejaVu Sans, sans-serif" font-size="150" font-weight="bold" fill="#fff" text-anchor="middle">${initials}</text>
    </svg>`
    const path = await this.#path('png')
    await writeFile(path, await sharp(Buffer.from(svg)).png().toBuffer())
    return path
  }

  /** A 1200 × 800 JPEG "photo" of a street or landscape, varied by `seed`. */
  async photo(seed: number) {
    const random = mulberry(seed)
    const sky = 195 + Math.round(random() * 25)
    const ground = [95, 35, 25][seed % 3]
    const houses = Array.from({ length: 5 + Math.round(random() * 4) }, (_, index) => {
      const width = 90 + Math.round(random() * 90)
      const height = 120 + Math.round(random() * 220)
      const x = index * 150 + Math.round(random() * 40)
      const windows = Array.from({ length: Math.floor(height / 60) }, (_, row) =>
        `<rect x="${x + 15}" y="${560 - height + 20 + row * 60}" width="${width - 30}" height="22" fill="hsl(50,60%,${70 + Math.round(random() * 20)}%)" opacity="0.8"/>`
      ).join('')
      return `<rect x="${x}" y="${580 - height}" width="${width}" height="${height}" fill="hsl(${Math.round(random() * 40)},${15 + Math.round(random() * 25)}%,${55 + Math.round(random() * 25)}%)"/>${windows}`
    }).join('')
    const trees = Array.from({ length: 6 }, () => {
      const x = Math.round(random() * 1200)
      const size = 30 + Math.round(random() * 40)
      return `<rect x="${x - 5}" y="${600}" width="10" height="${size}" fill="#5b3a1e"/><circle cx="${x}" cy="${600 - size / 3}" r="${size}" fill="hsl(${100 + Math.round(random() * 30)},45%,${30 + Math.round(random() * 15)}%)"/>`
    }).join('')
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
      <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${sky},70%,55%)"/><stop offset="1" stop-color="hsl(${sky},60%,85%)"/></linearGradient></defs>
      <rect width="1200" height="800" fill="url(#sky)"/>
      <circle cx="${150 + Math.round(random() * 900)}" cy="120" r="55" fill="#fff6c8"/>
      ${houses}
      <rect y="580" width="1200" height="220" fill="hsl(${ground},30%,40%)"/>
      <rect y="660" width="1200" height="70" fill="#555b60"/>
      <rect y="690" width="1200" height="8" fill="#f2f2f2" stroke-dasharray="60 40"/>
      ${trees}
    </svg>`
    const path = await this.#path('jpg')
    await writeFile(path, await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer())
    return path
  }

  /** Photos as the upload fields hand them to the actions (only the temporary path is read). */
  async uploads(seeds: number[]) {
    const files: MultipartFile[] = []
    for (const seed of seeds) files.push({ tmpPath: await this.photo(seed) } as unknown as MultipartFile)
    return files
  }

  async cleanup() {
    if (this.#directory) await rm(this.#directory, { recursive: true, force: true })
    this.#directory = null
  }
}

/** The same small deterministic generator the priorities' demo uses. */
function mulberry(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
