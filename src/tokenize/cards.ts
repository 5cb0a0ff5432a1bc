import { type DateParts, readDate } from '../dates.js'
import { type Block, isBareUrl } from './blocks.js'
import { type InlineLink, readInline, squeeze } from './inline.js'

/**
 * What one block of the markdown or weblinks rendering is, by its markup and
 * its links: a part of a paper's card, or page chrome, or plain text. Each
 * kind carries its own data.
 */
export type CardToken =
  | { readonly kind: 'upvotes'; readonly count: number; readonly id: string | null; readonly before: boolean }
  | { readonly kind: 'heading'; readonly level: number; readonly text: string; readonly id: string | null }
  | { readonly kind: 'paperLink'; readonly text: string; readonly id: string }
  | { readonly kind: 'text'; readonly text: string }
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
// A paper's page, `/^https?:\/\/(?:www\.)?huggingface\.co\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(#community)?$/`,
// and its vote button, `/^https?:\/\/(?:www\.)?huggingface\.co\/login\?next=%2Fpapers%2F(\d{4}\.\d{4,5})/`,
// are read by hand (paperPageId, loginPaperId): nearly every block links to one.
const DATE_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/date\/(\d{4})-(\d{2})-(\d{2})/
const ARXIV_URL = /^https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/
const GITHUB_URL = /^https?:\/\/(?:www\.)?github\.com\/[^/\s]+\/[^/\s#?]+/
// A user or organisation page: one path segment that is none of the site's own.
const ORG_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/([\w.-]+)\/?$/
const SITE_PATHS = new Set([
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
const LINK_DEFINITION = /^\[[^\]]+\]:\s*\S+/
const REFERENCE_LIST = /^(?:\d+\.\s+(?:https?|file|mailto):\S*|References|Visible links:?|Hidden links:?)$/
const LIST_MARKER = /^[-*+•]\s+/
// The browser tab's title, which exports and crawlers write at the top: `Daily Papers - Hugging Face`.
const SITE_TITLE = /^.{1,80} [-–|] Hugging Face$/
const FRONT_MATTER = /^(?:\*\*)?(?:URL|Page Title|Title|Source|url|title):(?:\*\*)?\s*(.*)$/
// The characters these two patterns can start with.
const FRONT_MATTER_FIRST = '*UPTSut'
const REFERENCE_LIST_FIRST = '0123456789RVH'

/** What a block is. */
export function classifyBlock(block: Block): CardToken {
  if (block.frontMatter) {
    return {
      kind: 'chrome',
      title: pageTitle(FRONT_MATTER.exec(block.source)?.[1] ?? ''),
      url: frontMatterUrl(block.source),
    }
  }
  let raw = block.source
  let level = 0
  if (raw.charCodeAt(0) === 0x23 /* # */) {
    const match = /^(#{1,6})\s+/.exec(raw)
    if (match?.[1]) {
      level = match[1].length
      raw = raw.slice(match[0].length)
      if (raw.endsWith('#')) raw = raw.replace(/\s+#+$/, '')
    }
  }
  const inline = readInline(raw, block.escapes)
  const text = inline.text
  if (level >= 3) return { kind: 'heading', level, text, id: firstPaperId(inline.links) }
  if (level > 0) return { kind: 'chrome', title: pageTitle(text), url: null }

  // A link that is the whole block is what its URL says it is.
  const whole = inline.whole ?? (block.url === null ? bareUrl(raw) : { text, url: block.url, ref: null })
  if (whole?.url) return linked(whole.text, whole.url)

  if (text === '·') return { kind: 'separator' }
  // Each pattern below runs only where the text's first or last characters
  // allow a match: most blocks are a date or an abstract, which none match.
  const first = text.charCodeAt(0)
  const chrome = unlisted(text)
  if (CHROME.has(chrome) || (isRule(first) && /^[-=*_]{3,}$/.test(text)))
    return { kind: 'chrome', title: pageTitle(chrome), url: null }
  const front = FRONT_MATTER_FIRST.includes(text.charAt(0)) ? FRONT_MATTER.exec(text) : null
  if (front) return { kind: 'chrome', title: pageTitle(front[1] ?? ''), url: frontMatterUrl(text) }
  if (text.endsWith(' Hugging Face') && SITE_TITLE.test(text))
    return { kind: 'chrome', title: pageTitle(text), url: null }
  const authors = authorsOf(text)
  if (authors) return { kind: 'authors', count: Number(authors[1]) }
  const upvotes = first === 0x5b /* [ */ || first === 0x2d /* - */ || isDigit(first) ? UPVOTES_TEXT.exec(text) : null
  // `[-] 3` (weblinks), or `[3][12]` (a reference-style link to the vote button).
  if (upvotes && (text.startsWith('[-]') || inline.whole)) {
    return { kind: 'upvotes', count: countOf(upvotes[1]), id: null, before: true }
  }
  const label = text.startsWith('Upvote') ? UPVOTE_LABEL.exec(text) : null
  if (label) return { kind: 'upvotes', count: countOf(label[1]), id: null, before: false }
  const submitted = text.startsWith('Submitted by') ? SUBMITTED.exec(text) : null
  if (submitted?.[1]) return { kind: 'submittedBy', user: submitted[1] }
  const date = dateOf(text, inline.links)
  if (date) return date
  const stars = first === 0x47 /* G */ || first === 0x4c /* L */ ? STARS.exec(text) : null
  if (stars) return { kind: 'github', repo: '', stars: starCount(stars[1], stars[2]) }
  if (
    (first === 0x5b /* [ */ && LINK_DEFINITION.test(text)) ||
    (REFERENCE_LIST_FIRST.includes(text.charAt(0)) && REFERENCE_LIST.test(text))
  )
    return { kind: 'chrome', title: null, url: null }
  if (text === 'arXiv Page') return { kind: 'link', id: firstPaperId(inline.links) }
  return { kind: 'text', text }
}

/** What a link that is a whole block is, by where it points. */
function linked(text: string, url: string): CardToken {
  // What the markdown writer links an abstract to when the paper has no page.
  if (url === ABSTRACT_ANCHOR) return { kind: 'text', text }
  // Each URL pattern runs only where the path after the site allows it.
  const path = siteLength(url)
  const login = loginPaperId(url, path)
  const count = login === null ? -1 : upvoteCount(text)
  if (login !== null && count !== -1) return { kind: 'upvotes', count, id: login, before: true }
  const paper = paperPageId(url, path)
  if (paper !== null) {
    if (url.endsWith('#community'))
      return isCount(text) ? { kind: 'comments', count: Number(text) } : { kind: 'link', id: paper }
    const authors = authorsOf(text)
    if (authors) return { kind: 'authors', count: Number(authors[1]) }
    return text === '' ? { kind: 'link', id: paper } : { kind: 'paperLink', text, id: paper }
  }
  const dated = path !== -1 && startsAt(url, 'papers/date/', path) ? DATE_URL.exec(url) : null
  if (dated) {
    return {
      kind: 'pageDate',
      year: Number(dated[1]),
      month: Number(dated[2]),
      day: Number(dated[3]),
      after: text === 'Next',
    }
  }
  const github = path === -1 && GITHUB_URL.exec(url)
  if (github) {
    const stars = STARS.exec(text)
    return { kind: 'github', repo: url, stars: stars ? starCount(stars[1], stars[2]) : null }
  }
  const arxiv = path === -1 && ARXIV_URL.exec(url)
  if (arxiv) return { kind: 'link', id: arxiv[1] ?? null }
  const org = path !== -1 && ORG_URL.exec(url)
  if (org && org[1] && !SITE_PATHS.has(org[1]) && text !== '' && !CHROME.has(text))
    return { kind: 'organization', name: text }
  if (text === '' || CHROME.has(unlisted(text)) || path !== -1) return { kind: 'chrome', title: null, url }
  return { kind: 'text', text }
}

// Reading URLs and short texts by their character codes: a pattern costs
// more than the whole of a short match by hand, and cards are mostly links.

/** Whether `part` is written in `text` at `at`. */
function startsAt(text: string, part: string, at: number): boolean {
  if (at < 0 || text.length < at + part.length) return false
  for (let index = 0; index < part.length; index++) {
    if (text.charCodeAt(at + index) !== part.charCodeAt(index)) return false
  }
  return true
}

/** The end of a run of `count` to `max` ASCII digits at `at`, or -1 if there are fewer than `count`. */
function digitsAt(text: string, at: number, count: number, max: number): number {
  let end = at
  while (end - at < max && isDigit(text.charCodeAt(end))) end++
  return end - at < count ? -1 : end
}

/**
 * Where the path starts in a URL of the site (what `^https?://(www.)?huggingface.co/`
 * matches), or -1 for a URL elsewhere.
 */
export function siteLength(url: string): number {
  if (!startsAt(url, 'http', 0)) return -1
  let at = url.charCodeAt(4) === 0x73 /* s */ ? 5 : 4
  if (!startsAt(url, '://', at)) return -1
  at += 3
  if (startsAt(url, 'www.', at)) at += 4
  return startsAt(url, 'huggingface.co/', at) ? at + 15 : -1
}

/** The end of an arXiv id (`\d{4}\.\d{4,5}`) at `at`, or -1. */
function arxivIdEnd(url: string, at: number): number {
  const year = digitsAt(url, at, 4, 4)
  if (year === -1 || url.charCodeAt(year) !== 0x2e /* . */) return -1
  return digitsAt(url, year + 1, 4, 5)
}

/**
 * The arXiv id of a link to a paper's page (`…/papers/ID`, `…/papers/IDv2/`,
 * `…/papers/ID#community`), or `null`. The link is to the comments when it
 * ends with `#community`.
 *
 * @param path Where the URL's path starts ({@link siteLength}).
 */
export function paperPageId(url: string, path = siteLength(url)): string | null {
  if (path === -1 || !startsAt(url, 'papers/', path)) return null
  const start = path + 7
  const end = arxivIdEnd(url, start)
  if (end === -1) return null
  let at = end
  if (url.charCodeAt(at) === 0x76 /* v */ && isDigit(url.charCodeAt(at + 1))) at = digitsAt(url, at + 1, 1, Infinity)
  if (url.charCodeAt(at) === 0x2f /* / */) at++
  return at === url.length || (url.length === at + 10 && startsAt(url, '#community', at)) ? url.slice(start, end) : null
}

/** The arXiv id of a link to a paper's vote button (`…/login?next=%2Fpapers%2FID`), or `null`. */
export function loginPaperId(url: string, path = siteLength(url)): string | null {
  if (path === -1 || !startsAt(url, 'login?next=%2Fpapers%2F', path)) return null
  const start = path + 23
  const end = arxivIdEnd(url, start)
  return end === -1 ? null : url.slice(start, end)
}

/** A count of one to nine digits. */
function isCount(text: string): boolean {
  return text.length > 0 && digitsAt(text, 0, text.length, 9) === text.length
}

/** The vote count a text shows (`12`, `-`, `[-] 3`), or -1 if it shows none ({@link UPVOTES_TEXT}). */
function upvoteCount(text: string): number {
  if (text === '-') return 0
  if (isCount(text)) return Number(text)
  const match = UPVOTES_TEXT.exec(text)
  return match ? countOf(match[1]) : -1
}

/** {@link AUTHORS}'s match, run only on texts that end as it must. */
function authorsOf(text: string): RegExpExecArray | null {
  return text.endsWith('authors') || text.endsWith('author') ? AUTHORS.exec(text) : null
}

/** The text without a list marker before it. */
function unlisted(text: string): string {
  const first = text.charCodeAt(0)
  return first === 0x2d /* - */ || first === 0x2a /* * */ || first === 0x2b /* + */ || first === 0x2022 /* • */
    ? text.replace(LIST_MARKER, '')
    : text
}

/** Whether a character can start a thematic break (`---`, `***`, `___`, `===`). */
function isRule(code: number): boolean {
  return code === 0x2d || code === 0x3d || code === 0x2a || code === 0x5f
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/** A block that is nothing but a URL, as a link without text. */
function bareUrl(raw: string): InlineLink | null {
  return isBareUrl(raw) ? { text: '', url: raw.replace(/^<|>$/g, ''), ref: null } : null
}

/** The date a block writes, with a comment count glued to it (`May 29[6](…#community)`). */
function dateOf(text: string, links: readonly InlineLink[]): CardToken | null {
  let rest = text
  let separator = false
  const published = rest.startsWith('·') || rest.startsWith('P') ? PUBLISHED.exec(rest) : null
  if (published?.[2]) {
    separator = published[1] !== undefined
    rest = published[2]
  }
  if (rest.length > 40) return null
  let comments: number | null = null
  // `May 29[6](…#community)`, or `May 29[6][15]` with the link's URL elsewhere.
  const glued = links.length === 1 ? links[0] : undefined
  const community = glued?.url == null || (paperPageId(glued.url) !== null && glued.url.endsWith('#community'))
  if (glued && community && isCount(glued.text) && rest.endsWith(glued.text)) {
    comments = Number(glued.text)
    rest = rest.slice(0, rest.length - glued.text.length).trim()
  }
  const date = readDate(squeeze(rest))
  if (!date) return null
  if (date.count !== null && comments === null) comments = date.count
  return { kind: 'date', date: { ...date, count: comments }, comments, separator }
}

function paperId(link: InlineLink | null): string | null {
  if (!link?.url) return null
  const url = link.url
  const path = siteLength(url)
  if (path === -1) return ARXIV_URL.exec(url)?.[1] ?? null
  return paperPageId(url, path) ?? loginPaperId(url, path)
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
