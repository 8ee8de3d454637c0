import type { KeysetCursor } from '#core/keyset_paginator'
import { KeysetPaginator } from '#core/keyset_paginator'
import { tenantDb } from '#tenancy/tenant_model'

export const FEED_PAGE = 20
export const COMMENT_THREADS_PAGE = 30

/** A publication as lists show it (cards): no body, the excerpt only. */
export interface PublicationCard {
  id: number
  author_id: number | null
  organisation_id: number | null
  community_id: number | null
  title: string
  excerpt: string
  subject_code: string
  municipality_code: string | null
  tags: string[]
  likes_count: number
  comments_count: number
  created_at: Date
}

const CARD_COLUMNS = 'id, author_id, organisation_id, community_id, title, excerpt, subject_code, municipality_code, tags, likes_count, comments_count, created_at'

/** What a user follows, as the feed reads it (social_follows). */
export async function followsOf(userId: number) {
  const rows = await tenantDb().from('social_follows').where('follower_id', userId).select('target_type', 'target_key')
  const of = (type: string) => rows.filter((row) => row.target_type === type).map((row) => String(row.target_key))
  return {
    users: of('user').map(Number).filter(Number.isSafeInteger),
    organisations: of('organisation').map(Number).filter(Number.isSafeInteger),
    subjects: of('subject'),
    municipalities: of('municipality'),
  }
}

/**
 * The personal feed: publications (not hidden) by the people and
 * organisations the user follows, in the subjects and municipalities they
 * follow, newest first, by keyset. Each kind of follow is read through its
 * own index, one small index scan per followed key (a LATERAL … LIMIT n), and
 * the few rows found are merged: the cost grows with the number of follows and
 * the page size, never with the number of publications.
 */
export async function personalFeed(userId: number, cursor: KeysetCursor, perPage = FEED_PAGE) {
  const follows = await followsOf(userId)
  const limit = KeysetPaginator.limitFor(perPage)
  const backwards = cursor.before !== undefined
  const bound = backwards ? 'p.id > ?' : cursor.after !== undefined ? 'p.id < ?' : 'true'
  const boundValue = backwards ? [cursor.before] : cursor.after !== undefined ? [cursor.after] : []
  const order = backwards ? 'asc' : 'desc'
  const branches: string[] = []
  const bindings: unknown[] = []
  const branch = (column: string, keys: unknown[], type: string) => {
    if (!keys.length) return
    branches.push(
      `select f.* from unnest(?::${type}[]) as k(key) cross join lateral (
         select ${CARD_COLUMNS} from social_publications p
         where p.${column} = k.key and p.hidden_at is null and ${bound}
         order by p.id ${order} limit ${limit}) f`
    )
    bindings.push(keys, ...boundValue)
  }
  branch('author_id', follows.users, 'int')
  branch('organisation_id', follows.organisations, 'int')
  branch('subject_code', follows.subjects, 'text')
  branch('municipality_code', follows.municipalities, 'text')
  if (!branches.length) return new KeysetPaginator<PublicationCard>([], perPage, cursor)
  const sql = `select distinct on (id) * from (${branches.join(' union all ')}) merged order by id ${order} limit ${limit}`
  const result = await tenantDb().rawQuery(`select * from (${sql}) page order by id ${order}`, bindings as any[])
  return new KeysetPaginator<PublicationCard>(result.rows, perPage, cursor)
}

export interface CatalogueFilters {
  subject?: string
  municipality?: string
  tag?: string
  community?: number
}

/** The public catalogue (and a community's posts): not hidden, filtered, newest first, by keyset. */
export async function catalogue(filters: CatalogueFilters, cursor: KeysetCursor, perPage = FEED_PAGE) {
  const query = tenantDb().from('social_publications').whereNull('hidden_at').select(tenantDb().raw(CARD_COLUMNS))
  if (filters.subject) query.where('subject_code', filters.subject)
  if (filters.municipality) query.where('municipality_code', filters.municipality)
  if (filters.tag) query.whereRaw('tags @> array[?]::text[]', [filters.tag])
  if (filters.community) query.where('community_id', filters.community)
  if (cursor.after !== undefined) query.where('id', '<', cursor.after).orderBy('id', 'desc')
  else if (cursor.before !== undefined) query.where('id', '>', cursor.before).orderBy('id', 'asc')
  else query.orderBy('id', 'desc')
  const rows = await query.limit(KeysetPaginator.limitFor(perPage))
  return new KeysetPaginator<PublicationCard>(rows, perPage, cursor)
}

export interface CommentRow {
  id: number
  publication_id: number
  root_id: number | null
  parent_id: number | null
  depth: number
  author_id: number | null
  body: string
  up_count: number
  down_count: number
  hidden_at: Date | null
  created_at: Date
}

export interface CommentNode extends CommentRow {
  replies: CommentNode[]
  /** Hidden by moderators and shown only because the viewer wrote it (or moderates). */
  hiddenNote: boolean
}

/**
 * A page of a publication's comment threads: top-level comments in order
 * (keyset by id) with every reply of those threads, as a tree. Hidden
 * comments are left out (with their replies) unless the viewer wrote them or
 * moderates.
 */
export async function commentThreads(publicationId: number, cursor: KeysetCursor, viewer: { id: number; moderator: boolean } | null, perPage = COMMENT_THREADS_PAGE) {
  const roots = tenantDb().from('social_comments').where('publication_id', publicationId).whereNull('parent_id')
  if (cursor.after !== undefined) roots.where('id', '>', cursor.after).orderBy('id', 'asc')
  else if (cursor.before !== undefined) roots.where('id', '<', cursor.before).orderBy('id', 'desc')
  else roots.orderBy('id', 'asc')
  const rootRows: CommentRow[] = await roots.limit(KeysetPaginator.limitFor(perPage))
  const paginator = new KeysetPaginator<CommentRow>(rootRows, perPage, cursor)
  const shownRoots = paginator.all()
  const replies: CommentRow[] = shownRoots.length
    ? await tenantDb().from('social_comments').whereIn('root_id', shownRoots.map((row) => row.id)).orderBy('id', 'asc')
    : []
  const visible = (row: CommentRow) => !row.hidden_at || (viewer && (viewer.moderator || row.author_id === viewer.id))
  const nodes = new Map<number, CommentNode>()
  for (const row of [...shownRoots, ...replies]) nodes.set(row.id, { ...row, replies: [], hiddenNote: !!row.hidden_at })
  const tree: CommentNode[] = []
  for (const row of [...shownRoots, ...replies]) {
    const node = nodes.get(row.id)!
    if (!visible(row)) continue
    if (row.parent_id === null) tree.push(node)
    else nodes.get(row.parent_id)?.replies.push(node)
  }
  // a reply under a hidden comment is not reachable from the tree: it goes with its parent
  return {
    paginator,
    threads: tree,
    commentIds: [...nodes.keys()],
    authorIds: [...nodes.values()].map((node) => node.author_id).filter((id): id is number => id !== null),
  }
}

/** One comment of a page in reading order, with the list markup that nests it under its parent. */
export interface FlatComment {
  node: CommentNode
  /** Markup closing the previous comment and opening this one's place: a constant string, never user text. */
  lead: string
}

const OPEN_REPLIES = '<ul class="sp-comments sp-comments--replies">'
const CLOSE_REPLIES = '</li></ul>'

/**
 * The threads in reading order (depth first), so a page renders them in one
 * loop instead of one template component per comment (a page holds up to a
 * few hundred): each item carries the `<ul>`/`</li>` markup that nests it, and
 * `tail` closes what is left open.
 */
export function flattenThreads(threads: CommentNode[]): { items: FlatComment[]; tail: string } {
  const items: FlatComment[] = []
  let previous: CommentNode | null = null
  let level = 0
  const visit = (node: CommentNode, depth: number) => {
    let lead = ''
    if (previous) lead = depth > level ? OPEN_REPLIES : '</li>' + CLOSE_REPLIES.repeat(level - depth)
    items.push({ node, lead })
    previous = node
    level = depth
    for (const reply of node.replies) visit(reply, depth + 1)
  }
  for (const node of threads) visit(node, 0)
  return { items, tail: previous ? '</li>' + CLOSE_REPLIES.repeat(level) : '' }
}
