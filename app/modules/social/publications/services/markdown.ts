import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

/**
 * The Markdown subset of publications: paragraphs, emphasis, headings (shown
 * as h3–h4), lists, quotes, code, rules and links. Raw HTML in the source is
 * text (markdown-it with `html: false`); images come only as uploaded photos.
 * What markdown-it renders then passes an allowlist (sanitize-html), so even a
 * rendering bug cannot let a script, an event handler or a `javascript:`/`data:`
 * address through.
 */
const markdown = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true }).disable(['image', 'html_inline', 'html_block'])
markdown.enable(['linkify'])

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'hr', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // headings of a publication sit under its own h1/h2
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    // links users post are theirs, not ours: no ranking credit, no access to this page
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer' }),
  },
}

/** Sanitized HTML of a publication's Markdown source. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOWED)
}

/** Plain text of at most `length` characters, for cards and the moderation queue. */
export function plainExcerpt(source: string, length = 300): string {
  const text = sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text
}
