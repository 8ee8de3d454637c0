/**
 * A message is plain text. Addresses in it become links that show their real
 * address as the link's text (never a label that hides the target); the view
 * and the page script both render these segments as text nodes.
 */
export type TextSegment = { text: string } | { url: string }

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/giu
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?)\]}»"']+$/u

export function messageSegments(body: string): TextSegment[] {
  const segments: TextSegment[] = []
  let last = 0
  for (const match of body.matchAll(URL_PATTERN)) {
    let url = match[0]
    const trailing = url.match(TRAILING)?.[0] ?? ''
    url = url.slice(0, url.length - trailing.length)
    if (!isHttpUrl(url)) continue
    const start = match.index!
    if (start > last) segments.push({ text: body.slice(last, start) })
    segments.push({ url })
    last = start + url.length
  }
  if (last < body.length) segments.push({ text: body.slice(last) })
  return segments
}

function isHttpUrl(value: string) {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname
  } catch {
    return false
  }
}

/** A plain-text excerpt for lists and notifications. */
export function excerpt(body: string, length = 120) {
  const flat = body.replace(/\s+/gu, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/gu, (char) => ESCAPES[char])
}

/**
 * The message as HTML built only from escaped text and links whose text is
 * their own (escaped) address: nothing the author typed is ever markup.
 */
export function messageHtml(segments: TextSegment[]) {
  return segments
    .map((segment) =>
      'url' in segment
        ? `<a href="${escapeHtml(segment.url)}" rel="nofollow noopener noreferrer ugc" target="_blank">${escapeHtml(segment.url)}</a>`
        : escapeHtml(segment.text)
    )
    .join('')
}
