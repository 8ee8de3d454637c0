import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { SimplePaginator } from '#core/simple_paginator'

export const PAGE_SIZE = 30

/** The page number asked for (1 when absent or nonsense). */
export function pageNumber(request: HttpContext['request']) {
  const page = Number(request.input('page', 1))
  return Number.isSafeInteger(page) && page > 0 && page < 100_000 ? page : 1
}

/** A page of a query's rows (perPage + 1 fetched: the extra one only says there is a next page). */
export async function pageOf<T>(query: { limit(n: number): any; offset(n: number): any }, page: number, baseUrl: string, perPage = PAGE_SIZE) {
  const rows = (await query.limit(SimplePaginator.limitFor(perPage)).offset((page - 1) * perPage)) as T[]
  return new SimplePaginator<T>(rows, page, perPage).baseUrl(baseUrl)
}

/** Private pages (my settings, my data) are kept out of search engines. */
export function noindex(response: HttpContext['response']) {
  response.header('x-robots-tag', 'noindex, nofollow')
}

/**
 * Whether the moderation area's flag control is there to render (it arrives
 * with that area's branch; until then pages simply leave it out).
 */
let flagControl: boolean | undefined
export function hasFlagControl() {
  flagControl ??= existsSync(app.viewsPath('components/social/moderation/flag.edge'))
  return flagControl
}
