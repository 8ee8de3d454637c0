import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * The contract between the one moderation queue (app/modules/social/moderation)
 * and every module whose users publish something: each such module describes its
 * kinds of content here, and the queue flags, hides, restores and appeals them
 * through these descriptions without knowing their tables.
 *
 * Flag reasons a user may give.
 */
export const flagReasons = ['spam', 'offensive', 'off_topic', 'personal_data'] as const
export type FlagReason = (typeof flagReasons)[number]

/** What the queue shows of one item; plain text only (the queue escapes it). */
export interface ModeratedContent {
  /** The portal user who wrote it; null when the account was deleted. */
  authorUserId: number | null
  /** A short plain-text excerpt (≤ 300 characters), never HTML. */
  excerpt: string
  /** Where a moderator sees it in context (a portal path). */
  url: string
  /** Whether users other than its author and the moderators no longer see it. */
  hidden: boolean
}

/** One kind of user content, described by the module that owns it. */
export interface ModeratedKind {
  /** `<module>.<thing>`: 'social.publication', 'social.comment', 'social.photo', 'social.message', 'suggestions.suggestion', 'lawmaking.remark' … */
  kind: string
  /** i18n key of the kind's name, for the queue. */
  label: string
  /** Whether hiding it takes away the whole page at its `url` (a publication), not a part of a page (a remark). */
  ownPage?: boolean
  /** Reads one item in the current (portal) tenant scope; null when there is none. */
  load(id: number, trx?: TransactionClientContract): Promise<ModeratedContent | null>
  /**
   * Hides (true) or restores (false) it wherever users see it; the owner's own queries must honour this.
   * `reason` is the moderator's (null when flags hid it automatically); a kind may keep it or ignore it.
   */
  setHidden(id: number, hidden: boolean, trx: TransactionClientContract, reason?: string | null): Promise<void>
  /**
   * Optional: told of each new flag (in the flag's transaction), for a kind that keeps flags of its own
   * (law-making remarks feed their module's own queue this way).
   */
  flagged?(id: number, userId: number, reason: FlagReason, note: string | null, trx: TransactionClientContract): Promise<void>
}

/**
 * Where the kinds come from: each module keeps its descriptions in a file of its
 * own (a list, possibly empty), loaded on first use in whichever process asks
 * (web or worker), so no boot order matters.
 */
const sources: Array<() => Promise<{ default: ModeratedKind[] }>> = [
  () => import('#modules/social/profiles/moderated_kinds'),
  () => import('#modules/social/publications/moderated_kinds'),
  () => import('#modules/social/conversations/moderated_kinds'),
  () => import('#modules/suggestions/moderated_kinds'),
  () => import('#modules/social/moderation/moderated_kinds'),
]

let loaded: Promise<Map<string, ModeratedKind>> | undefined

export function moderatedKinds(): Promise<Map<string, ModeratedKind>> {
  loaded ??= Promise.all(sources.map((source) => source())).then((modules) => {
    const kinds = new Map<string, ModeratedKind>()
    for (const { default: list } of modules) {
      for (const kind of list) {
        if (kinds.has(kind.kind)) throw new Error(`Moderated kind ${kind.kind} is described twice`)
        kinds.set(kind.kind, kind)
      }
    }
    return kinds
  })
  return loaded
}

export async function moderatedKind(kind: string): Promise<ModeratedKind | undefined> {
  return (await moderatedKinds()).get(kind)
}

/**
 * Whether a user may publish now: a moderator's suspension or block stops them.
 * Modules ask before saving anything a user writes (publications, comments,
 * messages, suggestions); the moderation area answers (publishing_guard.ts).
 */
export type PublishingVerdict = { allowed: true } | { allowed: false; until: Date | null; reason: string }

export async function mayPublish(userId: number): Promise<PublishingVerdict> {
  const { default: guard } = await import('#modules/social/moderation/publishing_guard')
  return guard(userId)
}
