import proxyAddr from 'proxy-addr'
import { settings } from '#core/settings'

let compiled: { source: string; trust: (address: string, hop: number) => boolean } | null = null

/**
 * Whether the peer at `address` is one of our own proxies (TRUSTED_PROXIES,
 * addresses or CIDRs). Only then do `X-Forwarded-For`, `X-Forwarded-Host` and
 * `X-Forwarded-Proto` count; by default nobody is trusted, so a client can
 * neither choose its own IP (and escape the sign-in limiter) nor its host or
 * protocol. Recompiled when the setting changes (tests change it at run time).
 */
export function trustProxy(address: string | undefined, hop: number) {
  const list = settings.trustedProxies
  const source = list.join(',')
  if (compiled?.source !== source) {
    compiled = { source, trust: list.length ? proxyAddr.compile(list) : () => false }
  }
  return address ? compiled.trust(address, hop) : false
}
