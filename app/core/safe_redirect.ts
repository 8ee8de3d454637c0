const PROBE_ORIGIN = 'http://same-host.invalid'

/**
 * A redirect target given by the request (`/locale?back=`, the sign-in
 * `next`) reduced to a path on this host, or `fallback`. The value is parsed
 * the way a browser parses a Location header, so `//evil.example`,
 * `/\evil.example`, `/\t/evil.example` and `https://evil.example` (all of
 * which a browser takes to another host) fall back.
 */
export function sameHostPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, PROBE_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== PROBE_ORIGIN || value.startsWith('//')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
