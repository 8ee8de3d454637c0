/**
 * A page of results without a total count: on large tables the count costs
 * more than the page itself, and people only ever go to the next page.
 * Offers the parts of Lucid's paginator that the pagination component uses.
 */
export class SimplePaginator<T> {
  #baseUrl = ''
  #query: Record<string, string> = {}

  constructor(
    private rows: T[],
    readonly currentPage: number,
    readonly perPage: number
  ) {}

  /** Fetch perPage + 1 rows; the extra one only tells that there is a next page. */
  static limitFor(perPage: number) {
    return perPage + 1
  }

  get hasMorePages() {
    return this.rows.length > this.perPage
  }

  get hasPages() {
    return this.currentPage > 1 || this.hasMorePages
  }

  get length() {
    return Math.min(this.rows.length, this.perPage)
  }

  get lastPage() {
    return null
  }

  all() {
    return this.rows.slice(0, this.perPage)
  }

  [Symbol.iterator]() {
    return this.all()[Symbol.iterator]()
  }

  baseUrl(url: string) {
    this.#baseUrl = url
    return this
  }

  queryString(values: Record<string, string>) {
    this.#query = values
    return this
  }

  #urlFor(page: number) {
    const search = new URLSearchParams({ ...this.#query, page: String(page) })
    return `${this.#baseUrl}?${search.toString()}`
  }

  getPreviousPageUrl() {
    return this.currentPage > 1 ? this.#urlFor(this.currentPage - 1) : null
  }

  getNextPageUrl() {
    return this.hasMorePages ? this.#urlFor(this.currentPage + 1) : null
  }
}
