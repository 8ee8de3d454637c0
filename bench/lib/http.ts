import http from 'node:http'
import autocannon from 'autocannon'

/**
 * A request with an explicit Host header (fetch does not allow setting it).
 */
export function request(
  port: number,
  options: { method?: string; path: string; host: string; headers?: Record<string, string>; body?: string }
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: options.host, ...options.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

export async function waitForServer(port: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const response = await request(port, { path: '/health/live', host: 'localhost' })
      if (response.status === 200) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`server on port ${port} did not start`)
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
}

/**
 * Runs autocannon against one path with fixed headers.
 */
export async function load(port: number, path: string, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadResult> {
  const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, headers, duration: seconds, connections })
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  }
}

function sessionCookie(headers: http.IncomingHttpHeaders) {
  return (headers['set-cookie'] ?? []).find((line) => line.startsWith('krai-session='))?.split(';')[0]
}

/**
 * Signs in through the login form; returns the session cookie ("krai-session=…")
 * once `checkPath` answers 200 with it.
 */
export async function signIn(port: number, host: string, email: string, password: string, checkPath = '/dashboard') {
  const page = await request(port, { path: '/login', host })
  const cookie = sessionCookie(page.headers) ?? ''
  const csrf = page.body.match(/name='_csrf' value='([^']+)'/)?.[1] ?? ''
  const body = new URLSearchParams({ _csrf: csrf, email, password }).toString()
  const login = await request(port, {
    method: 'POST',
    path: '/login',
    host,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'content-length': String(Buffer.byteLength(body)) },
    body,
  })
  const session = sessionCookie(login.headers) ?? cookie
  const check = await request(port, { path: checkPath, host, headers: { cookie: session } })
  if (check.status !== 200) throw new Error(`sign-in of ${email} failed (${checkPath} answered ${check.status})`)
  return session
}
