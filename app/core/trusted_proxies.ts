import proxyAddr from 'proxy-addr'
import { settings } from '#core/settings'

let compiled: { source: string; trust: (address: string, hop: number) => boolean } | null = null

/** The trust function for a list of addresses/CIDRs; a mistyped entry is named, not a generic TypeError. */
function compile(list: string[]) {
  if (!list.length) return () => false
  try {
    return proxyAddr.compile(list)
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES must list IP addresses or CIDRs (${(error as Error).message})`)
  }
}

/**
 * Whether the peer at `address` is one of our own proxies (TRUSTED_PROXIES,
 * addresses or CIDRs). Only then do `X-Forwarded-For`, `X-Forwarded-Host` and
 * `X-Forwarded-Proto` count; by default nobody is trusted, so a client can
 * neither choose its own IP (and escape the sign-in limiter) nor its host or
 * protocol. Recompiled when the setting changes; note that Adonis remembers
 * the answer per peer address for `request.host()` and `request.protocol()`.
 */
export function trustProxy(address: string | undefined, hop: number) {
  const list = settings.trustedProxies
  const source = list.join(',')
  if (compiled?.source !== source) compiled = { source, trust: compile(list) }
  return address ? compiled.trust(address, hop) : false
}

/** Checks TRUSTED_PROXIES once at boot, so a typo stops the process instead of failing every request. */
export function assertTrustedProxies() {
  compile(settings.trustedProxies)
}
