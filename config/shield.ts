import { defineConfig } from '@adonisjs/shield'

/**
 * CSRF protects every form; the token-authenticated REST API under /api is
 * exempt because browsers never send its bearer tokens on their own.
 * The response headers (CSP, HSTS, frame, sniffing, referrer) are set for
 * every answer by #middleware/security_headers_middleware, not here: shield
 * runs only on routed requests.
 */
export default defineConfig({
  csp: { enabled: false, directives: {}, reportOnly: false },
  csrf: {
    enabled: true,
    // Open311 clients authenticate with an api_key in the body, not with cookies.
    exceptRoutes: (ctx) => ctx.request.url().startsWith('/api/') || ctx.request.url().startsWith('/open311/'),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: false },
  hsts: { enabled: false },
  contentTypeSniffing: { enabled: false },
})
