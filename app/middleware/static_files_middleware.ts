import { readdirSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

let productionEntries: Set<string> | undefined

/** The names directly inside public/ (read once in production, where the build does not change). */
function publicEntries() {
  if (productionEntries) return productionEntries
  let entries: Set<string>
  try {
    entries = new Set(readdirSync(app.publicPath()))
  } catch {
    entries = new Set()
  }
  if (app.inProduction) productionEntries = entries
  return entries
}

function decoded(segment: string) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Serves files from public/ with @adonisjs/static, but only asks it for paths
 * under one of public/'s own entries (/assets/…, /icons/…): serve-static
 * otherwise makes a file-system lookup for every page request just to find
 * nothing.
 */
export default class StaticFilesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    const end = path.indexOf('/', 1)
    const first = end === -1 ? path.slice(1) : path.slice(1, end)
    if (!first || !publicEntries().has(decoded(first))) return next()
    const files = await app.container.make(StaticMiddleware)
    return files.handle(ctx, next)
  }
}
