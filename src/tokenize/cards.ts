import { type DateParts, dateParts, monthNumber, numberAt, readDate } from '../dates.js'
import { isDigits, isSpaceUnit } from '../schema/validate.generated.js'
import { type Block, isBareUrl } from './blocks.js'
import { type InlineLink, readInline, squeeze } from './inline.js'

/**
 * What one block of the markdown or weblinks rendering is, by its markup and
 * its links: a part of a paper's card, or page chrome, or plain text. Each
 * kind carries its own data.
 */
export type CardToken =
  | { readonly kind: 'upvotes'; readonly count: number; readonly id: string | null; readonly before: boolean }
  | {
      readonly kind: 'heading'
      readonly level: number
      readonly text: string
      readonly id: string | null
      /** The label of a reference-style link in it (`### [Title][13]`). */
      readonly ref: string | null
    }
  | { readonly kind: 'paperLink'; readonly text: string; readonly id: string }
  | { readonly kind: 'text'; readonly text: string; readonly ref: string | null }
  /** `[13]: https://…`: the URL of a reference-style link's label. */
  | { readonly kind: 'definition'; readonly label: string; readonly url: string }
  | { readonly kind: 'authors'; readonly count: number }
  | { readonly kind: 'organization'; readonly name: string }
  | { readonly kind: 'separator' }
  | {
      readonly kind: 'date'
      readonly date: DateParts
      readonly comments: number | null
      /** `· Published on DATE`: the separator and the date on one line. */
      readonly separator: boolean
    }
  | { readonly kind: 'comments'; readonly count: number }
  | { readonly kind: 'submittedBy'; readonly user: string }
  | { readonly kind: 'github'; readonly repo: string; readonly stars: number | null }
  | { readonly kind: 'link'; readonly id: string | null }
  | {
      readonly kind: 'pageDate'
      readonly year: number
      readonly month: number
      readonly day: number
      readonly after: boolean
    }
  | { readonly kind: 'chrome'; readonly title: string | null; readonly url: string | null }

export type CardTokenKind = CardToken['kind']

export const ABSTRACT_ANCHOR = '#abstract'
const HF = /^https?:\/\/(?:www\.)?huggingface\.co\//
// The site's URLs that nearly every block of a card links to, in one pattern:
// a paper's vote button (1: the id), or its page (2: the id; 3: to its comments).
const SITE_URL =
  /^https?:\/\/(?:www\.)?huggingface\.co\/(?:login\?next=%2Fpapers%2F(\d{4}\.\d{4,5})|papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(#community)?$)/
const DATE_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/date\/(\d{4})-(\d{2})-(\d{2})/
const ARXIV_URL = /^https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/
const GITHUB_URL = /^https?:\/\/(?:www\.)?github\.com\/[^/\s]+\/[^/\s#?]+/
// A user or organisation page: one path segment that is none of the site's own.
const ORG_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/([\w.-]+)\/?$/
export const SITE_PATHS = new Set([
  'models',
  'datasets',
  'spaces',
  'docs',
  'enterprise',
  'pricing',
  'login',
  'join',
  'storage',
  'posts',
  'blog',
  'learn',
  'papers',
  'collections',
  'settings',
  'terms-of-service',
  'privacy',
  'tasks',
  'chat',
  'huggingface',
])

// prettier-ignore
const CHROME = new Set([
  // The site menu and the page header.
  'Hugging Face', 'Models', 'Datasets', 'Spaces', 'Buckets', 'Buckets new', 'Docs', 'Enterprise', 'Pricing', 'Posts',
  'Log In', 'Sign Up', 'Login', 'Sign up', 'Community', 'Collections', 'Learn', 'Solutions',
  'new', 'Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!',
  'Subscribe', 'by', 'AK', 'and the research community', 'by AK and the research community',
  'byAK and the research community', 'Daily', 'Weekly', 'Monthly', 'Trending Papers', 'Daily Papers',
  'Search', 'Sort', 'Trending', 'Most upvoted', 'Most recent',
  // Below the list: paging and the site footer.
  'Previous', 'Next', 'Load more', 'System theme', 'Company', 'TOS', 'Privacy', 'About', 'Careers', 'Website',
  'Terms of Service', 'Trending Papers ranked by GitHub stars activity', 'View all', '←', '→',
])

const UPVOTES_TEXT = /^(?:\[-\]\s*)?(\d{1,9}|-)$/
const UPVOTE_LABEL = /^Upvote\s*(\d{1,9}|-)?$/
const AUTHORS = /^[-*+•\s\\]*(\d{1,9})\s+authors?$/
const STARS = /^(?:LINK:\s*)?GitHub(?:\s+([\d.,]+)\s*([kKmM])?)?$/
const SUBMITTED = /^Submitted by\s+@?(\S.*)$/
const PUBLISHED = /^(·\s*)?Published on\s+(.+)$/
// The link list of reference-style markdown (`[12]: https://…`), or of a text browser (`12. https://…`).
const LINK_DEFINITION = /^\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s.*)?$/
const REFERENCE_LIST = /^(?:\d+\.\s+(?:https?|file|mailto):\S*|References|Visible links:?|Hidden links:?)$/
const LIST_MARKER = /^[-*+•]\s+/
// The browser tab's title, which exports and crawlers write at the top: `Daily Papers - Hugging Face`.
const SITE_TITLE = /^.{1,80} [-–|] Hugging Face$/
const FRONT_MATTER = /^(?:\*\*)?(?:URL|Page Title|Title|Source|url|title):(?:\*\*)?\s*(.*)$/

/** What a block is. */
export function classifyBlock(block: Block): CardToken {
  if (block.frontMatter) {
    return {
      kind: 'chrome',
      title: pageTitle(FRONT_MATTER.exec(block.source)?.[1] ?? ''),
      url: frontMatterUrl(block.source),
    }
  }
  const fast = cardLine(block)
  if (fast) return fast
  let raw = block.source
  let level = 0
  if (raw.charCodeAt(0) === 0x23 /* # */) {
    const match = /^(#{1,6})\s+/.exec(raw)
    if (match?.[1]) {
      level = match[1].length
      raw = raw.slice(match[0].length).replace(/\s+#+$/, '')
    }
  }
  const inline = readInline(raw, block.escapes)
  const text = inline.text
  if (level >= 3) {
    return { kind: 'heading', level, text, id: firstPaperId(inline.links), ref: inline.links[0]?.ref ?? null }
  }
  if (level > 0) return { kind: 'chrome', title: pageTitle(text), url: null }

  // A link that is the whole block is what its URL says it is.
  const whole = inline.whole ?? (block.url === null ? bareUrl(raw) : { text, url: block.url, ref: null })
  if (whole?.url) return linked(whole.text, whole.url)

  if (text === '·') return { kind: 'separator' }
  const unlisted = text.replace(LIST_MARKER, '')
  if (CHROME.has(unlisted) || /^[-=*_]{3,}$/.test(text))
    return { kind: 'chrome', title: pageTitle(unlisted), url: null }
  const front = FRONT_MATTER.exec(text)
  if (front) return { kind: 'chrome', title: pageTitle(front[1] ?? ''), url: frontMatterUrl(text) }
  if (SITE_TITLE.test(text)) return { kind: 'chrome', title: pageTitle(text), url: null }
  const authors = AUTHORS.exec(text)
  if (authors) return { kind: 'authors', count: Number(authors[1]) }
  const upvotes = UPVOTES_TEXT.exec(text)
  // `[-] 3` (weblinks), or `[3][12]` (a reference-style link to the vote button).
  if (upvotes && (text.startsWith('[-]') || inline.whole)) {
    return { kind: 'upvotes', count: countOf(upvotes[1]), id: null, before: true }
  }
  const label = UPVOTE_LABEL.exec(text)
  if (label) return { kind: 'upvotes', count: countOf(label[1]), id: null, before: false }
  const submitted = SUBMITTED.exec(text)
  if (submitted?.[1]) return { kind: 'submittedBy', user: submitted[1] }
  const date = dateOf(text, inline.links)
  if (date) return date
  const stars = STARS.exec(text)
  if (stars) return { kind: 'github', repo: '', stars: starCount(stars[1], stars[2]) }
  const definition = LINK_DEFINITION.exec(raw)
  if (definition?.[1] && definition[2]) return { kind: 'definition', label: definition[1], url: definition[2] }
  if (REFERENCE_LIST.test(text)) return { kind: 'chrome', title: null, url: null }
  if (text === 'arXiv Page') return { kind: 'link', id: firstPaperId(inline.links) }
  return { kind: 'text', text, ref: inline.whole?.ref ?? null }
}

// The lines that make most of a card (as the page's markdown is written),
// each read by one pattern to what the general reading makes of it: a
// pattern runs natively, faster than the general reading's steps.
// A title, the vote count or the author count: a link to the site with no markup in its text.
const LINK_LINE =
  /^(?:### )?\[[^[\]\\\n]*\]\(https:\/\/huggingface\.co\/(?:login\?next=%2Fpapers%2F|papers\/)\d{4}\.\d{4,5}\)$/
// A date, as `readDate` reads it (groups 1 to 4), with the comment count glued to it (5).
const DATE_LINE =
  /^([A-Z][a-z]{2,8})\.? (\d{1,2})(?:,? (\d{4}))?(?: (\d{1,9}))?(?:\[(\d{1,9})\]\(https:\/\/huggingface\.co\/papers\/\d{4}\.\d{4,5}#community\))?$/
// An abstract: a link to the paper's page, from its `](` (matched where it must stand).
const PAPER_LINK_END = /\]\(https:\/\/huggingface\.co\/papers\/\d{4}\.\d{4,5}\)$/y
const DATE_LINE_LENGTH = 100
const SEPARATOR: CardToken = { kind: 'separator' }
// A link line this long or longer is an abstract (or no card line at all).
const SHORT_LINK = 300
// From a link's `](` to its id: `](https://huggingface.co/papers/` and `](https://huggingface.co/login?next=%2Fpapers%2F`.
const PAPER_PREFIX = 32
const VOTE_PREFIX = 48

/**
 * What a block is, if it is one of the lines that make most of a card: the
 * vote count, the title, the abstract, the author count, `·` and the date,
 * each as the page's markdown writes it. `null` for any other block, which
 * the general reading then reads. Both give the same (test/cards.test.ts).
 *
 * A block it reads has brackets that balance (a link whose text has none, a
 * date, `·`): the block reader, which asks it of each line as it comes
 * (its LineRecognizer), need not count them.
 */
export function cardLine(block: Block): CardToken | null {
  const source = block.source
  const first = source.charCodeAt(0)
  if (first === 0x5b /* [ */ || first === 0x23 /* # */) {
    if (source.length >= SHORT_LINK)
      return first === 0x5b ? abstractLink(source, block.escapes, source === block.first.value) : null
    if (!LINK_LINE.test(source)) return null
    // Its parts by where they stand, from its end (a test, without a match's
    // captures, is cheaper): the id (`\d{4}\.\d{4,5}`) before the last `)`,
    // the path before it (`papers/`, or the vote button's, which ends in `F`),
    // the `](` before that; the text has no `]`.
    const id = idStart(source)
    const paper = source.charCodeAt(id - 1) === 0x2f /* / */
    const middle = id - (paper ? PAPER_PREFIX : VOTE_PREFIX)
    // The text, trimmed, from `from` to `to`: an author or vote count is read
    // where it stands, and only a text that is kept is sliced.
    let from = first === 0x23 ? 5 : 1
    let to = middle
    while (from < to && isSpaceUnit(source.charCodeAt(from))) from++
    while (to > from && isSpaceUnit(source.charCodeAt(to - 1))) to--
    if (first === 0x23)
      return { kind: 'heading', level: 3, text: source.slice(from, to), id: idAt(source, id), ref: null }
    if (paper) {
      const count = authorCountIn(source, from, to)
      if (count !== null) return { kind: 'authors', count }
      const text = source.slice(from, to)
      return text === '' ? { kind: 'link', id: idAt(source, id) } : { kind: 'paperLink', text, id: idAt(source, id) }
    }
    const count = voteCountIn(source, from, to)
    return count === null ? null : { kind: 'upvotes', count, id: idAt(source, id), before: true }
  }
  // With a URL after it (the weblinks rendering), a text is a link.
  if (block.url !== null) return null
  if (first === 0xb7 /* · */ && source.length === 1) return SEPARATOR
  // No longer line matches DATE_LINE (its longest match is 92 characters).
  if (source.length >= DATE_LINE_LENGTH) return null
  // Without a comment link glued on (which ends with `)`), DATE_LINE is
  // readDate's pattern: readDate reads the line by hand, with no match made.
  if (source.charCodeAt(source.length - 1) !== 0x29 /* ) */) {
    const date = readDate(source)
    return date && { kind: 'date', date, comments: date.count, separator: false }
  }
  const line = DATE_LINE.exec(source)
  const month = line && monthNumber(line[1] ?? '')
  if (!line || month === undefined) return null
  const glued = line[5]
  const date = dateParts(glued === undefined ? source : source.slice(0, source.indexOf('[')), month, line)
  const comments = glued === undefined ? date.count : Number(glued)
  return { kind: 'date', date: glued === undefined ? date : { ...date, count: comments }, comments, separator: false }
}

/**
 * The id in `source` from `from` to its last character (a link's `)`). A
 * card's vote button, title and abstract name the same id, one after
 * another: the id last sliced is given again when it is the same, rather
 * than a new string of it each time (an id is under 13 characters, a copy
 * that holds nothing of the text it was read from).
 */
function idAt(source: string, from: number): string {
  const length = source.length - 1 - from
  if (lastId.length === length && source.startsWith(lastId, from)) return lastId
  return (lastId = source.slice(from, -1))
}
let lastId = ''

/** Where the arXiv id (`\d{4}\.\d{4,5}`) before a link's closing `)` at the end of `source` starts, if it has one there. */
function idStart(source: string): number {
  const end = source.length - 1
  return (source.charCodeAt(end - 5) === 0x2e /* . */ ? end - 5 : end - 6) - 4
}

/**
 * An abstract, `[text](https://huggingface.co/papers/ID)`, as the general
 * reading reads it (readInline, then linked) when its text has no `[`, `]`
 * or line break: the URL has none of them either, so each is looked for in
 * the whole block, with `indexOf`. A `!` is text, without a `[` after it;
 * backslashes are read as the inline reader reads them (escapedText), but
 * one that escapes the link's `]` leaves the general reading no link.
 *
 * @param oneLine The block is its first line (its source is that line's
 *   value), which holds no line break: no search for one.
 */
function abstractLink(source: string, escapes: boolean, oneLine: boolean): CardToken | null {
  const id = idStart(source)
  const middle = id - PAPER_PREFIX
  if (middle < 1) return null
  PAPER_LINK_END.lastIndex = middle
  if (!PAPER_LINK_END.test(source)) return null
  if (source.indexOf(']', 1) !== middle || source.indexOf('[', 1) !== -1 || (!oneLine && source.includes('\n')))
    return null
  const backslash = source.indexOf('\\')
  if (backslash !== -1 && isEscaped(source, middle)) return null
  const text = backslash === -1 || !escapes ? source.slice(1, middle) : escapedText(source, backslash, middle)
  return paperTokenAt(text.trim(), source, id)
}

/**
 * The text of `source` from 1 to `end` (a link's text with no bracket or line
 * break), its first backslash at `backslash`, as the inline reader reads its
 * escapes: `\X` is X for ASCII punctuation, a backslash before a space or a
 * tab is one space with the white space after it, any other is itself.
 */
function escapedText(source: string, backslash: number, end: number): string {
  let out = ''
  let from = 1
  for (let at = backslash; at !== -1 && at < end; at = source.indexOf('\\', from)) {
    out += source.slice(from, at)
    const next = source.charCodeAt(at + 1)
    if (at + 1 < end && isAsciiPunctuation(next)) {
      out += source.charAt(at + 1)
      from = at + 2
    } else if (next === 0x20 || next === 0x09) {
      out += ' '
      from = at + 1
      for (let code = next; from < end && (code === 0x20 || code === 0x09); code = source.charCodeAt(++from));
    } else {
      out += '\\'
      from = at + 1
    }
  }
  return out + source.slice(from, end)
}

/** `!"#$%&'()*+,-./:;<=>?@[\]^_\`{|}~`. */
function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  )
}

/** Whether the character at `at` follows an odd run of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let start = at
  while (start > 0 && text.charCodeAt(start - 1) === 0x5c) start--
  return (at - start) % 2 === 1
}

/** The count of a vote button's text without `[` (`source` from `from` to `to`), as UPVOTES_TEXT reads it: `-` (none) or up to nine digits. */
function voteCountIn(source: string, from: number, to: number): number | null {
  const length = to - from
  if (length === 1 && source.charCodeAt(from) === 0x2d /* - */) return 0
  if (length === 0 || length > 9 || !isDigits(source, from, to)) return null
  return numberAt(source, from, to - from)
}

/** What a link to a paper's page is, by its text. */
function paperToken(text: string, id: string): CardToken {
  const count = authorCount(text)
  if (count !== null) return { kind: 'authors', count }
  return text === '' ? { kind: 'link', id } : { kind: 'paperLink', text, id }
}

/**
 * {@link paperToken}, its id standing in `source` from `id` to the last
 * character: sliced only if the token keeps it (an author count does not).
 */
function paperTokenAt(text: string, source: string, id: number): CardToken {
  const count = authorCount(text)
  if (count !== null) return { kind: 'authors', count }
  const paperId = idAt(source, id)
  return text === '' ? { kind: 'link', id: paperId } : { kind: 'paperLink', text, id: paperId }
}

/** The count AUTHORS reads in a link's text, or `null`. */
function authorCount(text: string): number | null {
  return authorCountIn(text, 0, text.length)
}

/**
 * The count AUTHORS reads in `source` from `from` to `to`, or `null`. It
 * ends with `authors?$`: other texts (a title, an abstract) need no search;
 * the page's own `- N authors` is read where it stands, without it.
 */
function authorCountIn(source: string, from: number, to: number): number | null {
  const length = to - from
  const plural = length >= 7 && source.startsWith('authors', to - 7)
  if (!plural && !(length >= 6 && source.startsWith('author', to - 6))) return null
  // `- `, one to nine digits, a space, `author(s)`.
  const digits = to - (plural ? 8 : 7)
  const count = digits - from
  if (count >= 3 && count <= 11 && source.charCodeAt(from) === 0x2d && source.charCodeAt(from + 1) === 0x20) {
    if (source.charCodeAt(digits) === 0x20 && isDigits(source, from + 2, digits))
      return numberAt(source, from + 2, digits - from - 2)
  }
  const authors = AUTHORS.exec(source.slice(from, to))
  return authors ? Number(authors[1]) : null
}

/** What a link that is a whole block is, by where it points. */
function linked(text: string, url: string): CardToken {
  // What the markdown writer links an abstract to when the paper has no page.
  if (url === ABSTRACT_ANCHOR) return { kind: 'text', text, ref: null }
  const site = SITE_URL.exec(url)
  const count = site?.[1] && UPVOTES_TEXT.exec(text)
  if (count) return { kind: 'upvotes', count: countOf(count[1]), id: site[1] ?? null, before: true }
  const paper = site?.[2]
  if (paper) {
    if (site[3]) return /^\d{1,9}$/.test(text) ? { kind: 'comments', count: Number(text) } : { kind: 'link', id: paper }
    return paperToken(text, paper)
  }
  const dated = DATE_URL.exec(url)
  if (dated) {
    return {
      kind: 'pageDate',
      year: Number(dated[1]),
      month: Number(dated[2]),
      day: Number(dated[3]),
      after: text === 'Next',
    }
  }
  const github = GITHUB_URL.exec(url)
  if (github) {
    const stars = STARS.exec(text)
    return { kind: 'github', repo: url, stars: stars ? starCount(stars[1], stars[2]) : null }
  }
  const arxiv = ARXIV_URL.exec(url)
  if (arxiv) return { kind: 'link', id: arxiv[1] ?? null }
  const org = ORG_URL.exec(url)
  if (org?.[1] && !SITE_PATHS.has(org[1]) && text !== '' && !CHROME.has(text))
    return { kind: 'organization', name: text }
  if (text === '' || CHROME.has(text.replace(LIST_MARKER, '')) || HF.test(url))
    return { kind: 'chrome', title: null, url }
  return { kind: 'text', text, ref: null }
}

/** A block that is nothing but a URL, as a link without text. */
function bareUrl(raw: string): InlineLink | null {
  return isBareUrl(raw) ? { text: '', url: raw.replace(/^<|>$/g, ''), ref: null } : null
}

/** The date a block writes, with a comment count glued to it (`May 29[6](…#community)`). */
function dateOf(text: string, links: readonly InlineLink[]): CardToken | null {
  let rest = text
  let separator = false
  const published = PUBLISHED.exec(rest)
  if (published?.[2]) {
    separator = published[1] !== undefined
    rest = published[2]
  }
  if (rest.length > 40) return null
  let comments: number | null = null
  // `May 29[6](…#community)`, or `May 29[6][15]` with the link's URL elsewhere.
  const glued = links.length === 1 ? links[0] : undefined
  const community = glued?.url == null || SITE_URL.exec(glued.url)?.[3] !== undefined
  if (glued && community && /^\d{1,9}$/.test(glued.text) && rest.endsWith(glued.text)) {
    comments = Number(glued.text)
    rest = rest.slice(0, rest.length - glued.text.length).trim()
  }
  const date = readDate(squeeze(rest))
  if (!date) return null
  if (date.count !== null && comments === null) comments = date.count
  return { kind: 'date', date: { ...date, count: comments }, comments, separator }
}

function paperId(link: InlineLink | null): string | null {
  return link?.url ? paperIdOf(link.url) : null
}

/** The arXiv id a URL names: a paper's page, its vote button, or arxiv.org. */
export function paperIdOf(url: string): string | null {
  const site = SITE_URL.exec(url)
  return site?.[2] ?? site?.[1] ?? ARXIV_URL.exec(url)?.[1] ?? null
}

function firstPaperId(links: readonly InlineLink[]): string | null {
  for (const link of links) {
    const id = paperId(link)
    if (id !== null) return id
  }
  return null
}

function countOf(text: string | undefined): number {
  return text === undefined || text === '-' ? 0 : Number(text)
}

/** `3.29k` is 3290. */
function starCount(number: string | undefined, unit: string | undefined): number | null {
  if (number === undefined) return null
  const value = Number(number.replace(/,/g, ''))
  if (!Number.isFinite(value)) return null
  const scale = unit === undefined ? 1 : unit.toLowerCase() === 'k' ? 1e3 : 1e6
  return Math.round(value * scale)
}

function pageTitle(text: string): string | null {
  if (/^Trending Papers\b/.test(text) && !text.includes('ranked by')) return 'Trending Papers'
  if (/^Daily Papers\b/.test(text)) return 'Daily Papers'
  return null
}

function frontMatterUrl(text: string): string | null {
  const match = FRONT_MATTER.exec(text)
  return match?.[1] && /^https?:\/\//.test(match[1]) ? match[1] : null
}
