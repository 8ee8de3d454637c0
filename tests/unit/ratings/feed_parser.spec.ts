import { test } from '@japa/runner'
import { FeedParseError, parseFeed, parseXml } from '#modules/ratings/services/feed_parser'

test.group('Ratings | feed parser', () => {
  test('RSS 2.0 items: CDATA, entities, relative links, RFC 822 dates with MSK', ({ assert }) => {
    const entries = parseFeed(
      `<?xml version="1.0" encoding="utf-8"?>
      <!DOCTYPE rss [<!ENTITY x "boom">]>
      <rss version="2.0"><channel><title>Кубань</title>
        <!-- a comment <item> that is not an item -->
        <item><title><![CDATA[Дороги & мосты: <b>итоги</b>]]></title><link>/news/1</link><pubDate>Tue, 10 Jun 2025 04:00:00 MSK</pubDate></item>
        <item><title>Школы &laquo;к&nbsp;1 сентября&raquo; &#8212; готовы</title><guid isPermaLink="true">https://example.org/news/2</guid></item>
        <item><title>Без ссылки</title></item>
        <item><title>Не веб</title><link>javascript:alert(1)</link></item>
      </channel></rss>`,
      'https://example.org/rss.xml'
    )
    assert.lengthOf(entries, 2)
    assert.equal(entries[0].title, 'Дороги & мосты: итоги')
    assert.equal(entries[0].link, 'https://example.org/news/1')
    assert.equal(entries[0].publishedAt!.toISOString(), '2025-06-10T01:00:00.000Z')
    assert.equal(entries[1].title, 'Школы «к 1 сентября» — готовы') // no-break spaces collapse like any other space
    assert.equal(entries[1].link, 'https://example.org/news/2')
    assert.isNull(entries[1].publishedAt)
  })

  test('Atom entries: alternate link, published or updated', ({ assert }) => {
    const entries = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Лента</title>
        <entry><title type="html">Первая &lt;i&gt;новость&lt;/i&gt;</title><link rel="self" href="https://a.example/self"/><link rel="alternate" href="https://a.example/1"/><id>urn:1</id><updated>2025-05-02T10:00:00+03:00</updated></entry>
        <entry><title>Вторая</title><link href="https://a.example/2" /><published>2025-05-03T00:00:00Z</published><updated>2025-05-04T00:00:00Z</updated></entry>
      </feed>`,
      'https://a.example/atom'
    )
    assert.deepEqual(entries.map((entry) => entry.link), ['https://a.example/1', 'https://a.example/2'])
    assert.equal(entries[0].title, 'Первая новость')
    assert.equal(entries[0].publishedAt!.toISOString(), '2025-05-02T07:00:00.000Z')
    assert.equal(entries[1].publishedAt!.toISOString(), '2025-05-03T00:00:00.000Z')
    assert.equal(entries[0].guid, 'urn:1')
  })

  test('broken or foreign documents are refused', ({ assert }) => {
    assert.throws(() => parseFeed('<rss><channel><item><title>x</item></channel></rss>', 'https://e.x/'), FeedParseError)
    assert.throws(() => parseFeed('<rss><channel>', 'https://e.x/'), FeedParseError)
    assert.throws(() => parseFeed('<html><body>Not found</body></html>', 'https://e.x/'), FeedParseError)
    assert.throws(() => parseFeed('', 'https://e.x/'), FeedParseError)
    assert.throws(() => parseXml('<a></a><b></b>'), FeedParseError)
    assert.throws(() => parseXml('<a b="1></a>'), FeedParseError)
  })
})
