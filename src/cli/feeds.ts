import { paperId } from '../merge.js'
import type { Paper } from '../index.js'
import type { Output, Pending } from './output.js'

/** What a feed says of itself. */
export interface FeedMeta {
  title: string
  /** The page the feed is of: `https://huggingface.co/papers/date/2025-10-31`, or the papers page. */
  link: string
  /** The latest digest date (`2025-10-31`), if one is known. */
  updated: string | null
}

/** A feed written as it goes: its head, an item per paper, its tail. */
export interface FeedWriter {
  head(meta: FeedMeta): Pending
  item(paper: Paper): Pending
  tail(): Pending
}

const GENERATOR = 'papers-digest'
const GENERATOR_URI = 'https://github.com/papers-digest/papers-digest'
const AUTHOR = 'Hugging Face Papers'
const AUTHOR_URI = 'https://huggingface.co/papers'
/** The date-time of an item or feed whose date is unknown: the epoch, as feeds need one. */
const NO_DATE = '1970-01-01'

/** A paper's page, when its arXiv id is known. */
function pageOf(paper: Paper): string | null {
  const id = paperId(paper)
  return id.startsWith('https:') ? id : null
}

/**
 * A feed writer: RSS 2.0, Atom 1.0 (RFC 4287) or JSON Feed 1.1. Each item
 * has the paper's stable id ({@link paperId}), its title, its abstract as
 * content, its date, and a link to its page when its arXiv id is known.
 */
export function feedWriter(format: 'rss' | 'atom' | 'jsonfeed', out: Output): FeedWriter {
  if (format === 'rss') return rss(out)
  if (format === 'atom') return atom(out)
  return jsonFeed(out)
}

function rss(out: Output): FeedWriter {
  return {
    head: (meta) =>
      out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n' +
          `    <title>${xml(meta.title)}</title>\n` +
          `    <link>${xml(meta.link)}</link>\n` +
          `    <description>${xml(`The papers of ${meta.title}, read by ${GENERATOR}.`)}</description>\n` +
          (meta.updated ? `    <lastBuildDate>${rfc822(meta.updated)}</lastBuildDate>\n` : '') +
          `    <generator>${GENERATOR}</generator>\n` +
          '    <docs>https://www.rssboard.org/rss-specification</docs>\n',
      ),
    item(paper) {
      const id = paperId(paper)
      const page = pageOf(paper)
      const date = paper.published?.iso
      return out.write(
        '    <item>\n' +
          `      <title>${xml(paper.title)}</title>\n` +
          (page ? `      <link>${xml(page)}</link>\n` : '') +
          `      <guid isPermaLink="${page ? 'true' : 'false'}">${xml(id)}</guid>\n` +
          `      <description>${xml(paper.abstract)}</description>\n` +
          (date ? `      <pubDate>${rfc822(date)}</pubDate>\n` : '') +
          (page ? `      <comments>${xml(page)}#community</comments>\n` : '') +
          '    </item>\n',
      )
    },
    tail: () => out.write('  </channel>\n</rss>\n'),
  }
}

function atom(out: Output): FeedWriter {
  // The feed's updated date is the latest it holds; it is written last (RFC
  // 4287 gives the feed's elements no order), once every entry is known.
  let latest = NO_DATE
  let fallback = NO_DATE
  return {
    head(meta) {
      if (meta.updated) latest = fallback = meta.updated
      return out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n' +
          `  <id>${xml(meta.link)}</id>\n` +
          `  <title type="text">${xml(meta.title)}</title>\n` +
          `  <link rel="alternate" type="text/html" href="${xml(meta.link)}"/>\n` +
          `  <author>\n    <name>${AUTHOR}</name>\n    <uri>${AUTHOR_URI}</uri>\n  </author>\n` +
          `  <generator uri="${GENERATOR_URI}">${GENERATOR}</generator>\n`,
      )
    },
    item(paper) {
      const page = pageOf(paper)
      const date = paper.published?.iso
      if (date && date > latest) latest = date
      return out.write(
        '  <entry>\n' +
          `    <id>${xml(paperId(paper))}</id>\n` +
          `    <title type="text">${xml(paper.title)}</title>\n` +
          `    <updated>${rfc3339(date ?? fallback)}</updated>\n` +
          (date ? `    <published>${rfc3339(date)}</published>\n` : '') +
          (page ? `    <link rel="alternate" type="text/html" href="${xml(page)}"/>\n` : '') +
          `    <content type="text">${xml(paper.abstract)}</content>\n` +
          '  </entry>\n',
      )
    },
    tail: () => out.write(`  <updated>${rfc3339(latest)}</updated>\n</feed>\n`),
  }
}

function jsonFeed(out: Output): FeedWriter {
  let items = 0
  return {
    head(meta) {
      const feed = {
        version: 'https://jsonfeed.org/version/1.1',
        title: meta.title,
        home_page_url: meta.link,
        description: `The papers of ${meta.title}, read by ${GENERATOR}.`,
        authors: [{ name: AUTHOR, url: AUTHOR_URI }],
        items: [],
      }
      const text = JSON.stringify(feed, null, 2)
      return out.write(text.slice(0, -'[]\n}'.length))
    },
    item(paper) {
      const page = pageOf(paper)
      const date = paper.published?.iso
      const item = {
        id: paperId(paper),
        ...(page ? { url: page } : {}),
        title: paper.title,
        content_text: paper.abstract,
        ...(date ? { date_published: rfc3339(date) } : {}),
        ...(paper.links[0] ? { external_url: paper.links[0] } : {}),
      }
      const text = JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')
      return out.write(`${items++ > 0 ? ',\n' : '[\n'}    ${text}`)
    },
    tail: () => out.write(items > 0 ? '\n  ]\n}\n' : '[]\n}\n'),
  }
}

// Characters XML 1.0 cannot hold, even escaped: C0 controls but tab, LF and
// CR; lone surrogates; U+FFFE and U+FFFF. Each becomes U+FFFD.
// (The first class is everything else, negated: C0 controls but tab, LF and
// CR, and U+FFFE and U+FFFF.)
const NOT_XML = /[^\t\n\r\u0020-\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Text for XML character data or an attribute value. */
function xml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"]/g, (character) => ESCAPES[character] ?? character)
}

/** `2021-08-14` as RFC 3339, at midnight UTC. */
const rfc3339 = (iso: string): string => `${iso}T00:00:00Z`

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2021-08-14` as RSS writes dates (RFC 822, with a four-digit year): `Sat, 14 Aug 2021 00:00:00 GMT`. */
function rfc822(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return `${DAYS[date.getUTCDay()] ?? ''}, ${String(day).padStart(2, '0')} ${MONTHS[month - 1] ?? ''} ${String(year).padStart(4, '0')} 00:00:00 GMT`
}
