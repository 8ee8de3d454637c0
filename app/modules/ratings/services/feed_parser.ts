/**
 * A small, strict reader for RSS 2.0 (and RSS 1.0/RDF) and Atom feeds, with
 * node built-ins only: no XML package is a declared dependency. It builds an
 * element tree (CDATA, comments, processing instructions, the five XML
 * entities, numeric references and a few HTML ones common in feeds), refuses
 * malformed markup (unclosed or mismatched tags) and never expands a DTD, so
 * entity bombs cannot happen. Only what the media registry needs is read:
 * title, link, date and id of each item.
 */

export interface FeedEntry {
  title: string
  link: string
  publishedAt: Date | null
  guid: string | null
}

export class FeedParseError extends Error {}

interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'",
  nbsp: '\u00a0', laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…', copy: '©',
}

function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole
  })
}

const NAME = /^[A-Za-z_][\w.\-:]*/
const ATTRIBUTE = /\s*([A-Za-z_][\w.\-:]*)\s*=\s*("([^"]*)"|'([^']*)')/y

/** Parses a whole document into its root element. */
export function parseXml(source: string): XmlElement {
  const xml = source.replace(/^\uFEFF/, '')
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' }
  const stack: XmlElement[] = [root]
  let position = 0
  const fail = (message: string): never => {
    const line = xml.slice(0, position).split('\n').length
    throw new FeedParseError(`${message} (line ${line})`)
  }

  while (position < xml.length) {
    const next = xml.indexOf('<', position)
    const current = stack[stack.length - 1]
    if (next === -1) {
      if (xml.slice(position).trim()) fail('Text after the root element')
      break
    }
    if (next > position) current.text += decodeEntities(xml.slice(position, next))
    position = next
    if (xml.startsWith('<!--', position)) {
      const end = xml.indexOf('-->', position + 4)
      if (end === -1) fail('Unclosed comment')
      position = end + 3
    } else if (xml.startsWith('<![CDATA[', position)) {
      const end = xml.indexOf(']]>', position + 9)
      if (end === -1) fail('Unclosed CDATA section')
      current.text += xml.slice(position + 9, end)
      position = end + 3
    } else if (xml.startsWith('<?', position)) {
      const end = xml.indexOf('?>', position + 2)
      if (end === -1) fail('Unclosed processing instruction')
      position = end + 2
    } else if (xml.startsWith('<!', position)) {
      // A DOCTYPE: skipped whole (internal subsets included), never expanded.
      let depth = 0
      let index = position
      for (; index < xml.length; index++) {
        if (xml[index] === '[') depth++
        else if (xml[index] === ']') depth--
        else if (xml[index] === '>' && depth <= 0) break
      }
      if (index >= xml.length) fail('Unclosed declaration')
      position = index + 1
    } else if (xml[position + 1] === '/') {
      const end = xml.indexOf('>', position)
      if (end === -1) fail('Unclosed end tag')
      const name = xml.slice(position + 2, end).trim()
      if (stack.length === 1 || current.name !== name) fail(`Unexpected </${name}>`)
      stack.pop()
      position = end + 1
    } else {
      const name = xml.slice(position + 1).match(NAME)?.[0]
      if (!name) fail('Malformed tag')
      const element: XmlElement = { name: name!, attributes: {}, children: [], text: '' }
      let cursor = position + 1 + name!.length
      for (;;) {
        ATTRIBUTE.lastIndex = cursor
        const match = ATTRIBUTE.exec(xml)
        if (!match) break
        element.attributes[match[1]] = decodeEntities(match[3] ?? match[4] ?? '')
        cursor = ATTRIBUTE.lastIndex
      }
      const closing = xml.indexOf('>', cursor)
      if (closing === -1) fail(`Unclosed <${name}> tag`)
      const tail = xml.slice(cursor, closing).trim()
      if (tail !== '' && tail !== '/') fail(`Malformed <${name}> tag`)
      const selfClosing = tail === '/'
      if (stack.length === 1 && root.children.length) fail('More than one root element')
      current.children.push(element)
      if (!selfClosing) stack.push(element)
      position = closing + 1
    }
  }
  if (stack.length > 1) fail(`Unclosed <${stack[stack.length - 1].name}>`)
  if (!root.children.length) throw new FeedParseError('The document is empty')
  return root.children[0]
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

function child(element: XmlElement, ...names: string[]) {
  for (const name of names) {
    const found = element.children.find((candidate) => candidate.name === name)
    if (found) return found
  }
  return undefined
}

/** Text content of an element and its descendants, tags stripped, spaces collapsed. */
function textOf(element: XmlElement | undefined): string {
  if (!element) return ''
  const all = element.text + element.children.map((nested) => ' ' + textOf(nested)).join('')
  return all.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
}

/** RFC 822 dates with Russian zone names, and ISO 8601; null when unreadable. */
export function parseFeedDate(value: string): Date | null {
  const text = value.trim().replace(/\b(MSK)\b/, '+0300')
  if (!text) return null
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

function absoluteHttpUrl(link: string, base: string) {
  if (!link.trim()) return null
  try {
    const url = new URL(link.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

function rssEntry(item: XmlElement, base: string): FeedEntry | null {
  const guid = child(item, 'guid')
  const permalink = guid && guid.attributes.isPermaLink !== 'false' ? textOf(guid) : ''
  const link = absoluteHttpUrl(textOf(child(item, 'link')) || permalink, base)
  if (!link) return null
  return {
    title: textOf(child(item, 'title')) || link,
    link,
    publishedAt: parseFeedDate(textOf(child(item, 'pubDate', 'dc:date'))),
    guid: guid ? textOf(guid) : null,
  }
}

function atomEntry(entry: XmlElement, base: string): FeedEntry | null {
  const links = entry.children.filter((element) => localName(element.name) === 'link')
  const alternate = links.find((element) => !element.attributes.rel || element.attributes.rel === 'alternate') ?? links[0]
  const link = alternate ? absoluteHttpUrl(alternate.attributes.href ?? textOf(alternate), base) : null
  if (!link) return null
  const byName = (name: string) => entry.children.find((element) => localName(element.name) === name)
  return {
    title: textOf(byName('title')) || link,
    link,
    publishedAt: parseFeedDate(textOf(byName('published')) || textOf(byName('updated'))),
    guid: textOf(byName('id')) || null,
  }
}

/**
 * The items of an RSS 2.0, RSS 1.0 (RDF) or Atom document; items without a
 * usable http(s) link are left out. Anything else is a FeedParseError.
 */
export function parseFeed(xml: string, baseUrl: string): FeedEntry[] {
  const root = parseXml(xml)
  const kind = localName(root.name)
  let items: XmlElement[]
  let read: (element: XmlElement, base: string) => FeedEntry | null
  if (kind === 'rss') {
    const channel = child(root, 'channel')
    if (!channel) throw new FeedParseError('RSS without a channel')
    items = channel.children.filter((element) => element.name === 'item')
    read = rssEntry
  } else if (kind === 'RDF') {
    items = root.children.filter((element) => localName(element.name) === 'item')
    read = rssEntry
  } else if (kind === 'feed') {
    items = root.children.filter((element) => localName(element.name) === 'entry')
    read = atomEntry
  } else {
    throw new FeedParseError(`Not an RSS or Atom feed (root <${root.name}>)`)
  }
  return items.map((item) => read(item, baseUrl)).filter((entry): entry is FeedEntry => entry !== null)
}
