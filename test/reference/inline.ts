// The inline reader as it was before it used `indexOf` (commit bb6e0c7), kept
// as the reference that test/inline.test.ts compares the current one with.

// Inline markup of the markdown and weblinks renderings: links, images,
// escapes and hard line breaks, read into plain text and the links it holds.
//
// `[text](url)`, `[text][ref]` and `[text]` are links; `![alt](url)` is an
// image, dropped with its alt text (avatars and logos before a name); `\X`
// is X for ASCII punctuation; a backslash at the end of a line, or before
// white space, is a hard line break, and every run of white space (line
// breaks included) is one space.

/** A link of a block: its text (markup removed) and its URL, or `null` for a reference without a definition. */
export interface InlineLink {
  readonly text: string
  readonly url: string | null
  /** The reference label of a reference-style link (`[text][12]`). */
  readonly ref: string | null
}

/** A block's text with markup removed, and its links in order. */
export interface Inline {
  readonly text: string
  readonly links: readonly InlineLink[]
  /** The link that is the whole block (images aside), if it is one. */
  readonly whole: InlineLink | null
}

const codes = {
  backslash: 0x5c,
  bang: 0x21,
  openBracket: 0x5b,
  closeBracket: 0x5d,
  openParen: 0x28,
  closeParen: 0x29,
  space: 0x20,
  tab: 0x09,
  lineFeed: 0x0a,
} as const

// The characters where markup may start: links, images, escapes.
const SPECIAL = /[[!\\]/g
const SPECIAL_NO_ESCAPES = /[[!]/g

const PUNCTUATION = new Set(Array.from('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~').map((char) => char.charCodeAt(0)))

/**
 * Read the inline markup of `source` (lines joined with `\n`).
 *
 * @param escapes Whether backslash escapes and hard breaks are markup (in
 *   markdown) or text (in the weblinks rendering, where only links are).
 */
export function readInline(source: string, escapes = true): Inline {
  const fast = plainLink(source)
  if (fast) return { text: fast.text, links: [fast], whole: fast }
  const links: InlineLink[] = []
  const reader = new InlineReader(source, links, escapes)
  const { text, whole } = reader.read()
  return { text, links, whole }
}

/**
 * The common case without the reader: a block that is one link, `[text](url)`,
 * whose text holds no markup at all (no bracket, backslash, `!` or line break).
 */
function plainLink(source: string): InlineLink | null {
  if (source.charCodeAt(0) !== codes.openBracket || source.charCodeAt(source.length - 1) !== codes.closeParen)
    return null
  const middle = source.lastIndexOf('](')
  if (middle === -1) return null
  const url = source.slice(middle + 2, -1)
  if (url === '' || NOT_PLAIN_URL.test(url)) return null
  const text = source.slice(1, middle)
  if (NOT_PLAIN_TEXT.test(text)) return null
  return { text: text.trim(), url, ref: null }
}

const NOT_PLAIN_URL = /[\s()<>]/
const NOT_PLAIN_TEXT = /[[\]\\!\n]/

class InlineReader {
  readonly #source: string
  readonly #links: InlineLink[]
  readonly #escapes: boolean
  #at = 0

  constructor(source: string, links: InlineLink[], escapes: boolean) {
    this.#source = source
    this.#links = links
    this.#escapes = escapes
  }

  read(): { text: string; whole: InlineLink | null } {
    let out = ''
    let whole: InlineLink | null = null
    let parts = 0
    const source = this.#source
    // Plain text runs to the next character that may be markup, and is copied in one slice.
    const special = this.#escapes ? SPECIAL : SPECIAL_NO_ESCAPES
    while (this.#at < source.length) {
      special.lastIndex = this.#at
      const found = special.exec(source)
      const next = found ? found.index : source.length
      if (next > this.#at) {
        const plain = source.slice(this.#at, next)
        out += plain
        if (parts === 0 || whole !== null) {
          if (plain.trim() !== '') {
            whole = null
            parts++
          }
        }
        this.#at = next
      }
      if (!found) break
      const link = this.#linkAt()
      if (link === 'image') continue
      if (link) {
        out += link.text
        whole = parts === 0 ? link : null
        parts++
        continue
      }
      const char = this.#char()
      out += char
      if (char.trim() !== '') {
        whole = null
        parts++
      }
    }
    const text = out.includes('\n') ? out.replace(LINE_BREAK, ' ') : out
    return { text: text.trim(), whole }
  }

  /**
   * A link or image at the reader's place, or `null` (the place is then
   * unchanged in meaning: the caller reads one character).
   */
  #linkAt(): InlineLink | 'image' | null {
    const source = this.#source
    const start = this.#at
    let at = start
    const image = source.charCodeAt(at) === codes.bang && source.charCodeAt(at + 1) === codes.openBracket
    if (image) at++
    if (source.charCodeAt(at) !== codes.openBracket) return null
    const close = matchingBracket(source, at)
    if (close === -1) return null
    const inner = source.slice(at + 1, close)
    let url: string | null = null
    let ref: string | null = null
    let end = close + 1
    if (source.charCodeAt(end) === codes.openParen) {
      const paren = matchingParen(source, end)
      if (paren === -1) return null
      url = destination(source.slice(end + 1, paren))
      end = paren + 1
    } else if (source.charCodeAt(end) === codes.openBracket) {
      const refClose = source.indexOf(']', end)
      if (refClose === -1 || source.slice(end + 1, refClose).includes('[')) return null
      ref = source.slice(end + 1, refClose)
      end = refClose + 1
    } else {
      // `[text]` alone stays text: without a definition it is prose in brackets.
      return null
    }
    this.#at = end
    if (image) return 'image'
    const nested = new InlineReader(inner, this.#links, this.#escapes)
    const { text } = nested.read()
    const link: InlineLink = { text, url, ref: ref === '' ? text : ref }
    this.#links.push(link)
    return link
  }

  /** One character of text, with escapes and hard breaks read. */
  #char(): string {
    const source = this.#source
    const code = source.charCodeAt(this.#at)
    if (code === codes.backslash && this.#escapes) {
      const next = source.charCodeAt(this.#at + 1)
      // `\\` at the end of a line: a crawler's hard break, one space.
      if (next === codes.backslash && source.charCodeAt(this.#at + 2) === codes.lineFeed) {
        this.#at += 2
        return ' '
      }
      if (PUNCTUATION.has(next)) {
        this.#at += 2
        return source[this.#at - 1] ?? ''
      }
      // A backslash before a line break or a space: a hard break, which
      // with the white space after it is one space.
      if (next === codes.lineFeed || next === codes.space || next === codes.tab) {
        this.#at += 1
        while (this.#at < source.length && isBreak(source.charCodeAt(this.#at))) this.#at++
        return ' '
      }
    }
    this.#at++
    return source[this.#at - 1] ?? ''
  }
}

// A line break, with the white space around it: one space.
const LINE_BREAK = /[^\S\n]*\n\s*/g

function isBreak(code: number): boolean {
  return code === codes.lineFeed || code === codes.space || code === codes.tab
}

/** The index of the `]` that closes the `[` at `open`, or -1. Escaped brackets do not count. */
export function matchingBracket(source: string, open: number): number {
  let depth = 0
  BRACKETS.lastIndex = open
  for (let found = BRACKETS.exec(source); found; found = BRACKETS.exec(source)) {
    const code = source.charCodeAt(found.index)
    if (code === codes.backslash) BRACKETS.lastIndex++
    else if (code === codes.openBracket) depth++
    else if (--depth === 0) return found.index
  }
  return -1
}

function matchingParen(source: string, open: number): number {
  let depth = 0
  for (let at = open; at < source.length; at++) {
    const code = source.charCodeAt(at)
    if (code === codes.backslash) at++
    else if (code === codes.openParen) depth++
    else if (code === codes.closeParen && --depth === 0) return at
    else if (code === codes.lineFeed || code === codes.space) {
      // A destination has no white space, but a title may follow it: `(url "title")`.
      const rest = source.slice(at).trimStart()
      if (!rest.startsWith('"') && !rest.startsWith("'") && !rest.startsWith('(')) return -1
    }
  }
  return -1
}

function destination(inside: string): string {
  const trimmed = inside.trim()
  const space = trimmed.search(/\s/)
  const url = space === -1 ? trimmed : trimmed.slice(0, space)
  return url.startsWith('<') && url.endsWith('>') ? url.slice(1, -1) : url
}

/** Runs of white space as one space, trimmed. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * How far `[` outnumber `]` on a line (escapes aside): a positive balance
 * means a link is still open at its end.
 */
export function bracketBalance(line: string): number {
  // Most lines have no bracket at all.
  if (line.indexOf('[') === -1 && line.indexOf(']') === -1) return 0
  let balance = 0
  BRACKETS.lastIndex = 0
  for (let found = BRACKETS.exec(line); found; found = BRACKETS.exec(line)) {
    const code = line.charCodeAt(found.index)
    if (code === codes.backslash) BRACKETS.lastIndex++
    else balance += code === codes.openBracket ? 1 : -1
  }
  return balance
}

const BRACKETS = /[[\]\\]/g
