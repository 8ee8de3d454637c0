/**
 * A page of a list read by keyset (the rows after or before a row's id in
 * the list's order) rather than by OFFSET and a count of every row: the
 * first page and the hundredth cost the same, and nothing counts the whole
 * table. Offers what the pagination component uses.
 */
export interface KeysetCursor {
  /** The rows after this id (the next page). */
  after?: number
  /** The rows before this id (the previous page), read in reverse order. */
  before?: number
  /** The page's number, only for showing "page N". */
  page: number
}

/** Reads `after` / `before` / `page` from a query string; anything else is the first page. */
export function keysetCursor(qs: Record<string, unknown>): KeysetCursor {
  const id = (value: unknown) => {
    const number = Number(value)
    return typeof value === 'string' && /^\d{1,15}$/.test(value) && number > 0 ? number : undefined
  }
  const page = id(qs.page) ?? 1
  const after = id(qs.after)
  const before = after === undefined ? id(qs.before) : undefined
  return { after, before, page: after === undefined && before === undefined ? 1 : Math.max(page, 1) }
}

export class KeysetPaginator<T extends { id: number }> {
  #baseUrl = ''
  #query: Record<string, string> = {}
  readonly #rows: T[]
  readonly #more: boolean

  /** `rows`: up to perPage + 1 of them as read (in reverse order for `before`). */
  constructor(
    rows: T[],
    readonly perPage: number,
    private cursor: KeysetCursor
  ) {
    this.#more = rows.length > perPage
    const page = rows.slice(0, perPage)
    this.#rows = cursor.before !== undefined ? page.reverse() : page
  }

  /** The limit to read: one more row than shown tells whether there is more. */
  static limitFor(perPage: number) {
    return perPage + 1
  }

  get currentPage() {
    return this.cursor.page
  }

  get lastPage() {
    return null
  }

  get hasPrevious() {
    return this.cursor.before !== undefined ? this.#more : this.cursor.after !== undefined
  }

  get hasMorePages() {
    return this.cursor.before !== undefined ? true : this.#more
  }

  get hasPages() {
    return this.hasPrevious || this.hasMorePages
  }

  get length() {
    return this.#rows.length
  }

  all() {
    return this.#rows
  }

  [Symbol.iterator]() {
    return this.#rows[Symbol.iterator]()
  }

  baseUrl(url: string) {
    this.#baseUrl = url
    return this
  }

  /** The list's other parameters (filters), kept on every link. */
  queryString(values: Record<string, unknown>) {
    this.#query = Object.fromEntries(
      Object.entries(values).filter(([key, value]) => !['after', 'before', 'page'].includes(key) && typeof value === 'string')
    ) as Record<string, string>
    return this
  }

  #url(extra: Record<string, string>) {
    const search = new URLSearchParams({ ...this.#query, ...extra }).toString()
    return search ? `${this.#baseUrl}?${search}` : this.#baseUrl
  }

  getPreviousPageUrl() {
    if (!this.hasPrevious || !this.#rows.length) return this.hasPrevious ? this.#url({}) : null
    // back to page 1 leaves the cursor out, so the first page has one address
    if (this.currentPage <= 2) return this.#url({})
    return this.#url({ before: String(this.#rows[0].id), page: String(this.currentPage - 1) })
  }

  getNextPageUrl() {
    if (!this.hasMorePages || !this.#rows.length) return null
    return this.#url({ after: String(this.#rows[this.#rows.length - 1].id), page: String(this.currentPage + 1) })
  }
}
