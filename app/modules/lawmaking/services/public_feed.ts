import { XMLBuilder } from 'fast-xml-parser'
import type { I18n } from '@adonisjs/i18n'
import type PublicDraft from '#modules/lawmaking/models/public_draft'

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true })

/**
 * An Atom 1.0 feed (RFC 4287) of newly published drafts: one entry per
 * draft, its page as id and link, the explanatory note as summary, the
 * developer as author and the subject area as category.
 */
export function atomFeed(drafts: PublicDraft[], base: string, i18n: I18n) {
  const english = i18n.locale === 'en'
  const updated = drafts.reduce<string | null>((latest, draft) => {
    const moment = draft.updatedAt.toUTC().toISO()!
    return !latest || moment > latest ? moment : latest
  }, null)
  const feed = {
    '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': i18n.locale,
      id: `${base}/lawmaking/feed.atom`,
      title: i18n.t('lawmaking.feed.title'),
      subtitle: i18n.t('lawmaking.feed.subtitle'),
      updated: updated ?? new Date(0).toISOString(),
      link: [
        { '@rel': 'self', '@type': 'application/atom+xml', '@href': `${base}/lawmaking/feed.atom` },
        { '@rel': 'alternate', '@type': 'text/html', '@href': `${base}/lawmaking` },
      ],
      entry: drafts.map((draft) => ({
        id: `${base}/lawmaking/drafts/${draft.id}`,
        title: draft.title,
        link: { '@rel': 'alternate', '@type': 'text/html', '@href': `${base}/lawmaking/drafts/${draft.id}` },
        published: draft.publishedAt.toUTC().toISO(),
        updated: draft.updatedAt.toUTC().toISO(),
        author: { name: `${english ? draft.developerNameEn : draft.developerNameRu} (${english ? draft.bodyNameEn : draft.bodyNameRu})` },
        category: { '@term': draft.subjectArea, '@label': i18n.t(`lawmaking.subjects.${draft.subjectArea}`) },
        summary: { '@type': 'text', '#text': draft.explanatoryNote },
      })),
    },
  }
  return builder.build(feed) as string
}
