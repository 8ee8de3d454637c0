import http from 'node:http'
import https from 'node:https'
import dns from 'node:dns/promises'
import net from 'node:net'
import { settings } from '#core/settings'

/** What a feed's owner is told went wrong; the remote server's own words stay in the log. */
export type FeedFailure = 'unreachable' | 'not_a_feed' | 'too_large'

export class FeedFetchError extends Error {
  constructor(
    readonly reason: FeedFailure,
    /** For the log only. */
    readonly detail: string
  ) {
    super(`${reason}: ${detail}`)
  }
}

const MAX_BYTES = 5 * 1024 * 1024
const MAX_REDIRECTS = 3
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1'

/**
 * Addresses a feed is never fetched from: loopback, private networks,
 * link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254),
 * carrier-grade NAT, documentation, multicast and reserved ranges.
 */
const INTERNAL = new net.BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6')
}

/** Whether an IP address is one a feed may not be fetched from (IPv4-mapped IPv6 is judged as IPv4). */
export function isInternalAddress(address: string) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4')
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (hexMapped) {
    const [high, low] = [parseInt(hexMapped[1], 16), parseInt(hexMapped[2], 16)]
    return INTERNAL.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4')
  }
  const family = net.isIP(address)
  if (!family) return true
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

interface Target {
  address: string
  family: number
}

/**
 * The address to connect to for `url`, after DNS: refused when any address
 * the name resolves to is internal, unless MEDIA_FEED_ALLOW_HOSTS lists the
 * host name or that address. The connection is then made to this very
 * address (no second lookup an attacker's DNS could answer differently).
 */
async function checkedTarget(url: URL): Promise<Target> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFetchError('unreachable', `protocol ${url.protocol}`)
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const allowed = settings.mediaFeeds.allowHosts
  let addresses: Target[]
  if (net.isIP(host)) {
    addresses = [{ address: host, family: net.isIP(host) }]
  } else {
    addresses = await dns.lookup(host, { all: true, verbatim: true }).catch((error: Error) => {
      throw new FeedFetchError('unreachable', `cannot resolve ${host}: ${error.message}`)
    })
  }
  if (!addresses.length) throw new FeedFetchError('unreachable', `${host} has no address`)
  if (!allowed.includes(host)) {
    const internal = addresses.find((target) => isInternalAddress(target.address) && !allowed.includes(target.address.toLowerCase()))
    if (internal) throw new FeedFetchError('unreachable', `${host} is internal (${internal.address})`)
  }
  return addresses[0]
}

function get(url: URL, target: Target, signal: AbortSignal) {
  const lookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options?.all ? callback(null, [target]) : callback(null, target.address, target.family)) as unknown as net.LookupFunction
  const client = url.protocol === 'https:' ? https : http
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = client.get(url, { headers: { 'accept': ACCEPT, 'user-agent': 'Krai media monitor' }, signal, lookup }, resolve)
    request.on('error', reject)
  })
}

/** The body as a stream, cut off (and refused) past 5 MB. */
async function readBody(response: http.IncomingMessage) {
  if (Number(response.headers['content-length']) > MAX_BYTES) {
    response.destroy()
    throw new FeedFetchError('too_large', `declared ${response.headers['content-length']} bytes`)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_BYTES) {
        response.destroy()
        throw new FeedFetchError('too_large', `more than ${MAX_BYTES} bytes`)
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error
    throw new FeedFetchError('unreachable', (error as Error).message)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Downloads a feed from the outside world only: every hop (at most 3
 * redirects) is checked after DNS resolution, the whole exchange is bounded
 * by MEDIA_FEED_TIMEOUT_MS and the body by 5 MB.
 */
export async function downloadFeed(address: string): Promise<string> {
  const signal = AbortSignal.timeout(settings.mediaFeeds.timeoutMs)
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw new FeedFetchError('unreachable', 'not a URL')
  }
  for (let redirects = 0; ; redirects++) {
    const target = await checkedTarget(url)
    let response: http.IncomingMessage
    try {
      response = await get(url, target, signal)
    } catch (error) {
      throw new FeedFetchError('unreachable', (error as Error).message)
    }
    const status = response.statusCode ?? 0
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume()
      if (redirects >= MAX_REDIRECTS) throw new FeedFetchError('unreachable', 'too many redirects')
      url = new URL(response.headers.location, url)
      continue
    }
    if (status < 200 || status >= 300) {
      response.resume()
      throw new FeedFetchError('unreachable', `HTTP ${status}`)
    }
    return readBody(response)
  }
}
